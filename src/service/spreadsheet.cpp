#include "service/spreadsheet.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace the5hc::service {
namespace {

std::string text_of(const Cell& cell) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) return "";
        else if constexpr (std::is_same_v<T, std::string>) return v;
        else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
        else if constexpr (std::is_same_v<T, Cell::Decimal1>) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%.1f", v.value);
          return buf;
        } else return v.iso;
      },
      cell.value);
}

// RFC 4180 field; text that a spreadsheet would run as a formula gets a leading apostrophe.
std::string csv_field(const Cell& cell) {
  std::string s = text_of(cell);
  if (std::holds_alternative<std::string>(cell.value) && !s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@'))
    s.insert(0, 1, '\'');
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string quoted = "\"";
  for (char c : s) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

// Display width of UTF-8 text: Hangul and other wide characters count two.
double width_of(const std::string& s) {
  double w = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) w += 1;
    else if (c >= 0xE0) w += 2;  // lead byte of a 3- or 4-byte character (CJK)
  }
  return w;
}

}  // namespace

std::string to_csv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<Cell>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
    out += "\r\n";
  };
  std::vector<Cell> header;
  for (const auto& h : table.headers) header.push_back({h});
  line(header);
  for (const auto& row : table.rows) line(row);
  return out;
}

std::string to_xlsx(const Table& table) {
  char path[] = "/tmp/the5hc-export-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the export");
  close(fd);
  struct Remove {
    const char* p;
    ~Remove() { std::remove(p); }
  } remove{path};

  lxw_workbook* wb = workbook_new(path);
  if (!wb) throw std::runtime_error("cannot create the workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, table.sheet_name.c_str());
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xE0E7FF);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format* decimal = workbook_add_format(wb);
  format_set_num_format(decimal, "0.0");
  lxw_format* day = workbook_add_format(wb);
  format_set_num_format(day, "yyyy-mm-dd");

  std::vector<double> widths(table.headers.size(), 8);
  for (size_t c = 0; c < table.headers.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), table.headers[c].c_str(), head);
    widths[c] = std::max(widths[c], width_of(table.headers[c]) + 2);
  }
  lxw_row_t r = 1;
  for (const auto& row : table.rows) {
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      auto col = static_cast<lxw_col_t>(c);
      const auto& v = row[c].value;
      if (auto s = std::get_if<std::string>(&v)) worksheet_write_string(ws, r, col, s->c_str(), nullptr);
      else if (auto i = std::get_if<std::int64_t>(&v)) worksheet_write_number(ws, r, col, double(*i), nullptr);
      else if (auto x = std::get_if<Cell::Decimal1>(&v)) worksheet_write_number(ws, r, col, x->value, decimal);
      else if (auto d = std::get_if<Cell::Day>(&v)) {
        lxw_datetime dt{};
        if (std::sscanf(d->iso.c_str(), "%d-%d-%d", &dt.year, &dt.month, &dt.day) == 3)
          worksheet_write_datetime(ws, r, col, &dt, day);
      }
      widths[c] = std::max(widths[c], std::min(60.0, width_of(text_of(row[c])) + 2));
    }
    ++r;
  }
  for (size_t c = 0; c < widths.size(); ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  if (!table.headers.empty())
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                         static_cast<lxw_col_t>(table.headers.size() - 1));
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("cannot write the workbook");
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace the5hc::service
