#include "store/row.hpp"

#include <stdexcept>

namespace the5hc::store {

std::int64_t get_int(const Row& r, std::size_t i) {
  switch (r.type(i)) {
    case Row::Type::null: return 0;
    case Row::Type::integer: return r.integer(i);
    case Row::Type::real: {
      double d = r.real(i);
      return static_cast<std::int64_t>(d < 0 ? d - 0.5 : d + 0.5);
    }
    case Row::Type::text: break;
  }
  return std::stoll(std::string(r.text(i)));
}

double get_real(const Row& r, std::size_t i) {
  switch (r.type(i)) {
    case Row::Type::null: return 0.0;
    case Row::Type::integer: return static_cast<double>(r.integer(i));
    case Row::Type::real: return r.real(i);
    case Row::Type::text: break;
  }
  return std::stod(std::string(r.text(i)));
}

std::string get_text(const Row& r, std::size_t i) {
  switch (r.type(i)) {
    case Row::Type::null: return "";
    case Row::Type::integer: return std::to_string(r.integer(i));
    case Row::Type::real: return std::to_string(r.real(i));
    case Row::Type::text: break;
  }
  return std::string(r.text(i));
}

bool get_bool(const Row& r, std::size_t i) { return get_int(r, i) != 0; }

std::optional<std::int64_t> get_opt_int(const Row& r, std::size_t i) {
  if (is_null(r, i)) return std::nullopt;
  return get_int(r, i);
}

std::optional<double> get_opt_real(const Row& r, std::size_t i) {
  if (is_null(r, i)) return std::nullopt;
  return get_real(r, i);
}

std::optional<std::string> get_opt_text(const Row& r, std::size_t i) {
  if (is_null(r, i)) return std::nullopt;
  return get_text(r, i);
}

std::size_t column(const Row& r, std::string_view name) {
  // A scan: for a few reads of a row. Rows read by name on a hot path find their columns once per query instead
  // (store/assessments.cpp ReadPositions).
  for (std::size_t i = 0; i < r.size(); ++i)
    if (r.name(i) == name) return i;
  throw std::runtime_error("no column " + std::string(name));
}

}  // namespace the5hc::store
