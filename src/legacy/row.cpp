#include "legacy/row.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "domain/client_rules.hpp"
#include "domain/rounding.hpp"

namespace the5hc::legacy {
namespace {
const Value null_value{};
}  // namespace

std::optional<double> Value::number() const {
  switch (type) {
    case Type::integer: return static_cast<double>(i);
    case Type::real: return d;
    case Type::text: {
      std::string t = domain::trim(s);
      if (t.empty()) return std::nullopt;
      double v = 0;
      auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (ec != std::errc() || p != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
      return v;
    }
    case Type::null: break;
  }
  return std::nullopt;
}

std::optional<long long> Value::integral() const {
  if (type == Type::integer) return i;
  auto v = number();
  if (!v || std::floor(*v) != *v || std::fabs(*v) > 9e15) return std::nullopt;
  return static_cast<long long>(*v);
}

std::optional<long long> Value::money() const {
  if (type == Type::integer) return i;
  auto v = number();
  if (!v || std::fabs(*v) > 9e15) return std::nullopt;
  return domain::round0(*v);
}

std::optional<std::string> Value::str() const {
  switch (type) {
    case Type::text: return s;
    case Type::integer: return std::to_string(i);
    case Type::real: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.15g", d);
      return std::string(buf);
    }
    case Type::null: break;
  }
  return std::nullopt;
}

std::optional<std::string> Value::nonblank() const {
  auto v = str();
  if (!v) return std::nullopt;
  std::string t = domain::trim(*v);
  if (t.empty()) return std::nullopt;
  return t;
}

Columns::Columns(std::vector<std::string> n) : names(std::move(n)) {
  for (size_t k = 0; k < names.size(); ++k) index.emplace(names[k], k);
}

const Value& Row::operator[](std::string_view column) const {
  auto it = columns_->index.find(std::string(column));
  if (it == columns_->index.end() || it->second >= values_.size()) return null_value;
  return values_[it->second];
}

bool Row::has(std::string_view column) const { return columns_->index.count(std::string(column)) > 0; }

long long Row::id() const { return (*this)["id"].integral().value_or(0); }

std::string Row::to_json(const std::vector<std::string>& redact) const {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (size_t k = 0; k < columns_->names.size() && k < values_.size(); ++k) {
    const Value& v = values_[k];
    auto& slot = j[columns_->names[k]];
    if (!v.null() && std::find(redact.begin(), redact.end(), columns_->names[k]) != redact.end()) {
      slot = "[redacted]";
      continue;
    }
    switch (v.type) {
      case Value::Type::null: slot = nullptr; break;
      case Value::Type::integer: slot = v.i; break;
      case Value::Type::real: slot = v.d; break;
      case Value::Type::text: slot = v.s; break;
    }
  }
  // Legacy text is not always valid UTF-8; replace rather than fail the whole import over a raw copy.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Row make_row(const std::vector<std::pair<std::string, Value>>& cells) {
  std::vector<std::string> names;
  std::vector<Value> values;
  for (const auto& [n, v] : cells) {
    names.push_back(n);
    values.push_back(v);
  }
  return Row(std::make_shared<const Columns>(std::move(names)), std::move(values));
}

}  // namespace the5hc::legacy
