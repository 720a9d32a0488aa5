// The audit log page /audit/ (WEB.md §4.7; owners their organisation, the superuser everything): filters 기간,
// 사용자, 작업 (Korean action labels), 대상; rows 일시 | 사용자 | 작업 | 대상 | IP that open into the before/after diff.
#include "web/audit.hpp"

#include <algorithm>
#include <set>

#include "config/config.hpp"
#include "domain/audit_actions.hpp"
#include "front/context.hpp"
#include "service/audit_log.hpp"
#include "web/format.hpp"
#include "web/listing.hpp"
#include "web/page.hpp"

namespace the5hc::web {
namespace {


// The kinds of object the audit log records (the 대상 filter), with their labels.
struct ObjectKind {
  const char* code;
  const char* label;  // msgid
};
constexpr ObjectKind kObjectKinds[] = {
    {"client", "Client"},         {"assessment", "Assessment"}, {"package", "Package"},
    {"session", "Session"},       {"payment", "Payment"},       {"report", "Report"},
    {"trainer", "Trainer account"},       {"invitation", "Invitation"}, {"organization", "Organisation"},
    {"user", "User"},
};

// The query string without `page`, percent-encoded (the pager's links keep the filters).
std::string filters_query(const http::QueryParams& q) {
  std::string out;
  for (const auto& [k, v] : q)
    if (k != "page" && !v.empty()) out += (out.empty() ? "" : "&") + http::url_encode(k) + "=" + http::url_encode(v);
  return out;
}

std::string value_text(const json& v) {
  if (v.is_null()) return "-";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// Field | 이전 | 이후 for every key of either side (creations have only "after", deletions only "before").
json diff(const std::optional<std::string>& before_text, const std::optional<std::string>& after_text) {
  auto parse = [](const std::optional<std::string>& t) {
    auto v = t ? json::parse(*t, nullptr, false) : json(nullptr);
    return v.is_object() ? v : json::object();
  };
  json before = parse(before_text), after = parse(after_text);
  std::set<std::string> keys;
  for (const auto& [k, v] : before.items()) keys.insert(k);
  for (const auto& [k, v] : after.items()) keys.insert(k);
  json rows = json::array();
  for (const auto& k : keys)
    rows.push_back({{"field", k},
                    {"before", before.contains(k) ? value_text(before[k]) : "-"},
                    {"after", after.contains(k) ? value_text(after[k]) : "-"}});
  return rows;
}

json entry_json(const store::AuditRecord& r, Lang lang, const std::string& zone) {
  const auto& e = r.entry;
  const domain::Label* label = domain::audit_action_label(e.action);
  auto rows = diff(e.before, e.after);
  return {{"id", r.id},
          {"when", local_date_time(r.created_at, r.organization_timezone.value_or(zone))},
          {"user", r.user_name.empty() ? "-" : r.user_name},
          {"action", label ? (lang == Lang::en ? label->en : label->ko) : e.action},
          {"object", e.object_repr.empty() ? e.object_type : e.object_repr},
          {"ip", e.ip_address.empty() ? "-" : e.ip_address},
          {"diff", rows},
          {"has_diff", !rows.empty()}};
}

json choices(const http::QueryParams& q, const service::AuditPage& page, Lang lang) {
  auto selected = [&](const char* name, const std::string& value) { return q.get(name) == std::optional(value); };
  json actions = json::array();
  for (const auto& l : domain::audit_action_labels())
    actions.push_back({{"code", l.code}, {"label", lang == Lang::en ? l.en : l.ko}, {"selected", selected("action", l.code)}});
  json kinds = json::array();
  for (const auto& k : kObjectKinds)
    kinds.push_back({{"code", k.code}, {"label", i18n::tr(lang, k.label)}, {"selected", selected("object_type", k.code)}});
  json users = json::array();
  for (const auto& u : page.users)
    users.push_back({{"id", u.id}, {"name", u.name}, {"selected", selected("user", std::to_string(u.id))}});
  return {{"actions", actions}, {"kinds", kinds}, {"users", users},
          {"date_from", q.get("date_from").value_or("")}, {"date_to", q.get("date_to").value_or("")}};
}

}  // namespace

void register_audit_routes(http::Router& router, const service::Dependencies& deps) {
  page_route(router, "GET", "/audit/", [&deps](http::Request& req) {
    const auto& q = req.query;
    service::AuditQuery query;
    if (auto a = q.get("action"); a && domain::audit_action_label(*a)) query.action = a;
    if (auto k = q.get("object_type"))
      for (const auto& kind : kObjectKinds)
        if (*k == kind.code) query.object_type = k;
    query.user_id = number(q, "user");
    query.date_from = day(q, "date_from");
    query.date_to = day(q, "date_to");
    query.with_users = true;
    int page = static_cast<int>(std::clamp<std::int64_t>(number(q, "page").value_or(1), 1, 100000));
    auto ctx = front::context(req, deps);
    auto list = service::list_audit_log(ctx, query, kPageSize, (page - 1) * kPageSize);
    std::string zone = ctx.actor && ctx.actor->organization ? ctx.actor->organization->timezone : deps.config.time_zone;
    json entries = json::array();
    for (const auto& r : list.results) entries.push_back(entry_json(r, req.lang, zone));
    std::string filters = filters_query(q);
    auto url = [&](int p) { return "/audit/?" + filters + (filters.empty() ? "" : "&") + "page=" + std::to_string(p); };
    Page p;
    p.title = i18n::tr(req.lang, "Audit log");
    p.content = "audit/list";
    p.fragments = {{"audit-list", "audit/_entries"}};
    p.data = {{"entries", entries},
              {"has_entries", !entries.empty()},
              {"total", plural(req.lang, "{n} entry in total", "{n} entries in total", list.count)},
              {"filters", choices(q, list, req.lang)},
              {"previous", page > 1 ? json(url(page - 1)) : json(nullptr)},
              {"next", std::int64_t(page) * kPageSize < list.count ? json(url(page + 1)) : json(nullptr)}};
    return respond(req, deps, std::move(p));
  }, "web-audit");
}

}  // namespace the5hc::web
