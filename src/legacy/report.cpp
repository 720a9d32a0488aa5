#include "legacy/report.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <stdexcept>

#include "legacy/reader.hpp"

namespace the5hc::legacy {

void TableReport::skip(long long id, const std::string& reason, const std::string& detail) {
  ++skipped;
  ++reasons[reason];
  skipped_rows.push_back({id, reason, detail});
}

Report::Report() {
  for (const auto& t : table_order()) {
    TableReport r;
    r.table = t;
    tables.push_back(std::move(r));
  }
}

TableReport& Report::table(const std::string& name) {
  for (auto& t : tables)
    if (t.table == name) return t;
  throw std::logic_error("unknown legacy table " + name);
}

void Report::warn(const std::string& table, long long id, const std::string& message) {
  warnings.push_back({table, id, message});
}

TableReport Report::totals() const {
  TableReport all;
  all.table = "total";
  for (const auto& t : tables) {
    all.read += t.read;
    all.imported += t.imported;
    all.skipped += t.skipped;
    for (const auto& [r, n] : t.reasons) all.reasons[r] += n;
  }
  return all;
}

namespace {
std::string line(const TableReport& t) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%-17s%6lld%10lld%9lld", t.table.c_str(), t.read, t.imported, t.skipped);
  std::string out = buf;
  std::string reasons;
  for (const auto& [r, n] : t.reasons) reasons += (reasons.empty() ? "" : ", ") + r + " " + std::to_string(n);
  if (!reasons.empty()) out += "  " + reasons;
  return out + "\n";
}
}  // namespace

std::string Report::text() const {
  std::string out = "table              read  imported  skipped  reasons\n";
  for (const auto& t : tables) out += line(t);
  out += line(totals());
  // Row-level detail for the reasons someone has to look at; already_imported is the normal re-run case.
  for (const auto& t : tables) {
    int shown = 0;
    for (const auto& s : t.skipped_rows) {
      if (s.reason == "already_imported") continue;
      if (++shown > 20) {
        out += "  " + t.table + ": …\n";
        break;
      }
      out += "  " + t.table + " " + std::to_string(s.id) + ": " + s.reason + (s.detail.empty() ? "" : " (" + s.detail + ")") + "\n";
    }
  }
  out += "created: organization " + std::to_string(created.organization_id) + " (" + created.organization_slug + ")" +
         (created.organization_created ? "" : " existing") + ", memberships " + std::to_string(created.memberships);
  if (created.owner) out += " (owner: " + *created.owner + ")";
  out += "\n";
  for (const auto& n : created.notes) out += "note: " + n + "\n";
  out += "warnings: " + std::to_string(warnings.size()) + "\n";
  for (const auto& w : warnings) out += "  " + w.table + " " + std::to_string(w.id) + ": " + w.message + "\n";
  return out;
}

std::string Report::json(bool compact) const {
  using nlohmann::ordered_json;
  auto table_json = [compact](const TableReport& t, bool rows) {
    ordered_json j{{"table", t.table}, {"read", t.read}, {"imported", t.imported}, {"skipped", t.skipped}};
    j["reasons"] = ordered_json::object();
    for (const auto& [r, n] : t.reasons) j["reasons"][r] = n;
    if (rows) {
      j["skipped_rows"] = ordered_json::array();
      for (const auto& s : t.skipped_rows) {
        if (compact && s.reason == "already_imported") continue;
        ordered_json row{{"id", s.id}, {"reason", s.reason}};
        if (!s.detail.empty()) row["detail"] = s.detail;
        j["skipped_rows"].push_back(row);
      }
    }
    return j;
  };
  ordered_json j;
  j["source"] = source;
  j["dry_run"] = dry_run;
  j["generation"] = generation;
  j["tables"] = ordered_json::array();
  for (const auto& t : tables) j["tables"].push_back(table_json(t, true));
  auto total = table_json(totals(), false);
  total.erase("table");
  j["totals"] = total;
  j["created"] = {{"organization",
                   {{"id", created.organization_id},
                    {"slug", created.organization_slug},
                    {"name", created.organization_name},
                    {"created", created.organization_created}}},
                  {"memberships", created.memberships},
                  {"owner", created.owner ? ordered_json(*created.owner) : ordered_json(nullptr)},
                  {"notes", created.notes}};
  j["warnings"] = ordered_json::array();
  for (const auto& w : warnings) j["warnings"].push_back({{"table", w.table}, {"id", w.id}, {"message", w.message}});
  if (failed) j["failed"] = {{"table", failed->table}, {"id", failed->id}, {"message", failed->message}};
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace the5hc::legacy
