#include "store/row.hpp"

#include <stdexcept>

namespace the5hc::store {

bool is_null(const soci::row& r, std::size_t i) { return r.get_indicator(i) == soci::i_null; }

std::int64_t get_int(const soci::row& r, std::size_t i) {
  if (is_null(r, i)) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<std::int64_t>(r.get<unsigned long long>(i));
    case soci::dt_double: {
      double d = r.get<double>(i);
      return static_cast<std::int64_t>(d < 0 ? d - 0.5 : d + 0.5);
    }
    case soci::dt_string: return std::stoll(r.get<std::string>(i));
    default: throw std::runtime_error("column " + std::to_string(i) + " is not a number");
  }
}

double get_real(const soci::row& r, std::size_t i) {
  if (is_null(r, i)) return 0.0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_double: return r.get<double>(i);
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return static_cast<double>(r.get<long long>(i));
    case soci::dt_unsigned_long_long: return static_cast<double>(r.get<unsigned long long>(i));
    case soci::dt_string: return std::stod(r.get<std::string>(i));
    default: throw std::runtime_error("column " + std::to_string(i) + " is not a number");
  }
}

std::string get_text(const soci::row& r, std::size_t i) {
  if (is_null(r, i)) return "";
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_string:
    case soci::dt_xml: return r.get<std::string>(i);
    case soci::dt_integer: return std::to_string(r.get<int>(i));
    case soci::dt_long_long: return std::to_string(r.get<long long>(i));
    case soci::dt_double: return std::to_string(r.get<double>(i));
    default: return r.get<std::string>(i);
  }
}

bool get_bool(const soci::row& r, std::size_t i) { return get_int(r, i) != 0; }

std::optional<std::int64_t> get_opt_int(const soci::row& r, std::size_t i) {
  if (is_null(r, i)) return std::nullopt;
  return get_int(r, i);
}

std::optional<double> get_opt_real(const soci::row& r, std::size_t i) {
  if (is_null(r, i)) return std::nullopt;
  return get_real(r, i);
}

std::optional<std::string> get_opt_text(const soci::row& r, std::size_t i) {
  if (is_null(r, i)) return std::nullopt;
  return get_text(r, i);
}

std::size_t column(const soci::row& r, const std::string& name) {
  // A scan (soci copies a name on every get_name()): for a few reads of a row. Rows read by name on a hot path
  // find their columns once per query instead (store/assessments.cpp ReadPositions).
  for (std::size_t i = 0; i < r.size(); ++i)
    if (r.get_properties(i).get_name() == name) return i;
  throw std::runtime_error("no column " + name);
}

}  // namespace the5hc::store
