#pragma once
// A small JSON-shaped value for the `details` of risk factors, so the domain can describe them without a JSON
// library (the API layer converts it).
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace the5hc::domain {

struct DetailValue {
  using Array = std::vector<DetailValue>;
  using Object = std::vector<std::pair<std::string, DetailValue>>;  // keeps the order of the keys
  std::variant<std::monostate, bool, std::int64_t, double, std::string, Array, Object> value;

  DetailValue() = default;
  DetailValue(bool b) : value(b) {}
  DetailValue(int i) : value(std::int64_t{i}) {}
  DetailValue(std::int64_t i) : value(i) {}
  DetailValue(double d) : value(d) {}
  DetailValue(const char* s) : value(std::string(s)) {}
  DetailValue(std::string s) : value(std::move(s)) {}
  DetailValue(Array a) : value(std::move(a)) {}
  DetailValue(Object o) : value(std::move(o)) {}

  bool operator==(const DetailValue&) const = default;
};

// The value stored under `key` of an object, nullptr when absent.
const DetailValue* find_detail(const DetailValue::Object& obj, const std::string& key);

}  // namespace the5hc::domain
