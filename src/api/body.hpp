#pragma once
// Reading write bodies the one way every endpoint does (API.md §1.1, §1.6): a JSON object, a form-encoded or a
// multipart/form-data body (415/400 otherwise), unknown fields rejected, read-only fields ignored, wrong types and
// nulls reported per field, and every problem collected before anything is thrown, so a client sees all its
// mistakes at once. Form values are strings: the accessors below coerce "26", "1.5", "true"/"on" as they do in
// JSON, and an empty form value of a nullable integer, number, choice or date field is null.
#include <nlohmann/json.hpp>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>

#include "common/error.hpp"
#include "http/message.hpp"

namespace the5hc::api {

class Body {
 public:
  // `writable`: accepted keys; `read_only`: ignored keys (so a GET result can be PUT back).
  Body(const http::Request& req, std::set<std::string> writable, std::set<std::string> read_only = {});
  explicit Body(nlohmann::json object, std::set<std::string> writable, std::set<std::string> read_only = {});

  bool has(const std::string& key) const { return json_.contains(key); }
  bool is_null(const std::string& key) const { return has(key) && json_.at(key).is_null(); }
  const nlohmann::json& json() const { return json_; }

  // Absent → nullopt (and "This field is required." when required). `nullable`: null → nullopt, otherwise
  // "This field may not be null.". Strings are trimmed; "" is "This field may not be blank." unless allow_blank.
  std::optional<std::string> text(const std::string& key, bool required = false, bool nullable = false,
                                  std::size_t max_chars = 0, bool allow_blank = false);
  // Without `min`/`max` the value must fit 32 bits (the schema's integer columns).
  std::optional<std::int64_t> integer(const std::string& key, bool required = false, bool nullable = false,
                                      std::optional<std::int64_t> min = std::nullopt,
                                      std::optional<std::int64_t> max = std::nullopt);
  // Won: any 64-bit integer (the domain judges the range of money, up to domain::max_amount).
  std::optional<std::int64_t> amount(const std::string& key, bool required = false, bool nullable = false,
                                     std::optional<std::int64_t> min = std::nullopt) {
    return integer(key, required, nullable, min.value_or(std::numeric_limits<std::int64_t>::min()),
                   std::numeric_limits<std::int64_t>::max());
  }
  std::optional<double> number(const std::string& key, bool required = false, bool nullable = false);
  std::optional<bool> boolean(const std::string& key, bool required = false);
  // One of `choices` ("\"{v}\" is not a valid choice.").
  std::optional<std::string> choice(const std::string& key, const std::set<std::string>& choices,
                                    bool required = false, bool nullable = false);
  // "YYYY-MM-DD" ("Date has wrong format. Use YYYY-MM-DD.").
  std::optional<std::string> date(const std::string& key, bool required = false, bool nullable = false);

  void error(const std::string& key, const std::string& message) { errors_[key].push_back(message); }
  FieldErrors& errors() { return errors_; }
  // Throws Error::validation with everything collected, if anything.
  void finish() const;

 private:
  void check_keys(const std::set<std::string>& writable, const std::set<std::string>& read_only);
  const nlohmann::json* value(const std::string& key, bool required, bool nullable, bool empty_is_null = false);
  nlohmann::json json_;
  bool from_form_ = false;
  FieldErrors errors_;
};

}  // namespace the5hc::api
