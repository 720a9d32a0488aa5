// Share links (issue 15). For the trainer: the "결과 공유 링크" section of the client page (create with expiry,
// language and the client's consent, list, revoke, copy). For the client: /s/{token}/, mobile first, in the
// link's language, showing only the results issue 15 lists, and /s/{token}/report.pdf — without an account.
// The public responses are never cached, indexed or given a Referer (the token is the only key).
#include "web/share.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/clock.hpp"
#include "common/time.hpp"
#include "domain/grades.hpp"
#include "domain/mcq.hpp"
#include "domain/report_rules.hpp"
#include "domain/risk.hpp"
#include "domain/share_links.hpp"
#include "front/context.hpp"
#include "http/download.hpp"
#include "http/urls.hpp"
#include "service/reports.hpp"
#include "service/share_links.hpp"
#include "web/format.hpp"
#include "web/listing.hpp"
#include "web/page.hpp"
#include "web/score_chart.hpp"

namespace the5hc::web {
namespace {

namespace d = the5hc::domain;

// --- the client page's section -----------------------------------------------------------------------------

std::string links_path(std::int64_t client_id) { return "/clients/" + std::to_string(client_id) + "/share-links/"; }

json link_row(const store::ShareLink& l, const std::string& zone, const std::string& now, Lang lang) {
  auto status = d::share_link_status(l.expires_at, l.revoked_at.has_value(), now);
  return {{"id", l.id},
          {"client_id", l.client_id},
          {"status", label(d::share_link_status_label(status), lang)},
          {"status_code", d::share_link_status_label(status).code},
          {"active", status == d::ShareLinkStatus::active},
          {"created", local_date_time(l.created_at, zone)},
          {"expires", local_date_time(l.expires_at, zone)},
          {"creator", l.created_by_name},
          {"views", plural(lang, "{n} view", "{n} views", l.view_count)},
          {"language", l.language == "en" ? "English" : "한국어"},
          {"revoke_question", i18n::tr(lang, "Revoke this link? The client can no longer open it.")}};
}

json links_json(const std::vector<store::ShareLink>& links, const std::string& zone, const service::Dependencies& deps,
                Lang lang) {
  const std::string now = format_timestamp(deps.clock.now());
  json rows = json::array();
  for (const auto& l : links) rows.push_back(link_row(l, zone, now, lang));
  return rows;
}

// The form's values (defaults on first show) and its errors.
json form_json(std::int64_t client_id, const http::QueryParams& f, json errors) {
  std::string days = f.get("expires_in_days").value_or(std::to_string(d::kShareLinkDefaultDays));
  return {{"action", links_path(client_id)},
          {"days", days},
          {"max_days", d::kShareLinkMaxDays},
          {"ko", f.get("language").value_or("ko") != "en"},
          {"en", f.get("language") == std::optional<std::string>("en")},
          {"consent", f.get("consent").has_value()},
          {"errors", std::move(errors)}};
}

Page links_page(const http::Request& req, std::int64_t client_id, json data) {
  Page p;
  p.title = i18n::tr(req.lang, "Share results");
  p.content = "share/links";
  p.fragments = {{"share-links", "share/_links"}, {"share-link-form", "share/_form"}};
  data["client_id"] = client_id;
  data["client_url"] = "/clients/" + std::to_string(client_id) + "/";
  p.data = std::move(data);
  return p;
}

http::Response list_links(const http::Request& req, const service::Dependencies& deps) {
  auto id = front::path_id(req);
  auto links = service::list_share_links(front::context(req, deps), id);
  json data = {{"links", links_json(links.results, links.zone, deps, req.lang)},
               {"has_links", !links.results.empty()},
               {"form", form_json(id, {}, json::object())}};
  return respond(req, deps, links_page(req, id, std::move(data)));
}

// HTMX: success answers the whole section (the form's hx-target), a refusal only the form, retargeted to it.
http::Response create_link(http::Request& req, const service::Dependencies& deps) {
  const bool htmx = req.headers.has("HX-Request");
  auto id = front::path_id(req);
  auto f = form(req);
  service::NewShareLink in;
  auto days = number(f, "expires_in_days");
  in.expires_in_days = days ? static_cast<int>(*days) : 0;  // empty or not a number: the range error
  in.consent = f.get("consent").has_value();
  in.language = f.get("language") == std::optional<std::string>("en") ? Lang::en : Lang::ko;
  try {
    auto created = service::create_share_link(front::context(req, deps), id, in);
    json data = {{"links", links_json(created.links, created.zone, deps, req.lang)},
                 {"has_links", true},
                 {"form", form_json(id, {}, json::object())},
                 {"created", {{"url", http::absolute_url(req, "/s/" + created.token + "/")}}}};
    auto page = links_page(req, id, std::move(data));
    if (htmx) req.headers.set("HX-Target", "share-links");
    auto res = respond(req, deps, std::move(page));
    if (htmx)
      res.headers.set("HX-Trigger", hx_trigger({{"showMessage", {{"level", "success"},
                                                                 {"text", i18n::tr(req.lang, "The share link has been created.")}}}}));
    return res;
  } catch (const Error& e) {
    if (e.code() != ErrorCode::validation) throw;
    // Only the form comes back (nothing was written, the list is unchanged on the page).
    json data = {{"form", form_json(id, f, field_errors(e, req.lang))}, {"links", json::array()}};
    auto page = links_page(req, id, std::move(data));
    page.status = 422;
    if (htmx) req.headers.set("HX-Target", "share-link-form");
    auto res = respond(req, deps, std::move(page));
    if (htmx) {
      res.headers.set("HX-Retarget", "#share-link-form");
      res.headers.set("HX-Reswap", "outerHTML");
    }
    return res;
  }
}

http::Response revoke_link(const http::Request& req, const service::Dependencies& deps) {
  auto id = front::path_id(req);
  auto revoked = service::revoke_share_link(front::context(req, deps), id, front::path_id(req, "link_id"));
  std::string message = i18n::tr(req.lang, "The share link has been revoked.");
  if (!req.headers.has("HX-Request")) return see_other(req, deps, "/clients/" + std::to_string(id) + "/", "success", message);
  // The row swaps itself.
  auto res = fragment(req, "share/_link_row",
                      link_row(revoked.row, revoked.zone, format_timestamp(deps.clock.now()), req.lang));
  res.headers.set("HX-Trigger", hx_trigger({{"showMessage", {{"level", "success"}, {"text", message}}}}));
  return res;
}

// --- the public page -----------------------------------------------------------------------------------------

constexpr d::Category kCategories[] = {d::Category::strength, d::Category::mobility, d::Category::balance,
                                       d::Category::cardio};

std::optional<double> category_score(const d::AssessmentScores& s, d::Category c) {
  switch (c) {
    case d::Category::strength: return s.strength_score;
    case d::Category::mobility: return s.mobility_score;
    case d::Category::balance: return s.balance_score;
    case d::Category::cardio: return s.cardio_score;
  }
  return std::nullopt;
}

const char* band_class(double score) {
  if (score >= 90) return "score-excellent";
  if (score >= 80) return "score-good";
  if (score >= 70) return "score-fair";
  if (score >= 60) return "score-average";
  return "score-poor";
}

// The radar chart of the four categories as SVG (0–100, grid every 20), drawn here so the phone needs no script
// for it: strength up, mobility right, balance down, cardio left.
json radar(const d::AssessmentScores& s, Lang lang) {
  constexpr double cx = 180, cy = 120, r = 75;  // the 360 × 230 box leaves room for "심폐지구력 100.0" on the sides
  auto point = [&](int axis, double value) {
    double angle = -M_PI / 2 + axis * M_PI / 2;
    return std::pair{cx + std::cos(angle) * r * value / 100, cy + std::sin(angle) * r * value / 100};
  };
  auto polygon = [&](auto value_of) {
    std::string pts;
    for (int i = 0; i < 4; ++i) {
      auto [x, y] = point(i, value_of(i));
      pts += (i ? " " : "") + one_decimal(x) + "," + one_decimal(y);
    }
    return pts;
  };
  json grid = json::array();
  for (int level = 20; level <= 100; level += 20) grid.push_back(polygon([&](int) { return double(level); }));
  json axes = json::array(), labels = json::array();
  for (int i = 0; i < 4; ++i) {
    auto [x, y] = point(i, 100);
    axes.push_back({{"x", one_decimal(x)}, {"y", one_decimal(y)}});
    auto [lx, ly] = point(i, 112);
    auto score = category_score(s, kCategories[i]);
    labels.push_back({{"x", one_decimal(lx)}, {"y", one_decimal(ly + (i == 0 ? -2 : i == 2 ? 10 : 4))},
                      {"anchor", i == 1 ? "start" : i == 3 ? "end" : "middle"},
                      {"text", label(d::category_label(kCategories[i]), lang) + (score ? " " + one_decimal(*score) : "")}});
  }
  return {{"cx", one_decimal(cx)}, {"cy", one_decimal(cy)}, {"grid", grid}, {"axes", axes}, {"labels", labels},
          {"shape", polygon([&](int i) { return std::clamp(category_score(s, kCategories[i]).value_or(0), 0.0, 100.0); })}};
}

json results_json(const service::SharedResults& r, Lang lang) {
  json v = {{"client", r.client_name},
            {"heading", i18n::translate(lang, "{name}'s fitness assessment results", {{"name", r.client_name}})},
            {"organization", r.organization_name.empty() ? "The5HC" : r.organization_name}};
  if (r.next_retest) v["next_retest"] = long_date(*r.next_retest, lang);
  if (r.remaining_sessions)
    v["remaining_sessions"] = plural(lang, "{n} session", "{n} sessions", *r.remaining_sessions);
  if (!r.latest) return v;
  const auto& a = r.latest->row;
  const auto& e = r.latest->evaluation;
  json latest = {{"date", long_date(a.meta.date, lang)}};
  if (auto overall = e.scores.overall_score) {
    latest["overall"] = {{"value", one_decimal(*overall)}, {"band", label(d::score_band(*overall), lang)},
                         {"class", band_class(*overall)}};
  }
  latest["radar"] = radar(e.scores, lang);
  json bars = json::array();
  for (int i = 0; i < 4; ++i) {
    auto score = category_score(e.scores, kCategories[i]);
    json bar = {{"name", label(d::category_label(kCategories[i]), lang)}, {"code", d::category_label(kCategories[i]).code}};
    if (score)
      bar.update({{"value", one_decimal(*score)}, {"width", static_cast<int>(std::lround(std::clamp(*score, 0.0, 100.0)))},
                  {"band", label(d::score_band(*score), lang)}, {"scored", true}});
    else bar["scored"] = false;
    bars.push_back(bar);
  }
  latest["bars"] = bars;
  const auto& level = d::risk_level_label(e.risk.level);
  json concerns = json::array();
  for (auto i : e.risk.primary_concerns)
    if (i < e.risk.factors.size())
      concerns.push_back(lang == Lang::en ? e.risk.factors[i].label_en : e.risk.factors[i].label_ko);
  latest["risk"] = {{"level", label(level, lang)}, {"code", level.code}, {"concerns", concerns},
                    {"has_concerns", !concerns.empty()}};
  json suggestions = json::array();
  for (auto c : kCategories) {
    auto lines = d::category_suggestions(c, category_score(e.scores, c), lang);
    if (!lines.empty()) suggestions.push_back({{"title", d::suggestion_title(c, lang)}, {"lines", lines}});
  }
  if (e.mcq.has_responses) {
    json lines = json::array();
    for (const auto& [code, score] : e.mcq.category_scores)
      if (score)
        for (const auto* text : d::mcq_recommendations(code, *score)) lines.push_back(i18n::tr(lang, text));
    if (!lines.empty()) suggestions.push_back({{"title", i18n::tr(lang, "From the questionnaire")}, {"lines", lines}});
  }
  latest["suggestions"] = suggestions;
  latest["all_good"] = suggestions.empty();
  json programme = json::array();
  for (const auto& phase : d::twelve_week_programme())
    programme.push_back({{"weeks", lang == Lang::en ? phase.weeks_en : phase.weeks},
                         {"description", lang == Lang::en ? phase.description_en : phase.description}});
  latest["programme"] = programme;
  v["latest"] = latest;
  v["history_chart"] = score_history_chart(r.history, lang);
  v["has_history"] = r.history.size() >= 2;
  return v;
}

// A token as links carry it: 22 characters of URL-safe base64. Anything else names no link (still counted).
bool token_shaped(const std::string& token) {
  return token.size() == 22 &&
         token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos;
}

void private_headers(http::Headers& h) {
  h.set("Cache-Control", "no-store");
  h.set("Referrer-Policy", "no-referrer");
  h.set("X-Robots-Tag", "noindex, nofollow");
}

// Public routes: no login; every answer, errors included, carries the private headers.
void public_route(http::Router& router, const std::string& path, http::Handler handler, std::string name) {
  router.add("GET", path, [handler = std::move(handler)](http::Request& req) {
    try {
      auto res = handler(req);
      private_headers(res.headers);
      return res;
    } catch (Error& e) {
      e.headers["Cache-Control"] = "no-store";
      e.headers["Referrer-Policy"] = "no-referrer";
      e.headers["X-Robots-Tag"] = "noindex, nofollow";
      throw;
    }
  }, std::move(name));
}

http::Response gone(http::Request& req, const service::Dependencies& deps) {
  req.lang = Lang::ko;  // issue 15: the 410 page is Korean
  Page p;
  p.title = i18n::tr(req.lang, "This link has expired or is no longer available.");
  p.content = "share/gone";
  p.status = 410;
  p.data = {{"public_page", true}};
  return respond(req, deps, std::move(p));
}

http::Response public_page(http::Request& req, const service::Dependencies& deps) {
  const std::string& token = req.param("token");
  auto results = service::shared_results(front::context(req, deps), deps.limiter, token);
  if (results.gone) return gone(req, deps);
  req.lang = results.lang;
  json data = results_json(results, req.lang);
  if (results.latest && token_shaped(token)) data["pdf_url"] = "/s/" + token + "/report.pdf";
  data["public_page"] = true;
  data["og_title"] = i18n::translate(req.lang, "{organization} fitness assessment results",
                                     {{"organization", data["organization"].get<std::string>()}});
  Page p;
  p.title = data["og_title"];
  p.content = "share/public";
  p.data = std::move(data);
  return respond(req, deps, std::move(p));
}

http::Response public_report(http::Request& req, const service::Dependencies& deps) {
  auto file = service::shared_report(front::context(req, deps), deps.limiter, req.param("token"));
  if (!file) return gone(req, deps);
  // no id in the name: the link reveals nothing beyond the client's own report
  return http::file_download("application/pdf", std::move(file->pdf), "fitness_assessment.pdf",
                             file->report.file_name, false);
}

}  // namespace

void register_share_routes(http::Router& router, const service::Dependencies& deps) {
  page_route(router, "GET", "/clients/{id:int}/share-links/", [&deps](http::Request& req) {
    return list_links(req, deps);
  }, "web-share-links");
  page_route(router, "POST", "/clients/{id:int}/share-links/", [&deps](http::Request& req) {
    return create_link(req, deps);
  }, "web-share-link-create");
  page_route(router, "POST", "/clients/{id:int}/share-links/{link_id:int}/revoke/", [&deps](http::Request& req) {
    return revoke_link(req, deps);
  }, "web-share-link-revoke");

  public_route(router, "/s/{token}/", [&deps](http::Request& req) { return public_page(req, deps); }, "share-page");
  public_route(router, "/s/{token}/report.pdf", [&deps](http::Request& req) { return public_report(req, deps); },
               "share-page-pdf");
}

}  // namespace the5hc::web
