// The hostile-input corpus (issue 17 part 4) against every write route of the real router (support/hostile_routes):
// malformed and deeply nested JSON, wrong types, NaN/Infinity/1e309, huge numbers, invalid UTF-8 and NUL bytes,
// 200 KB strings, impossible dates and times, duplicate keys, SQL and template metacharacters; CSRF missing, wrong
// and cross-origin on every web POST; forged JWTs on every API write; session fixation at the web login. Rejected
// input must get a clear 4xx (JSON at the API, a page on the web), never a 5xx, and must change no data: a
// fingerprint of every table is taken before and after each route's refused requests (and, for the input corpus,
// when it moved, before and after each one of them, to name the culprit). Stored payloads are then rendered on every page and in the
// PDF report and must come out escaped (HTML) or literal (pdftotext).
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "auth/jwt.hpp"
#include "auth/tokens.hpp"
#include "config/config.hpp"
#include "http/message.hpp"
#include "store/database.hpp"
#include "support/hostile_routes.hpp"
#include "support/org_world.hpp"
#include "support/records.hpp"
#include "support/route_table.hpp"
#include "support/web_browser.hpp"

using namespace the5hc;
using namespace the5hc::testing;
using nlohmann::json;

namespace {

const std::string kSecret = "test-secret-key-that-is-long-enough-for-the-deploy-check-0123456789";  // base_env's

// Every table's rows, each rendered as text and sorted; tables that reads and sign-ins touch are left out.
class Fingerprint {
 public:
  explicit Fingerprint(const TestDatabase& db) : db_(parse_database_url(db.url()), 1) {}

  std::map<std::string, std::string> take() {
    std::map<std::string, std::string> out;
    if (db_.dialect() == store::Dialect::postgres) return take_postgres();
    db_.read([&](soci::session& s) {
      std::vector<std::string> tables;
      std::string listing = db_.dialect() == store::Dialect::sqlite
                                ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                                : "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename";
      soci::rowset<std::string> names = (s.prepare << listing);
      for (const auto& n : names)
        if (!kVolatile.count(n)) tables.push_back(n);
      for (const auto& t : tables) {
        std::vector<std::string> rows;
        soci::rowset<soci::row> rs = (s.prepare << "SELECT * FROM " + t);
        for (const auto& r : rs) rows.push_back(render(r));
        std::sort(rows.begin(), rows.end());
        std::string all;
        for (auto& r : rows) all += r + "\n";
        out[t] = std::move(all);
      }
    });
    return out;
  }

  // PostgreSQL: one round trip, every table's rows as text, sorted and hashed by the server.
  std::map<std::string, std::string> take_postgres() {
    std::map<std::string, std::string> out;
    db_.read([&](soci::session& s) {
      if (union_.empty()) {
        soci::rowset<std::string> names =
            (s.prepare << "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
        for (const auto& n : names) {
          if (kVolatile.count(n)) continue;
          if (!union_.empty()) union_ += " UNION ALL ";
          union_ += "SELECT '" + n + "', md5(COALESCE(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"" + n +
                    "\" t";
        }
      }
      soci::rowset<soci::row> rs = (s.prepare << union_);
      for (const auto& r : rs) out[r.get<std::string>(0)] = r.get<std::string>(1);
    });
    return out;
  }

  // The tables whose rows differ.
  static std::string diff(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b) {
    std::string out;
    for (const auto& [t, rows] : a) {
      auto it = b.find(t);
      if (it == b.end() || it->second != rows) out += " " + t;
    }
    return out;
  }

 private:
  // Sessions and tokens are written by every sign-in and page view, the rate limiter's and the migrations' book-
  // keeping by any request; none of them is studio data.
  static inline const std::set<std::string> kVolatile = {
      "web_sessions", "refresh_tokens", "schema_migrations", "rate_limits", "django_session", "token_blacklist"};

  static std::string render(const soci::row& r) {
    std::string out;
    for (std::size_t i = 0; i < r.size(); ++i) {
      const auto& p = r.get_properties(i);
      out += p.get_name() + "=";
      if (r.get_indicator(i) == soci::i_null) {
        out += "<null>|";
        continue;
      }
      switch (p.get_data_type()) {
        case soci::dt_string: out += r.get<std::string>(i); break;
        case soci::dt_double: out += std::to_string(r.get<double>(i)); break;
        case soci::dt_integer: out += std::to_string(r.get<int>(i)); break;
        case soci::dt_long_long: out += std::to_string(r.get<long long>(i)); break;
        case soci::dt_unsigned_long_long: out += std::to_string(r.get<unsigned long long>(i)); break;
        case soci::dt_date: {
          std::tm tm = r.get<std::tm>(i);
          char buf[32];
          std::strftime(buf, sizeof buf, "%F %T", &tm);
          out += buf;
          break;
        }
        default: out += "?"; break;
      }
      out += "|";
    }
    return out;
  }

  store::Database db_;
  std::string union_;
};

// One hostile request: its label (for messages), body, content type, and whether the input must be refused.
struct Attempt {
  std::string label, body, content_type;
  bool must_reject = true;
};

const std::string kBig(200 * 1024, 'x');
const std::vector<std::string> kImpossibleDates = {"2025-02-29", "2026-13-01", "0000-00-00", "99999-01-01", "2026-1-1"};
const std::vector<std::string> kImpossibleTimes = {"25:00", "12:60", "10:00:99", "9:5"};
// Stored as they are where text is free, refused where it is not; never a 5xx.
const std::vector<std::string> kMetacharacters = {"'; DROP TABLE clients; --\" OR 1=1 --",
                                                  "{{csrf_token}}{{{title}}}{{#t}}x{{/t}}",
                                                  "<script>alert(1)</script>%s%n\\'"};

bool looks_like(const std::string& s, const char* pattern) { return std::regex_match(s, std::regex(pattern)); }
bool is_date(const std::string& s) { return looks_like(s, R"(\d{4}-\d{2}-\d{2}|\{future\})"); }
bool is_time(const std::string& s) { return looks_like(s, R"(\d{2}:\d{2}(:\d{2})?)"); }
bool is_money(const std::string& key) { return key.find("amount") != std::string::npos || key.ends_with("price"); }
bool is_number_text(const std::string& s) { return looks_like(s, R"(-?\d+(\.\d+)?)"); }

// The JSON body `base` with `key` replaced by the raw JSON text `raw` (which need not be valid JSON).
std::string with_raw(json base, const std::string& key, const std::string& raw) {
  base[key] = "@@RAW@@";
  std::string text = base.dump();
  auto at = text.find("\"@@RAW@@\"");
  return text.replace(at, 9, raw);
}

std::string nested(int depth, const std::string& open, const std::string& inner, const std::string& close) {
  std::string out;
  out.reserve(depth * (open.size() + close.size()) + inner.size());
  for (int i = 0; i < depth; ++i) out += open;
  out += inner;
  for (int i = 0; i < depth; ++i) out += close;
  return out;
}

std::vector<Attempt> json_attempts(const json& base) {
  const std::string jt = "application/json";
  std::vector<Attempt> out = {
      {"truncated object", "{", jt},
      {"trailing comma", R"({"a":1,})", jt},
      {"array instead of object", "[]", jt},
      {"string instead of object", "\"x\"", jt},
      {"null body", "null", jt},
      {"garbage after the object", base.dump() + "}}", jt},
      {"100000-deep array", nested(100000, "[", "", "]"), jt},
      {"20000-deep object", nested(20000, "{\"k\":", "1", "}"), jt},
      {"raw NUL byte", std::string("{\0}", 3), jt},
      {"text/plain", base.dump(), "text/plain"},
      {"form body sent as JSON", "a=1&b=2", jt},
  };
  if (!base.empty()) {
    std::string first = base.begin().key();
    std::string dup = base.dump();
    dup.insert(1, json(first).dump() + ":" + base.begin().value().dump() + ",");
    out.push_back({"duplicate key " + first, dup, jt});
  }
  for (const auto& [key, value] : base.items()) {
    auto add = [&](const std::string& what, const std::string& raw, bool reject = true) {
      out.push_back({key + " = " + what, with_raw(base, key, raw), jt, reject});
    };
    add("1e309", "1e309");
    add("NaN", "NaN");
    if (key == base.begin().key()) add("a 30000-deep array", nested(30000, "[", "", "]"));
    if (value.is_number()) {
      for (std::string raw : {"\"abc\"", "{}", "[]", "true", "\"nan\"", "\"Infinity\"", "\"--1\"", "\"1-2\"",
                              "18446744073709551616", "-9223372036854775809", "1e300", "\"0x10\""})
        add(raw, raw);
      // beyond 32 bits: cut short by a cast it would pass as another number; money goes up to 10¹² won
      add(is_money(key) ? "1000000000001" : "4294967326", is_money(key) ? "1000000000001" : "4294967326");
      if (value.is_number_integer()) add("0.5", "0.5", false);  // seconds and centimetres may be fractional
      add("-1", "-1", false);
      add("0", "0", false);
    } else if (value.is_string()) {
      const auto& s = value.get_ref<const std::string&>();
      for (std::string raw : {"{}", "[]", "123", "true"}) add(raw, raw);
      add("a NUL character", "\"a\\u0000b\"");
      add("a lone surrogate", "\"a\\ud800b\"");
      add("invalid UTF-8 bytes", "\"a\xff\xfe" "b\"");
      add("200 KB", json(kBig).dump());
      if (is_date(s))
        for (const auto& d : kImpossibleDates) add("date " + d, json(d).dump());
      if (is_time(s))
        for (const auto& t : kImpossibleTimes) add("time " + t, json(t).dump());
      for (const auto& m : kMetacharacters) add("metacharacters " + m, json(m).dump(), false);
    } else if (value.is_boolean()) {
      for (std::string raw : {"\"maybe\"", "2", "4294967297", "-1", "{}", "[]"}) add(raw, raw);
    } else {  // object or array
      for (std::string raw : {"1", "true"}) add(raw, raw);
      add("\"x\"", "\"x\"", !value.is_array());  // a list field takes one text as a one-item list
    }
  }
  return out;
}

std::string form_encode(const json& fields) {
  std::string out;
  for (const auto& [k, v] : fields.items()) {
    if (!out.empty()) out += "&";
    out += http::url_encode(k) + "=" + http::url_encode(v.get<std::string>());
  }
  return out;
}

// `raw` is already percent-encoded.
std::string form_with_raw(const json& base, const std::string& key, const std::string& raw) {
  std::string out;
  for (const auto& [k, v] : base.items()) {
    if (!out.empty()) out += "&";
    out += http::url_encode(k) + "=" + (k == key ? raw : http::url_encode(v.get<std::string>()));
  }
  return out;
}

std::vector<Attempt> form_attempts(const json& base) {
  const std::string ft = "application/x-www-form-urlencoded";
  std::vector<Attempt> out;
  for (const auto& [key, value] : base.items()) {
    const auto& s = value.get_ref<const std::string&>();
    auto add = [&](const std::string& what, const std::string& raw, bool reject = true) {
      out.push_back({key + " = " + what, form_with_raw(base, key, raw), ft, reject});
    };
    add("a NUL byte", "a%00b");
    add("invalid UTF-8 bytes", "a%FF%FEb");
    add("an overlong UTF-8 slash", "a%C0%AFb");
    add("200 KB", kBig);
    if (is_number_text(s) || s.starts_with("{"))
      for (std::string raw : {"NaN", "-inf", "1e309", "abc", "0x10", "--1", "99999999999999999999",
                              is_money(key) ? "1000000000001" : "4294967326"})
        add(raw, raw);
    if (is_date(s))
      for (const auto& d : kImpossibleDates) add("date " + d, http::url_encode(d));
    if (is_time(s))
      for (const auto& t : kImpossibleTimes) add("time " + t, http::url_encode(t));
    for (const auto& m : kMetacharacters) add("metacharacters " + m, http::url_encode(m), false);
    add("-1", "-1", false);
  }
  out.push_back({"a lone %", form_encode(base) + "&%", ft, false});
  out.push_back({"a bad escape %zz", "%zz=1&" + form_encode(base), ft, false});
  out.push_back({"JSON sent to a form", json(base).dump(), "application/json", false});
  return out;
}

// An OrgWorld (support/org_world.hpp) on a server whose throttles the corpus's thousands of requests stay under.
class HostileInputTest : public SuiteFixture<HostileInputTest> {
 public:  // read by SuiteFixture
  static Env suite_env() { return {{"THROTTLE_USER", "100000000/hour"}, {"THROTTLE_ANON", "100000000/hour"}}; }

 protected:
  static void SetUpTestSuite() {
    SuiteFixture::SetUpTestSuite();
    world_ = new OrgWorld(*suite_);
    world_->add_user("h_pw", "", "");
    world_->add_user("h_web", "", "");
    for (std::string who : {"a_owner", "h_pw", "h_web", "root"})
      browsers_[who] = sign_in_browser(world_->port(), who, kPassword);
    make_fixtures();
    for (const auto& r : hostile_write_routes())
      if (!r.who.empty()) token(r.who);
    fingerprint_ = new Fingerprint(world_->db());
  }
  static void TearDownTestSuite() {
    delete fingerprint_;
    fingerprint_ = nullptr;
    browsers_.clear();
    tokens_.clear();
    delete world_;
    world_ = nullptr;
    SuiteFixture::TearDownTestSuite();
  }

  static std::int64_t created(const HttpResponse& r, const char* what) {
    EXPECT_EQ(r.status, 201) << what << ": " << r.body;
    auto j = json::parse(r.body, nullptr, false);
    return j.is_object() && j.contains("id") ? j["id"].get<std::int64_t>() : 0;
  }

  static void make_fixtures() {
    auto& w = *world_;
    auto& ids = ids_;
    ids["future"] = seoul_date(3);
    ids["org"] = std::to_string(w.org_id("studio-a"));
    ids["trainer"] = std::to_string(w.trainer_id("a_trainer"));
    auto client = created(w.call("a_owner", "POST", "/api/v1/clients/",
                                 {{"name", "Fixture"}, {"age", 30}, {"gender", "male"}, {"height", 175}, {"weight", 70}}),
                          "client");
    ids["client"] = std::to_string(client);
    auto package = created(w.call("a_owner", "POST", "/api/v1/packages/",
                                  {{"client", client}, {"package_name", "Fixture"}, {"total_amount", 300000},
                                   {"total_sessions", 10}, {"payment_method", "cash"}}),
                           "package");
    ids["package"] = std::to_string(package);
    ids["session"] = std::to_string(created(
        w.call("a_owner", "POST", "/api/v1/sessions/", {{"package", package}, {"session_date", ids["future"]}}),
        "session"));
    json assessment = {{"client", client}, {"date", "2025-06-09"}, {"push_up_reps", 26}, {"push_up_type", "standard"},
                       {"toe_touch_distance", 2}, {"harvard_step_test_hr1", 85}, {"harvard_step_test_hr2", 78},
                       {"harvard_step_test_hr3", 72}, {"harvard_step_test_duration", 180}};
    auto a = created(w.call("a_owner", "POST", "/api/v1/assessments/", assessment), "assessment");
    ids["assessment"] = std::to_string(a);
    ids["report"] = std::to_string(
        created(w.call("a_owner", "POST", "/api/v1/assessments/" + ids["assessment"] + "/reports/"), "report"));
    ids["payment"] = std::to_string(created(
        w.call("a_owner", "POST", "/api/v1/payments/",
               {{"client", client}, {"amount", 10000}, {"payment_method", "cash"}}),
        "payment"));
    ids["invitation"] = std::to_string(created(
        w.call("a_owner", "POST", "/api/v1/invitations/", {{"email", "fixture@example.com"}, {"role", "trainer"}}),
        "invitation"));
    ids["code"] = w.sql().text("SELECT code FROM invitations WHERE id = " + ids["invitation"]);
    ids["link"] = std::to_string(created(w.call("a_owner", "POST", "/api/v1/clients/" + ids["client"] + "/share-links/",
                                                {{"consent", true}}),
                                         "share link"));
    ids["category"] = std::to_string(w.sql().count("SELECT COALESCE(MIN(id), 1) FROM mcq_categories"));
    ids["question"] = std::to_string(w.sql().count("SELECT COALESCE(MIN(id), 1) FROM mcq_questions"));
    ids["choice"] = std::to_string(
        w.sql().count("SELECT COALESCE(MIN(id), 1) FROM mcq_choices WHERE question_id = " + ids["question"]));
    ids["notification"] = std::to_string(w.sql().count("SELECT COALESCE(MAX(id), 1) FROM notifications"));
  }

  static std::string fill(std::string text) {
    for (const auto& [name, value] : ids_) {
      std::string p = "{" + name + "}";
      for (auto at = text.find(p); at != std::string::npos; at = text.find(p, at + value.size()))
        text.replace(at, p.size(), value);
    }
    return text;
  }
  // Placeholders in a JSON body: a string that is exactly "{name}" becomes the id (as a number unless a date).
  static json fill(const json& value) {
    if (value.is_string()) {
      const auto& s = value.get_ref<const std::string&>();
      if (s.size() > 2 && s.front() == '{' && s.back() == '}' && ids_.count(s.substr(1, s.size() - 2))) {
        const auto& v = ids_.at(s.substr(1, s.size() - 2));
        return is_number_text(v) ? json(std::stoll(v)) : json(v);
      }
      return value;
    }
    if (value.is_object()) {
      json out = json::object();
      for (const auto& [k, v] : value.items()) out[fill(k)] = fill(v);
      return out;
    }
    if (value.is_array()) {
      json out = json::array();
      for (const auto& v : value) out.push_back(fill(v));
      return out;
    }
    return value;
  }

  static json fill_form(const json& fields) {
    json out = json::object();
    for (const auto& [k, v] : fields.items()) out[fill(k)] = fill(v.get<std::string>());
    return out;
  }

  // A request as the route's user: a bearer token at the API, the signed-in browser (or an anonymous one with a
  // CSRF cookie) on the web.
  static HttpResponse send(const WriteRoute& route, const std::string& path, const Attempt& a,
                           std::map<std::string, std::string> headers = {}) {
    if (!a.content_type.empty()) headers["Content-Type"] = a.content_type;
    if (path.starts_with("/api/")) {
      if (!route.who.empty() && !headers.count("Authorization")) headers["Authorization"] = "Bearer " + token(route.who);
      return http_request(world_->port(), route.method, path, a.body, headers);
    }
    if (route.who.empty()) {
      auto page = http_request(world_->port(), "GET", "/accounts/login/");
      headers["Cookie"] = "csrftoken=" + cookie_value(page, "csrftoken");
      headers["X-CSRFToken"] = form_csrf_token(page.body);
      return http_request(world_->port(), route.method, path, a.body, headers);
    }
    return browsers_.at(route.who).request(route.method, path, a.body, headers);
  }

  // A clear refusal: 4xx, with a JSON error at the API and a page on the web.
  static std::string refusal_problem(const std::string& path, const HttpResponse& r) {
    if (r.status < 400 || r.status > 499) return "status " + std::to_string(r.status);
    if (path.starts_with("/api/")) {
      if (r.header("content-type").find("application/json") == std::string::npos) return "not JSON";
      auto j = json::parse(r.body, nullptr, false);
      if (!j.is_object() || j.empty()) return "no error body";
    } else if (r.header("content-type").find("text/html") == std::string::npos || r.body.empty()) {
      return "not a page";
    }
    return "";
  }

  // Runs the attempts of one route: refusals checked one by one, data checked around the batch (and around each
  // refused attempt when the batch moved it).
  static void run_corpus(const WriteRoute& route, const std::vector<Attempt>& attempts) {
    const std::string path = fill(route.path);
    std::vector<const Attempt*> rejected;
    auto before = fingerprint_->take();
    for (const auto& a : attempts) {
      if (!a.must_reject) continue;
      auto r = send(route, path, a);
      auto problem = refusal_problem(path, r);
      if (route.route.ends_with("/preview/") && r.status == 200) problem = "";  // stores nothing, shows the state
      if (!problem.empty())
        ADD_FAILURE() << route.method << " " << route.route << " with " << a.label << ": " << problem << " "
                      << r.body.substr(0, 300);
      rejected.push_back(&a);
    }
    auto after = fingerprint_->take();
    if (before != after) {
      std::string culprits;
      for (const auto* a : rejected) {
        auto b = fingerprint_->take();
        send(route, path, *a);
        auto c = fingerprint_->take();
        if (b != c) culprits += "\n  " + a->label + " changed" + Fingerprint::diff(b, c);
      }
      ADD_FAILURE() << route.method << " " << route.route << ": refused input changed data" << culprits;
    }
    for (const auto& a : attempts) {
      if (a.must_reject) continue;
      auto r = send(route, path, a);
      EXPECT_LT(r.status, 500) << route.method << " " << route.route << " with " << a.label << ":\n"
                               << r.body.substr(0, 400);
    }
  }

  static const std::string& token(const std::string& who) {
    auto& t = tokens_[who];
    if (t.empty()) t = login(world_->port(), who, kPassword);
    return t;
  }

  static inline OrgWorld* world_ = nullptr;
  static inline std::map<std::string, WebBrowser> browsers_;
  static inline std::map<std::string, std::string> tokens_;
  static inline std::map<std::string, std::string> ids_;
  static inline Fingerprint* fingerprint_ = nullptr;
};


}  // namespace

TEST_F(HostileInputTest, EveryWriteRouteOfTheRouterIsInTheCorpus) {
  std::set<std::pair<std::string, std::string>> table, router;
  for (const auto& r : hostile_write_routes()) table.emplace(r.method, r.route);
  for (const auto& [method, route] : application_routes())
    if (method != "GET") router.emplace(method, route);
  for (const auto& r : router)
    EXPECT_TRUE(table.count(r)) << "write route " << r.first << " " << r.second
                                << " has no body shape in tests/support/hostile_routes.cpp: add it there";
  for (const auto& r : table)
    EXPECT_TRUE(router.count(r)) << r.first << " " << r.second << " is in the corpus but not in the router";
}

TEST_F(HostileInputTest, ApiWritesRefuseHostileJson) {
  std::set<std::string> put_routes;
  for (const auto& route : hostile_write_routes())
    if (route.method == "PUT") put_routes.insert(route.route);
  for (const auto& route : hostile_write_routes()) {
    if (route.shape != BodyShape::json) continue;
    auto attempts = json_attempts(fill(route.base));
    // PATCH reads its fields with PUT's code (tested field by field there): the body-level attempts suffice
    if (route.method == "PATCH" && put_routes.count(route.route)) attempts.resize(12);
    run_corpus(route, attempts);
  }
}

TEST_F(HostileInputTest, WebFormsRefuseHostileInput) {
  for (const auto& route : hostile_write_routes())
    if (route.shape == BodyShape::form) run_corpus(route, form_attempts(fill_form(route.base)));
}

TEST_F(HostileInputTest, HostileIdsInPathsAreNotFound) {
  const std::set<std::string> kIdNames = {"client",  "package",    "session",      "assessment", "report",  "payment",
                                          "invitation", "link",    "trainer",      "notification", "org", "category",
                                          "question"};
  for (const auto& route : hostile_write_routes()) {
    std::string path = route.path;
    bool has_id = false;
    for (const auto& name : kIdNames) has_id = has_id || path.find("{" + name + "}") != std::string::npos;
    if (!has_id) continue;
    auto before = fingerprint_->take();
    for (std::string bad : {"0", "99999999999999999999", "9223372036854775808", "000000000000000000001"}) {
      std::string p = path;
      for (const auto& name : kIdNames)
        for (auto at = p.find("{" + name + "}"); at != std::string::npos; at = p.find("{" + name + "}"))
          p.replace(at, name.size() + 2, bad);
      Attempt a{"id " + bad, "", ""};
      if (route.shape == BodyShape::json) a = {"id " + bad, fill(route.base).dump(), "application/json"};
      if (route.shape == BodyShape::form)
        a = {"id " + bad, form_encode(fill_form(route.base)), "application/x-www-form-urlencoded"};
      auto r = send(route, fill(p), a);
      auto problem = refusal_problem(p, r);
      if (!problem.empty())
        ADD_FAILURE() << route.method << " " << p << ": " << problem << " " << r.body.substr(0, 300);
    }
    EXPECT_EQ(Fingerprint::diff(before, fingerprint_->take()), "") << route.method << " " << route.route
                                                                   << " with a hostile id changed data";
  }
}

// Every web POST without the CSRF token, with a wrong one and from a foreign Origin: 403, nothing changed.
TEST_F(HostileInputTest, EveryWebWriteNeedsTheCsrfTokenAndOurOrigin) {
  for (const auto& route : hostile_write_routes()) {
    if (route.path.starts_with("/api/")) continue;
    const std::string path = fill(route.path);
    const std::string body = route.shape == BodyShape::form ? form_encode(fill_form(route.base)) : "";
    std::string cookie, token;
    if (route.who.empty()) {
      auto page = http_request(world_->port(), "GET", "/accounts/login/");
      cookie = "csrftoken=" + cookie_value(page, "csrftoken");
      token = form_csrf_token(page.body);
    } else {
      cookie = "sessionid=" + browsers_.at(route.who).session;
      token = browsers_.at(route.who).csrf;
    }
    std::map<std::string, std::map<std::string, std::string>> cases = {
        {"no token", {}},
        {"a wrong token", {{"X-CSRFToken", std::string(86, 'A')}}},
        {"a token of another session", {{"X-CSRFToken", browsers_.at("root").csrf}}},
        {"a foreign Origin", {{"X-CSRFToken", token}, {"Origin", "http://evil.example.com"}}},
        {"a foreign Referer", {{"X-CSRFToken", token}, {"Referer", "http://evil.example.com/x"}, {"Origin", "null"}}},
    };
    if (route.who == "root") cases.erase("a token of another session");
    auto before = fingerprint_->take();
    for (auto& [what, headers] : cases) {
      headers["Cookie"] = cookie;
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      auto r = http_request(world_->port(), route.method, path, body, headers);
      EXPECT_EQ(r.status, 403) << route.method << " " << route.route << " with " << what << ": "
                               << r.body.substr(0, 300);
    }
    EXPECT_EQ(Fingerprint::diff(before, fingerprint_->take()), "") << route.method << " " << route.route
                                                                   << " without a valid CSRF token changed data";
  }
}

namespace {

std::string b64(const std::string& s) { return auth::base64url_encode(s); }

// The parts of a JWT.
std::vector<std::string> jwt_parts(const std::string& token) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = token.find('.', start)) != std::string::npos; start = dot + 1)
    parts.push_back(token.substr(start, dot - start));
  parts.push_back(token.substr(start));
  return parts;
}

}  // namespace

// Forged bearer tokens on every API write that needs a user: 401 JSON, nothing changed.
TEST_F(HostileInputTest, EveryApiWriteRefusesForgedTokens) {
  const std::string good = token("a_owner");
  auto parts = jwt_parts(good);
  ASSERT_EQ(parts.size(), 3u);
  json payload = json::parse(*auth::base64url_decode(parts[1]));
  const auto user = payload["user_id"].get<std::int64_t>();
  json root_payload = payload;
  root_payload["user_id"] = world_->user_id("root");
  auto now = std::chrono::system_clock::now();
  auto login_reply = http_request(world_->port(), "POST", "/api/v1/auth/login/",
                                  json{{"email_or_username", "a_owner"}, {"password", kPassword}}.dump(),
                                  {{"Content-Type", "application/json"}});
  std::string refresh = json::parse(login_reply.body).value("refresh", "");
  ASSERT_FALSE(refresh.empty()) << login_reply.body;
  const std::map<std::string, std::string> forged = {
      {"alg none", b64(R"({"alg":"none","typ":"JWT"})") + "." + parts[1] + "."},
      {"alg none with the old signature", b64(R"({"alg":"none","typ":"JWT"})") + "." + parts[1] + "." + parts[2]},
      {"alg HS512", b64(R"({"alg":"HS512","typ":"JWT"})") + "." + parts[1] + "." + parts[2]},
      {"a tampered user id", parts[0] + "." + b64(root_payload.dump()) + "." + parts[2]},
      {"a tampered signature", parts[0] + "." + parts[1] + "." + std::string(parts[2].size(), 'A')},
      {"an expired token", auth::issue(auth::TokenType::access, user, std::chrono::minutes(5),
                                       now - std::chrono::hours(2), kSecret).token},
      {"another issuer's key", auth::issue(auth::TokenType::access, user, std::chrono::hours(1), now,
                                           "another-deployment-secret-that-is-long-enough-0123456789abcdef").token},
      {"a refresh token", refresh},
      {"garbage", "not-a-jwt"},
  };
  for (const auto& route : hostile_write_routes()) {
    if (!route.path.starts_with("/api/") || route.who.empty()) continue;
    Attempt a{"", route.shape == BodyShape::json ? fill(route.base).dump() : "", "application/json"};
    auto before = fingerprint_->take();
    for (const auto& [what, bearer] : forged) {
      auto r = send(route, fill(route.path), a, {{"Authorization", "Bearer " + bearer}});
      EXPECT_EQ(r.status, 401) << route.method << " " << route.route << " with " << what << ": "
                               << r.body.substr(0, 300);
      EXPECT_EQ(refusal_problem(route.path, r), "") << route.method << " " << route.route << " with " << what;
    }
    EXPECT_EQ(Fingerprint::diff(before, fingerprint_->take()), "") << route.method << " " << route.route
                                                                   << " with a forged token changed data";
  }
}

// A session cookie planted before the login (session fixation) is never the one the login hands out, and a
// signed-in browser that signs in again gets a new session while the old one stops working.
TEST_F(HostileInputTest, WebLoginNeverKeepsTheSessionItWasGiven) {
  auto login_with = [&](const std::string& planted) {
    auto page = http_request(world_->port(), "GET", "/accounts/login/", "", {{"Cookie", "sessionid=" + planted}});
    if (page.status == 302)  // signed in already: the login form of a stale tab carries the session's token
      page = http_request(world_->port(), "GET", "/accounts/password/", "", {{"Cookie", "sessionid=" + planted}});
    std::string csrf = cookie_value(page, "csrftoken");
    std::string token = form_csrf_token(page.body);
    std::string cookie = "sessionid=" + planted + (csrf.empty() ? "" : "; csrftoken=" + csrf);
    return http_request(world_->port(), "POST", "/accounts/login/",
                        "csrfmiddlewaretoken=" + http::url_encode(token) + "&email_or_username=h_web&password=" +
                            http::url_encode(kPassword),
                        {{"Cookie", cookie}, {"Content-Type", "application/x-www-form-urlencoded"}});
  };
  const std::string planted = "attackerchosensessionid0123456789";
  auto r = login_with(planted);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 300);
  std::string issued = cookie_value(r, "sessionid");
  EXPECT_FALSE(issued.empty());
  EXPECT_NE(issued, planted);
  EXPECT_EQ(http_request(world_->port(), "GET", "/", "", {{"Cookie", "sessionid=" + planted}}).status, 302)
      << "the planted id is not signed in";

  auto again = login_with(issued);
  ASSERT_EQ(again.status, 303) << again.body.substr(0, 300);
  std::string second = cookie_value(again, "sessionid");
  EXPECT_FALSE(second.empty());
  EXPECT_NE(second, issued) << "a new login rotates the session";
  EXPECT_EQ(http_request(world_->port(), "GET", "/", "", {{"Cookie", "sessionid=" + issued}}).status, 302)
      << "the session from before the login no longer works";
  EXPECT_EQ(http_request(world_->port(), "GET", "/", "", {{"Cookie", "sessionid=" + second}}).status, 200);
}

namespace {

// A stored-XSS payload that fits every name field (100 characters), and what its unescaped markup would contain.
const std::string kXss = "X<script>alert(1)</script><img src=x onerror=alert(2)>\"'{{csrf_token}}";
const std::vector<std::string> kUnescaped = {"<script>alert(1)", "<img src=x onerror", "<img src=\"x\" onerror"};

std::string run_pdftotext(const std::string& dir, const std::string& pdf) {
  std::string in = dir + "/hostile-report.pdf", out = dir + "/hostile-report.txt";
  std::ofstream(in, std::ios::binary) << pdf;
  if (std::system(("pdftotext -enc UTF-8 '" + in + "' '" + out + "'").c_str()) != 0) return "";
  std::ifstream text(out);
  return std::string(std::istreambuf_iterator<char>(text), {});
}

}  // namespace

// Payloads in every text field that is stored, then every page that can show them: escaped in the markup, and
// literal text in the PDF report.
TEST_F(HostileInputTest, StoredPayloadsAreEscapedOnEveryPageAndLiteralInThePdf) {
  auto& w = *world_;
  auto ok = [&](const HttpResponse& r, const char* what) {
    EXPECT_LT(r.status, 300) << what << ": " << r.body.substr(0, 300);
    auto j = json::parse(r.body, nullptr, false);
    return j.is_object() && j.contains("id") ? std::to_string(j["id"].get<std::int64_t>()) : std::string("0");
  };
  auto client = ok(w.call("a_owner", "POST", "/api/v1/clients/",
                          {{"name", kXss}, {"age", 41}, {"gender", "female"}, {"height", 160}, {"weight", 55}}),
                   "client");
  ASSERT_NE(client, "0");
  auto package = ok(w.call("a_owner", "POST", "/api/v1/packages/",
                           {{"client", std::stoll(client)}, {"package_name", kXss}, {"notes", kXss},
                            {"total_amount", 100000}, {"total_sessions", 5}, {"payment_method", "card"}}),
                    "package");
  ok(w.call("a_owner", "POST", "/api/v1/packages/" + package + "/top-up/",
            {{"amount", 10000}, {"payment_method", "cash"}, {"description", kXss}}),
     "top-up");
  ok(w.call("a_owner", "POST", "/api/v1/payments/",
            {{"client", std::stoll(client)}, {"amount", 5000}, {"payment_method", "cash"}, {"description", kXss}}),
     "payment");
  auto session = ok(w.call("a_owner", "POST", "/api/v1/sessions/",
                           {{"package", std::stoll(package)}, {"session_date", seoul_date(2)}, {"notes", kXss}}),
                    "session");
  auto cancelled = ok(w.call("a_owner", "POST", "/api/v1/sessions/",
                             {{"package", std::stoll(package)}, {"session_date", seoul_date(4)}}),
                      "session");
  ok(w.call("a_owner", "POST", "/api/v1/sessions/" + cancelled + "/cancel/", {{"reason", kXss}}), "cancel");
  json assessment = {{"client", std::stoll(client)}, {"date", "2025-06-10"}, {"notes", kXss},
                     {"push_up_reps", 20}, {"push_up_notes", kXss}, {"toe_touch_distance", 1},
                     {"toe_touch_notes", kXss}, {"overhead_squat_notes", kXss}, {"farmer_carry_notes", kXss},
                     {"harvard_step_test_notes", kXss}, {"shoulder_mobility_notes", kXss},
                     {"single_leg_balance_notes", kXss}};
  auto a = ok(w.call("a_owner", "POST", "/api/v1/assessments/", assessment), "assessment");
  // questionnaire answers: every text question of the bank answered with the payload
  json responses = json::array();
  for (const auto& q : json::parse(w.call("a_owner", "GET", "/api/v1/mcq/questions/?page_size=100").body)
                           .value("results", json::array()))
    if (q.value("question_type", "") == "text") responses.push_back({{"question_id", q["id"]}, {"response_text", kXss}});
  if (!responses.empty())
    ok(w.call("a_owner", "POST", "/api/v1/assessments/" + a + "/mcq/responses/", {{"responses", responses}}),
       "questionnaire");
  auto report = ok(w.call("a_owner", "POST", "/api/v1/assessments/" + a + "/reports/"), "report");
  ok(w.call("a_owner", "PATCH", "/api/v1/organizations/" + ids_["org"] + "/",
            {{"name", kXss}, {"description", kXss}, {"address", kXss}}),
     "organisation");
  ok(w.call("a_trainer", "PATCH", "/api/v1/users/me/", {{"name", kXss}}), "trainer name");
  ok(w.call("a_owner", "PATCH", "/api/v1/trainers/" + ids_["trainer"] + "/",
            {{"bio", kXss}, {"certifications", {kXss}}, {"specialties", {kXss}}}),
     "trainer profile");
  w.call("a_owner", "POST", "/api/v1/invitations/", {{"email", "xss@example.com"}, {"name", kXss}, {"message", kXss}});
  w.call("root", "PATCH", "/api/v1/mcq/categories/" + ids_["category"] + "/", {{"name", kXss}, {"name_ko", kXss}});
  auto share = w.call("a_owner", "POST", "/api/v1/clients/" + client + "/share-links/", {{"consent", true}});
  EXPECT_EQ(share.status, 201) << share.body;
  ids_["xss_share_token"] = json::parse(share.body).value("token", "");
  ids_["xss_client"] = client;
  ids_["xss_package"] = package;
  ids_["xss_session"] = session;
  ids_["xss_assessment"] = a;
  ids_["xss_report"] = report;

  // Every page of the router, ids taken from the segment before them.
  const std::map<std::string, std::string> kIdOf = {
      {"clients", "xss_client"},    {"assessments", "xss_assessment"}, {"packages", "xss_package"},
      {"sessions", "xss_session"},  {"trainers", "trainer"},           {"reports", "xss_report"},
      {"invitation", "invitation"}, {"notifications", "notification"}, {"generate", "xss_assessment"},
      {"share-links", "link"},      {"payments", "payment"}};
  int pages = 0;
  for (const auto& [method, route] : application_routes()) {
    if (method != "GET" || route.starts_with("/api/") || route.starts_with("/static/") || route.ends_with(".pdf") ||
        route.find("export") != std::string::npos || route.find("download") != std::string::npos ||
        route == "/healthz" || route == "/readyz" || route == "/metrics")
      continue;
    std::string path, previous;
    bool known = true;
    std::size_t start = 1;
    path = "/";
    while (start < route.size()) {
      auto slash = route.find('/', start);
      std::string seg = route.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      if (seg.starts_with("{")) {
        std::string name = seg.substr(1, seg.find_first_of(":}") - 1);
        std::string id;
        if (name == "link_id") id = ids_["link"];
        else if (name == "code") id = ids_["code"];
        else if (name == "field") id = "name";
        else if (name == "token") id = ids_["xss_share_token"];
        else if (kIdOf.count(previous)) id = ids_[kIdOf.at(previous)];
        else known = false;
        if (name == "id" && previous == "share-links") id = ids_["link"];
        if (previous == "clients" && route.find("share-links") != std::string::npos) id = ids_["client"];
        path += id;
      } else {
        path += seg;
      }
      previous = seg;
      if (slash == std::string::npos) break;
      path += "/";
      start = slash + 1;
    }
    if (!known) {
      ADD_FAILURE() << "GET " << route << ": the stored-XSS sweep has no id for this page; add it to kIdOf";
      continue;
    }
    for (std::string who : {"a_owner", "root"}) {
      auto r = browsers_.at(who).request("GET", path);
      if (route.starts_with("/s/")) r = http_request(world_->port(), "GET", path);  // the client's public page
      EXPECT_LT(r.status, 500) << "GET " << path << " as " << who << ": " << r.body.substr(0, 300);
      if (r.header("content-type").find("text/html") == std::string::npos) {
        // data for scripts (calendar events): JSON the browser never sniffs as a page
        EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
        continue;
      }
      for (const auto& marker : kUnescaped)
        EXPECT_EQ(r.body.find(marker), std::string::npos)
            << "GET " << path << " as " << who << " shows the payload unescaped:\n"
            << r.body.substr(r.body.find(marker) > 300 ? r.body.find(marker) - 300 : 0, 600);
      ++pages;
    }
  }
  EXPECT_GT(pages, 40);
  auto detail = browsers_.at("a_owner").request("GET", "/clients/" + client + "/");
  EXPECT_NE(detail.body.find("X&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << "shown, escaped";
  EXPECT_NE(detail.body.find("{{csrf_token}}"), std::string::npos) << "template syntax is shown, never rendered";

  auto pdf = browsers_.at("a_owner").request("GET", "/assessments/" + a + "/report.pdf");
  ASSERT_EQ(pdf.status, 200);
  std::string text = run_pdftotext(world_->db().dir(), pdf.body);
  EXPECT_NE(text.find("X<script>alert(1)</script>"), std::string::npos) << "the client's name, literally:\n" << text;
}
