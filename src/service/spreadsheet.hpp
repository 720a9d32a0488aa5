#pragma once
// Tables written as CSV or Excel files for the exports (WEB.md §6): the one place that knows the byte formats, for
// the client list today and the payments list later.
//   CSV: UTF-8 with BOM (so Excel opens Korean correctly), CRLF line ends, RFC 4180 quoting, and cells starting
//        with = + - @ prefixed with ' (formula injection).
//   XLSX (libxlsxwriter): one sheet, bold filled header, frozen first row, auto filter, typed cells (numbers,
//        one-decimal numbers, dates as date cells), column widths fitted to the content.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace the5hc::service {

struct Cell {
  struct Decimal1 {  // a number shown with one decimal (BMI, scores)
    double value;
  };
  struct Day {  // YYYY-MM-DD, a date cell in Excel
    std::string iso;
  };
  std::variant<std::monostate, std::string, std::int64_t, Decimal1, Day> value;
};

struct Table {
  std::string sheet_name;
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
};

std::string to_csv(const Table& table);
std::string to_xlsx(const Table& table);  // throws std::runtime_error when the file cannot be written

}  // namespace the5hc::service
