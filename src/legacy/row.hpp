#pragma once
// One row of a legacy table with its values as SQLite stored them. Legacy files have loose affinities (an INTEGER
// column may hold REAL or TEXT, LEGACY.md §3), so values keep their runtime type and are converted on use.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace the5hc::legacy {

struct Value {
  enum class Type { null, integer, real, text };
  Type type = Type::null;
  long long i = 0;
  double d = 0;
  std::string s;

  static Value integer(long long v) { return Value{Type::integer, v, 0, {}}; }
  static Value real(double v) { return Value{Type::real, 0, v, {}}; }
  static Value text(std::string v) { return Value{Type::text, 0, 0, std::move(v)}; }

  bool null() const { return type == Type::null; }
  std::optional<double> number() const;     // integer, real or numeric text
  std::optional<long long> integral() const;  // a number without fraction (30, 30.0, "30")
  std::optional<long long> money() const;     // round0 of a number (60000.0 → 60000)
  std::optional<std::string> str() const;     // text as stored; numbers formatted; NULL → nullopt
  // Trimmed text; NULL and blank → nullopt (legacy files store '' where they mean "none").
  std::optional<std::string> nonblank() const;
};

struct Columns {
  std::vector<std::string> names;
  std::unordered_map<std::string, size_t> index;
  explicit Columns(std::vector<std::string> n);
};

class Row {
 public:
  Row(std::shared_ptr<const Columns> columns, std::vector<Value> values)
      : columns_(std::move(columns)), values_(std::move(values)) {}
  // A column the file lacks reads as NULL (LEGACY.md §1: never assume a column exists).
  const Value& operator[](std::string_view column) const;
  bool has(std::string_view column) const;
  long long id() const;
  // The raw row for legacy_import_rows.raw. Columns in `redact` are written as "[redacted]": a legacy password hash
  // must not outlive its upgrade to argon2id in a copy.
  std::string to_json(const std::vector<std::string>& redact = {}) const;

 private:
  std::shared_ptr<const Columns> columns_;
  std::vector<Value> values_;
};

// Builds a row from (column, value) pairs — for tests and generated data.
Row make_row(const std::vector<std::pair<std::string, Value>>& cells);

}  // namespace the5hc::legacy
