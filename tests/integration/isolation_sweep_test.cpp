// Issue 17 part 3, the isolation sweep: every route of the real router (API and web, every method) called with the
// ids of another organisation's objects and with every role's credentials (DOMAIN.md §6.1: objects of another
// organisation and invisible objects of one's own answer 404, never 403, never anything else), and never a 5xx.
//
// Routes come from the application's router (support/route_table), so a new route is swept the day it is added. A
// route the sweep cannot classify — a parameter naming no known object — fails the test with the route's name:
// extend kByParam / kByOwner below. What each caller must get is not retyped per route: it is the domain's own
// answer (domain::visibility / domain::authorize) for that caller and the object's organisation and trainer.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "common/time.hpp"
#include "domain/permissions.hpp"
#include "http/message.hpp"
#include "support/org_world.hpp"
#include "support/route_table.hpp"
#include "support/suite_server.hpp"
#include "support/web_browser.hpp"

using namespace the5hc;
using namespace the5hc::testing;
using nlohmann::json;
namespace d = the5hc::domain;

namespace {

// What a path parameter names.
enum class Kind {
  client, assessment, package, session, payment, report, share_link,  // a client's records (client-scoped)
  trainer, invitation, notification, organization, user, audit_entry,  // the organisation's own objects
  mcq_category, mcq_question,                                          // reference data shared by every studio
  invitation_code, share_token,                                        // secrets that are their own permission
  form_field,                                                          // not an id ("/clients/validate/{field}/")
};

// How the sweep decides what a caller must get for a route whose parameters name objects of `Kind`.
enum class Scope { client_record, organization, reference, capability, literal };

Scope scope_of(Kind k) {
  switch (k) {
    case Kind::client: case Kind::assessment: case Kind::package: case Kind::session: case Kind::payment:
    case Kind::report: case Kind::share_link: return Scope::client_record;
    case Kind::trainer: case Kind::invitation: case Kind::notification: case Kind::organization: case Kind::user:
    case Kind::audit_entry: return Scope::organization;
    case Kind::mcq_category: case Kind::mcq_question: return Scope::reference;
    case Kind::invitation_code: case Kind::share_token: return Scope::capability;
    case Kind::form_field: return Scope::literal;
  }
  return Scope::literal;
}

// The classification table: a parameter is known by its own name, else by the literal segment before it
// ("/sessions/packages/{id}/" → packages, "/reports/generate/{id}/" → generate = an assessment).
const std::map<std::string, Kind> kByParam = {
    {"link_id", Kind::share_link}, {"code", Kind::invitation_code}, {"token", Kind::share_token},
    {"field", Kind::form_field}};
const std::map<std::string, Kind> kByOwner = {
    {"clients", Kind::client},           {"assessments", Kind::assessment},     {"generate", Kind::assessment},
    {"packages", Kind::package},         {"sessions", Kind::session},           {"payments", Kind::payment},
    {"reports", Kind::report},           {"trainers", Kind::trainer},           {"invitation", Kind::invitation},
    {"invitations", Kind::invitation},   {"notifications", Kind::notification}, {"organizations", Kind::organization},
    {"users", Kind::user},               {"audit-log", Kind::audit_entry},      {"categories", Kind::mcq_category},
    {"questions", Kind::mcq_question}};

// The domain's action guarding a route on an object of `kind`: reads view, DELETE (or a ".../delete/" form) removes,
// every other write changes. Used to find the roles that may not act at all (an assistant on packages) — they may
// get the 403 of DOMAIN.md §6.2 instead of the 404, provided a non-existent id gets the very same answer.
d::Action action_of(Kind kind, const RouteTemplate& route) {
  enum Verb { view, change, remove } verb =
      route.method == "GET" ? view : route.method == "DELETE" || route.tail().ends_with("delete") ? remove : change;
  switch (kind) {
    case Kind::client: return verb == view ? d::Action::view_client : verb == remove ? d::Action::delete_client
                                                                                      : d::Action::edit_client;
    case Kind::assessment: case Kind::report:
      return verb == view ? d::Action::view_assessment : verb == remove ? d::Action::delete_assessment
                                                                        : d::Action::edit_assessment;
    case Kind::share_link: return verb == view ? d::Action::view_client : d::Action::edit_client;
    case Kind::package: case Kind::session: return d::Action::manage_packages;
    case Kind::payment: return verb == remove ? d::Action::delete_payment : d::Action::manage_packages;
    case Kind::trainer: return verb == view ? d::Action::view_organization : d::Action::edit_trainer;
    case Kind::invitation: return verb == view ? d::Action::view_organization : d::Action::cancel_invitation;
    case Kind::organization: return verb == view ? d::Action::view_organization : d::Action::edit_organization;
    case Kind::notification: return d::Action::receive_notifications;
    case Kind::audit_entry: return d::Action::view_audit_log;
    case Kind::user: return d::Action::view_organization;
    default: return d::Action::edit_reference_data;
  }
}

// Routes that refuse every request the same way whatever the id (API.md §5: packages are deactivated, sessions
// cancelled, never deleted) — 405 for everyone.
const std::set<std::string> kRefusedForEveryone = {"DELETE /api/v1/packages/{id:int}/",
                                                   "DELETE /api/v1/sessions/{id:int}/"};

std::optional<Kind> classify(const RouteTemplate::Param& p) {
  if (auto it = kByParam.find(p.name); it != kByParam.end()) return it->second;
  if (p.name != "id") return std::nullopt;  // a new parameter name: say what it is above
  if (auto it = kByOwner.find(p.owner); it != kByOwner.end()) return it->second;
  return std::nullopt;
}

// One studio's objects, by kind: the id (or secret) to put in a path.
using Objects = std::map<Kind, std::string>;

// Query parameters that name objects on the parameterless routes ("/sessions/?client=7", "/assessments/compare/?ids=
// 3,4"), with the kind of object each names. Unknown names are ignored by every route, so a generous list costs only
// requests.
const std::vector<std::pair<std::string, Kind>> kQueryIds = {
    {"client", Kind::client},   {"client_id", Kind::client}, {"package", Kind::package},
    {"session", Kind::session}, {"payment", Kind::payment},  {"assessment", Kind::assessment},
    {"ids", Kind::assessment},  {"report", Kind::report},    {"trainer", Kind::trainer},
    {"user", Kind::user},       {"object_id", Kind::client}, {"organization", Kind::organization}};

// Text only studio B's data contains (its client's name and records, its members' names): no answer to a member
// of studio A may contain any of it.
const std::vector<std::string> kStudioBMarkers = {"Isolation-b", "b_owner", "b_senior", "b_trainer", "b_assistant",
                                                  "Studio B", "new-b@example.com"};

std::string leaked_marker(const HttpResponse& r, const std::vector<std::string>& also = {}) {
  for (const auto* list : {&kStudioBMarkers, &also})
    for (const auto& m : *list)
      if (r.body.find(m) != std::string::npos) return m;
  return "";
}

struct Caller {
  std::string who;  // OrgWorld user name
  d::Actor actor;
};

bool is_5xx(int status) { return status >= 500; }

std::string describe(const std::string& who, const std::string& method, const std::string& path, bool api,
                     const HttpResponse& r) {
  return who + (api ? " (JWT) " : " (session) ") + method + " " + path + " → " + std::to_string(r.status) + " " +
         r.body.substr(0, 300);
}

class IsolationSweep : public SuiteFixture<IsolationSweep> {
 public:
  // ~1500 requests from one address and a few users; the throttles are not what this suite tests.
  static Env suite_env() { return {{"THROTTLE_USER", "100000/hour"}}; }

 protected:
  static void SetUpTestSuite() {
    SuiteFixture::SetUpTestSuite();
    world_ = new OrgWorld(*suite_);
    // Studio A's records belong to its senior (so A's trainer and assistant must not see them), studio B's to its
    // trainer (so B's owner and senior get notifications).
    a_ = new Objects(populate("a", "a_senior"));
    b_ = new Objects(populate("b", "b_trainer"));
    world_->add_user("loner", "", "");  // signed up, in no studio: sees nothing but their profile (DOMAIN.md §6.1)
    world_->sql().exec("UPDATE organizations SET max_trainers = 10 WHERE slug = 'studio-a'");  // room for one more
    world_->add_user("a_retired", "studio-a", "trainer");
    for (std::string who : {"a_owner", "a_senior", "a_trainer", "a_assistant", "root", "loner", "a_retired"})
      browsers_[who] = sign_in_browser(world_->port(), who, kPassword);
    // A trainer with clients of their own, deactivated while signed in (token and web session): from then on they
    // see nothing, their former clients included (an inactive membership counts as none, DOMAIN.md §6.1).
    r_ = new Objects(populate("a", "a_retired", "r"));
    EXPECT_EQ(world_->call("a_owner", "POST",
                           "/api/v1/trainers/" + std::to_string(world_->trainer_id("a_retired")) + "/deactivate/")
                  .status,
              200);
    a_notified_ = world_->sql().text("SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id "
                                     "WHERE n.id = " + a_->at(Kind::notification));
    before_ = fingerprint();
  }
  static void TearDownTestSuite() {
    browsers_.clear();
    delete a_;
    delete b_;
    delete r_;
    delete world_;
    a_ = b_ = r_ = nullptr;
    world_ = nullptr;
    SuiteFixture::TearDownTestSuite();
  }

  static json created(const HttpResponse& r, const std::string& what) {
    EXPECT_EQ(r.status, 201) << what << ": " << r.body;
    auto j = json::parse(r.body, nullptr, false);
    return j.is_discarded() ? json::object() : j;
  }
  static std::string id_of(const json& j) { return j.contains("id") ? std::to_string(j["id"].get<long long>()) : "0"; }

  // A studio with one of everything, made through the API as its users would (`maker` owns the client).
  static Objects populate(const std::string& studio, const std::string& maker, const std::string& label = "") {
    OrgWorld& w = *world_;
    const std::string owner = studio + "_owner", org = std::to_string(w.org_id("studio-" + studio));
    const std::string tag = label.empty() ? studio : label;  // in names and e-mails
    Objects o;
    o[Kind::client] = id_of(created(w.call(maker, "POST", "/api/v1/clients/",
                                           {{"name", "Isolation-" + tag + " client"}, {"age", 35}, {"gender", "male"},
                                            {"height", 175}, {"weight", 80}}),
                                    "client"));
    json assessment = {{"client", std::stoll(o[Kind::client])},
                       {"date", "2025-06-09"},
                       {"push_up_reps", 26},
                       {"push_up_type", "standard"},
                       {"farmer_carry_time", 50},
                       {"farmer_carry_weight", 40},
                       {"toe_touch_distance", 2},
                       {"harvard_step_test_hr1", 85},
                       {"harvard_step_test_hr2", 78},
                       {"harvard_step_test_hr3", 72},
                       {"harvard_step_test_duration", 180}};
    o[Kind::assessment] = id_of(created(w.call(maker, "POST", "/api/v1/assessments/", assessment), "assessment"));
    const auto client = std::stoll(o[Kind::client]);
    o[Kind::package] = id_of(created(w.call(owner, "POST", "/api/v1/packages/",
                                            {{"client", client},
                                             {"package_name", "Isolation-" + tag + " 10회"},
                                             {"total_amount", 500000},
                                             {"total_sessions", 10}, {"payment_method", "cash"}}),
                                     "package"));
    auto tomorrow = add_days(local_date(std::chrono::system_clock::now(), "Asia/Seoul"), 1).str();
    o[Kind::session] = id_of(created(
        w.call(owner, "POST", "/api/v1/sessions/",
               {{"package", std::stoll(o[Kind::package])}, {"session_date", tomorrow}}),
        "session"));
    o[Kind::payment] = id_of(created(w.call(owner, "POST", "/api/v1/payments/",
                                            {{"client", client}, {"amount", 12345}, {"payment_method", "card"},
                                             {"description", "Isolation-" + tag + " 운동복"}}),
                                     "payment"));
    o[Kind::report] = id_of(
        created(w.call(owner, "POST", "/api/v1/assessments/" + o[Kind::assessment] + "/reports/"), "report"));
    const std::string links = "/api/v1/clients/" + o[Kind::client] + "/share-links/";
    o[Kind::share_link] = id_of(created(w.call(owner, "POST", links, {{"consent", true}}), "share link"));
    // The secrets in paths are swept dead: a revoked link's token, a cancelled invitation's code.
    auto dead = created(w.call(owner, "POST", links, {{"consent", true}}), "share link");
    EXPECT_EQ(w.call(owner, "POST", links + id_of(dead) + "/revoke/").status, 200);
    o[Kind::share_token] = dead.value("token", "none");

    o[Kind::trainer] = std::to_string(w.trainer_id(studio + "_trainer"));
    o[Kind::user] = std::to_string(w.user_id(studio + "_trainer"));
    o[Kind::organization] = org;
    o[Kind::invitation] = id_of(created(
        w.call(owner, "POST", "/api/v1/invitations/", {{"email", "new-" + tag + "@example.com"}, {"role", "trainer"}}),
        "invitation"));
    auto cancelled = created(
        w.call(owner, "POST", "/api/v1/invitations/", {{"email", "gone-" + tag + "@example.com"}, {"role", "trainer"}}),
        "invitation");
    EXPECT_EQ(w.call(owner, "POST", "/api/v1/invitations/" + id_of(cancelled) + "/cancel/").status, 200);
    o[Kind::invitation_code] = w.sql().text("SELECT code FROM invitations WHERE id = " + id_of(cancelled));
    o[Kind::notification] = std::to_string(
        w.sql().count("SELECT MAX(id) FROM notifications WHERE organization_id = " + org));
    o[Kind::audit_entry] =
        std::to_string(w.sql().count("SELECT MAX(id) FROM audit_log WHERE organization_id = " + org));
    o[Kind::mcq_category] = std::to_string(w.sql().count("SELECT MIN(id) FROM mcq_categories"));
    o[Kind::mcq_question] = std::to_string(w.sql().count("SELECT MIN(id) FROM mcq_questions"));
    o[Kind::form_field] = "name";
    for (const auto& [kind, value] : o)
      EXPECT_FALSE(value.empty() || value == "0") << studio << ": no object of kind " << static_cast<int>(kind);
    return o;
  }

  // Every studio's data in a few numbers: rows of each table and the state a leaked write would change.
  static std::string fingerprint() {
    std::string out;
    for (const char* table : {"clients", "assessments", "session_packages", "sessions", "payments",
                              "assessment_reports",
                              "client_share_links", "invitations", "notifications", "trainers", "organizations",
                              "mcq_categories", "mcq_questions", "mcq_responses"})
      out += std::string(table) + "=" +
             std::to_string(world_->sql().count(std::string("SELECT COUNT(*) FROM ") + table)) + " ";
    for (const char* q : {"SELECT SUM(remaining_sessions) + 1000 * SUM(is_active) FROM session_packages",
                          "SELECT COUNT(*) FROM sessions WHERE status = 'scheduled'",
                          "SELECT COUNT(*) FROM client_share_links WHERE revoked_at IS NULL",
                          "SELECT COUNT(*) FROM invitations WHERE status = 'pending'",
                          "SELECT SUM(is_read) FROM notifications",
                          "SELECT SUM(is_active) + 1000 * SUM(CASE WHEN role = 'owner' THEN 1 ELSE 0 END) "
                          "FROM trainers",
                          "SELECT SUM(LENGTH(name)) + SUM(trainer_id) FROM clients",
                          "SELECT SUM(LENGTH(name)) FROM organizations",
                          "SELECT SUM(is_active) FROM mcq_categories"})
      out += std::to_string(world_->sql().count(q)) + " ";
    return out;
  }

  static Caller caller(const std::string& who) {
    if (who == "root")
      return {who, d::Actor{.is_superuser = true, .organization_id = {}, .role = {}, .trainer_id = {}}};
    if (who == "loner" || who == "a_retired") return {who, d::Actor{}};
    auto role = d::parse_role(who.substr(2));
    return {who, d::Actor{.is_superuser = false, .organization_id = world_->org_id("studio-" + who.substr(0, 1)),
                          .role = role, .trainer_id = world_->trainer_id(who)}};
  }

  // `who` calls `path` through the API (JWT) or the web (session cookie + CSRF token); writes carry an empty body.
  static HttpResponse call(const std::string& who, const RouteTemplate& route, const std::string& path) {
    if (route.api()) {
      json body = route.method == "GET" || route.method == "DELETE" ? json() : json::object();
      return world_->call(who, route.method, path, body);
    }
    if (who.empty()) return http_request(world_->port(), route.method, path);
    return browsers_.at(who).request(route.method, path);
  }

  // Whether the domain hides the object (organisation `org`, its client's trainer `trainer`) from `c`: then the
  // route must answer 404, whatever it does.
  static bool hidden_from(const Caller& c, const std::vector<Kind>& kinds, long long org, long long trainer) {
    bool client_scoped = std::all_of(kinds.begin(), kinds.end(),
                                     [](Kind k) { return scope_of(k) == Scope::client_record; });
    return d::visibility(c.actor, d::Target{.organization_id = org, .trainer_id = trainer}, client_scoped) ==
           d::Access::not_visible;
  }

  static std::vector<std::string> values(const std::vector<Kind>& kinds, const Objects& o) {
    std::vector<std::string> out;
    for (Kind k : kinds) out.push_back(o.at(k));
    return out;
  }

  static inline std::string before_, a_notified_;
  static inline OrgWorld* world_ = nullptr;
  static inline Objects* a_ = nullptr;
  static inline Objects* b_ = nullptr;
  static inline Objects* r_ = nullptr;  // a_retired's former records
  static inline std::map<std::string, WebBrowser> browsers_;
};

// Reads first, then writes, deletes last: a leak of one write must not hide the answer of the next route.
std::vector<RouteTemplate> sweep_order() {
  auto routes = application_routes();
  auto rank = [](const RouteTemplate& r) { return r.method == "GET" ? 0 : r.method == "DELETE" ? 2 : 1; };
  std::stable_sort(routes.begin(), routes.end(), [&](const auto& x, const auto& y) { return rank(x) < rank(y); });
  return routes;
}

// The routes whose parameters all classify (EveryRouteClassifies names the others), in sweep order, with the kinds
// of object they name; `wanted` picks them by the scopes of those kinds (empty for a route without parameters).
struct SweptRoute {
  RouteTemplate route;
  std::vector<Kind> kinds;
};
std::vector<SweptRoute> routes_where(const std::function<bool(const std::vector<Scope>&)>& wanted) {
  std::vector<SweptRoute> out;
  for (const auto& route : sweep_order()) {
    SweptRoute r{route, {}};
    std::vector<Scope> scopes;
    for (const auto& p : route.params())
      if (auto k = classify(p)) {
        r.kinds.push_back(*k);
        scopes.push_back(scope_of(*k));
      }
    if (r.kinds.size() == route.params().size() && wanted(scopes)) out.push_back(std::move(r));
  }
  return out;
}
auto any_of_scope(Scope s) {
  return [s](const std::vector<Scope>& v) { return std::find(v.begin(), v.end(), s) != v.end(); };
}

// Studio A's members, a user of no studio and a deactivated trainer of studio A.
const std::vector<std::string> kMembers = {"a_owner", "a_senior", "a_trainer", "a_assistant", "loner", "a_retired"};

TEST_F(IsolationSweep, EveryRouteClassifies) {
  int with_ids = 0;
  for (const auto& route : application_routes())
    for (const auto& p : route.params()) {
      ++with_ids;
      EXPECT_TRUE(classify(p).has_value())
          << route.method << " " << route.path << ": parameter {" << p.name << "} after '" << p.owner
          << "' names no object the isolation sweep knows — add it to kByParam / kByOwner "
             "(tests/integration/isolation_sweep_test.cpp)";
    }
  EXPECT_GT(with_ids, 50);  // the router really was read
}

TEST_F(IsolationSweep, AnotherStudiosIdsAnswer404OnEveryRoute) {
  const long long org_a = world_->org_id("studio-a"), org_b = world_->org_id("studio-b");
  const long long a_senior = world_->trainer_id("a_senior"), b_trainer = world_->trainer_id("b_trainer");
  int checked = 0;
  // the routes naming records and organisation objects; reference data, secrets and literals: the sweeps below
  auto objects = [](const std::vector<Scope>& v) {
    return !v.empty() && std::all_of(v.begin(), v.end(), [](Scope s) {
      return s == Scope::client_record || s == Scope::organization;
    });
  };
  for (const auto& [route, kinds] : routes_where(objects)) {
    const auto params = route.params();
    SCOPED_TRACE(route.method + " " + route.path);

    // Studio B's objects for every member of studio A; studio A's senior's records for A's trainer and assistant.
    const bool refused = kRefusedForEveryone.contains(route.method + " " + route.path);
    const std::string nowhere = route.fill(std::vector<std::string>(kinds.size(), "987654321"));
    for (const auto& who : kMembers) {
      Caller c = caller(who);
      ASSERT_TRUE(hidden_from(c, kinds, org_b, b_trainer)) << who;
      // 404; or 403 when the role may not do this at all (then a non-existent id must get the same 403).
      const bool may_refuse = std::any_of(kinds.begin(), kinds.end(), [&](Kind k) {
        return d::authorize(c.actor, action_of(k, route),
                            {.organization_id = c.actor.organization_id, .trainer_id = c.actor.trainer_id,
                             .role = d::Role::trainer, .payment_kind_other = true}) == d::Access::forbidden;
      });
      auto expect_hidden = [&](const std::string& path, const std::string& whose) {
        auto r = call(who, route, path);
        ++checked;
        EXPECT_EQ(leaked_marker(r), "") << whose << describe(who, route.method, path, route.api(), r);
        if (refused) {
          EXPECT_EQ(r.status, 405) << whose << describe(who, route.method, path, route.api(), r);
        } else if (who == "a_retired" && !route.api()) {  // the web session ended with the membership
          EXPECT_TRUE(route.method == "GET" ? r.status == 302 && r.header("location").starts_with("/accounts/login/")
                                            : r.status == 403)
              << whose << describe(who, route.method, path, route.api(), r);
        } else if (r.status == 403 && may_refuse) {
          EXPECT_EQ(call(who, route, nowhere).status, 403) << whose << "403 for an existing id, not for a missing one: "
                                                            << describe(who, route.method, path, route.api(), r);
        } else {
          EXPECT_EQ(r.status, 404) << whose << describe(who, route.method, path, route.api(), r);
        }
      };
      expect_hidden(route.fill(values(kinds, *b_)), "another studio's: ");
      // A notification is its recipient's alone (DOMAIN.md §10), whatever the role.
      const bool someone_elses = kinds == std::vector<Kind>{Kind::notification} && who != a_notified_;
      if (who == "a_retired") expect_hidden(route.fill(values(kinds, *r_)), "their former own: ");
      else if (hidden_from(c, kinds, org_a, a_senior) || someone_elses)
        expect_hidden(route.fill(values(kinds, *a_)), "a colleague's: ");
    }
    // Several ids: each one foreign in turn while the others are the caller's own ("/clients/{mine}/share-links/
    // {theirs}/revoke/").
    if (params.size() > 1)
      for (std::size_t i = 0; i < params.size(); ++i) {
        auto mixed = values(kinds, *a_);
        mixed[i] = b_->at(kinds[i]);
        std::string path = route.fill(mixed);
        auto r = call("a_owner", route, path);
        EXPECT_EQ(r.status, refused ? 405 : 404) << describe("a_owner", route.method, path, route.api(), r);
        ++checked;
      }
    // HTMX asks for the page's main content (WEB.md §2): the same 404, as a fragment.
    if (!route.api() && route.method == "GET" && !refused) {
      std::string path = route.fill(values(kinds, *b_));
      auto r = browsers_.at("a_owner").request("GET", path, "",
                                               {{"HX-Request", "true"}, {"HX-Target", "main-content"}});
      EXPECT_EQ(r.status, 404) << "HTMX: " << describe("a_owner", route.method, path, false, r);
      EXPECT_EQ(leaked_marker(r), "") << "HTMX: " << describe("a_owner", route.method, path, false, r);
    }
    // Anonymous: asked to sign in, whatever the id.
    std::string path = route.fill(values(kinds, *b_));
    auto anon = call("", route, path);
    if (route.api())
      EXPECT_EQ(anon.status, refused ? 405 : 401) << describe("anonymous", route.method, path, true, anon);
    else
      EXPECT_TRUE(anon.status == 302 || anon.status == 403) << describe("anonymous", route.method, path, false, anon);
    // The platform superuser sees every studio: reads never fail on the server.
    if (route.method == "GET") {
      auto r = call("root", route, path);
      EXPECT_FALSE(is_5xx(r.status)) << describe("root", route.method, path, route.api(), r);
    }
  }
  EXPECT_GT(checked, 300);
}

// Reference data (MCQ bank) is shared by every studio: members read it, only the superuser changes it.
TEST_F(IsolationSweep, ReferenceDataIsReadOnlyForStudioMembers) {
  for (const auto& [route, kinds] : routes_where(any_of_scope(Scope::reference))) {
    std::string path = route.fill(values(kinds, *b_));
    for (const auto& who : kMembers) {
      auto r = call(who, route, path);
      if (route.method == "GET") {
        EXPECT_FALSE(is_5xx(r.status)) << describe(who, route.method, path, route.api(), r);
      } else {
        ASSERT_EQ(d::authorize(caller(who).actor, d::Action::edit_reference_data, {}), d::Access::forbidden);
        EXPECT_EQ(r.status, 403) << describe(who, route.method, path, route.api(), r);
      }
    }
    if (route.method == "GET") {
      auto r = call("root", route, path);
      EXPECT_FALSE(is_5xx(r.status)) << describe("root", route.method, path, route.api(), r);
    }
  }
}

// A path secret (share-link token, invitation code) is its own permission; a dead one opens nothing for anyone. The
// invitation page alone still answers, to say so (WEB.md §4.1: "초대가 만료되었거나 유효하지 않습니다.").
TEST_F(IsolationSweep, DeadSecretsOpenNothing) {
  for (const auto& [route, kinds] : routes_where(any_of_scope(Scope::capability))) {
    std::string path = route.fill(values(kinds, *b_));
    for (std::string who : {"", "a_owner", "a_trainer", "root"}) {
      auto r = call(who, route, path);
      const bool states_it = route.method == "GET" && kinds == std::vector<Kind>{Kind::invitation_code} &&
                             r.status == 200 && r.body.find("초대가 만료되었거나 유효하지 않습니다.") != std::string::npos &&
                             r.body.find("confirm_password") == std::string::npos;
      const bool refused = route.method != "GET" && (r.status == 400 || r.status == 403);
      EXPECT_TRUE(states_it || r.status == 404 || r.status == 410 || refused)
          << describe(who.empty() ? "anonymous" : who, route.method, path, route.api(), r);
    }
  }
}

// Never a 5xx: every route without an object id (and the literal-parameter ones), read by every caller.
TEST_F(IsolationSweep, EveryReadAnswersWithoutServerError) {
  auto no_ids = [](const std::vector<Scope>& v) {
    return std::all_of(v.begin(), v.end(), [](Scope s) { return s == Scope::literal; });
  };
  for (const auto& [route, kinds] : routes_where(no_ids)) {
    if (route.method != "GET") continue;
    std::string path = route.fill(values(kinds, *b_));
    for (std::string who : {"", "a_owner", "a_senior", "a_trainer", "a_assistant", "root", "loner"}) {
      auto r = call(who, route, path);
      EXPECT_FALSE(is_5xx(r.status)) << describe(who.empty() ? "anonymous" : who, route.method, path, route.api(), r);
    }
  }
}

// The routes without a path id, read with another studio's ids in the query string (all names at once: they all name
// studio B's objects, so a filter that opens B's rows still matches; one at a time where the route refuses the
// set): never B's data in the answer (a filter narrows the caller's own rows, it does not open another studio's),
// never a 5xx.
TEST_F(IsolationSweep, AnotherStudiosIdsInTheQueryOpenNothing) {
  auto query = [](const std::string& name, Kind kind) {
    return name + "=" + b_->at(kind) + (name == "ids" ? "," + a_->at(kind) : "");
  };
  std::string all;
  for (const auto& [name, kind] : kQueryIds) all += (all.empty() ? "" : "&") + query(name, kind);
  int checked = 0;
  for (const auto& route : sweep_order()) {
    if (route.method != "GET" || !route.params().empty()) continue;
    for (std::string who : {"a_owner", "a_trainer", "loner", "a_retired"}) {
      // the studio-less see no studio's records, a deactivated trainer not even their former clients'
      std::vector<std::string> also;
      if (who == "loner" || who == "a_retired") also = {"Isolation-a", "Isolation-r"};
      auto check = [&](const std::string& q) {
        std::string path = route.path + "?" + q;
        auto r = call(who, route, path);
        ++checked;
        EXPECT_FALSE(is_5xx(r.status)) << describe(who, route.method, path, route.api(), r);
        EXPECT_EQ(leaked_marker(r, also), "") << describe(who, route.method, path, route.api(), r);
        return r.status;
      };
      if (check(all) == 400)
        for (const auto& [name, kind] : kQueryIds) check(query(name, kind));
    }
  }
  EXPECT_GT(checked, 150);
}

// Writes that name another studio's object in their body (the client of a package, the trainer of a client): refused
// exactly as a non-existent id is (API.md §1.4: 400 "Invalid pk"; the web form: 422), nothing written, nothing of
// the other studio shown. A table, since bodies are per route; the owner of studio A sends them (the caller who
// may name a trainer), the assistant the bookkeeping ones.
TEST_F(IsolationSweep, AnotherStudiosIdsInWriteBodiesAreRefused) {
  const Objects& a = *a_;
  const std::string tomorrow = add_days(local_date(std::chrono::system_clock::now(), "Asia/Seoul"), 1).str();
  struct Write {
    std::string method, path;
    std::function<std::string(const Objects&)> body;  // JSON for /api/, a form otherwise; ids from the given studio
  };
  auto n = [](const Objects& o, Kind k) { return std::stoll(o.at(k)); };
  const std::vector<Write> writes = {
      {"POST", "/api/v1/clients/", [&](const Objects& o) {
         return json{{"name", "x"}, {"age", 30}, {"gender", "male"}, {"height", 170}, {"weight", 70},
                     {"trainer", n(o, Kind::trainer)}}.dump(); }},
      {"PATCH", "/api/v1/clients/" + a.at(Kind::client) + "/",
       [&](const Objects& o) { return json{{"trainer", n(o, Kind::trainer)}}.dump(); }},
      {"POST", "/api/v1/assessments/", [&](const Objects& o) {
         return json{{"client", n(o, Kind::client)}, {"date", "2025-06-09"}, {"push_up_reps", 10}}.dump(); }},
      {"PATCH", "/api/v1/assessments/" + a.at(Kind::assessment) + "/",
       [&](const Objects& o) { return json{{"trainer", n(o, Kind::trainer)}}.dump(); }},
      {"POST", "/api/v1/packages/", [&](const Objects& o) {
         return json{{"client", n(o, Kind::client)}, {"package_name", "x"}, {"total_amount", 100000},
                     {"total_sessions", 1}, {"payment_method", "cash"}}.dump(); }},
      {"POST", "/api/v1/sessions/", [&](const Objects& o) {
         return json{{"package", n(o, Kind::package)}, {"session_date", tomorrow}}.dump(); }},
      {"POST", "/api/v1/payments/", [&](const Objects& o) {
         return json{{"client", n(o, Kind::client)}, {"amount", 1000}, {"payment_method", "cash"}}.dump(); }},
      {"POST", "/api/v1/payments/", [&](const Objects& o) {
         return json{{"client", std::stoll(a.at(Kind::client))}, {"package", n(o, Kind::package)}, {"amount", 1000},
                     {"payment_method", "cash"}}.dump(); }},
      {"POST", "/clients/add/", [&](const Objects& o) {
         return "name=x&age=30&gender=male&height=170&weight=70&trainer=" + o.at(Kind::trainer); }},
      {"POST", "/clients/" + a.at(Kind::client) + "/edit/", [&](const Objects& o) {
         return "name=x&age=30&gender=male&height=170&weight=70&trainer=" + o.at(Kind::trainer); }},
      {"POST", "/assessments/add/",
       [&](const Objects& o) { return "client=" + o.at(Kind::client) + "&date=2025-06-09&push_up_reps=10"; }},
      {"POST", "/sessions/packages/add/", [&](const Objects& o) {
         return "client=" + o.at(Kind::client) +
                "&package_name=x&total_amount=100000&total_sessions=1&payment_method=cash"; }},
      {"POST", "/sessions/add/", [&](const Objects& o) {
         return "client=" + o.at(Kind::client) + "&package=" + o.at(Kind::package) + "&session_date=" + tomorrow; }},
      {"POST", "/sessions/payments/add/",
       [&](const Objects& o) { return "client=" + o.at(Kind::client) + "&amount=1000&payment_method=cash"; }},
  };
  Objects nowhere = *b_;
  for (auto& [kind, value] : nowhere) value = "987654321";
  for (const auto& w : writes)
    for (std::string who : {"a_owner", "a_assistant"}) {
      // the assistant, refused all bookkeeping (API.md §1.4), must be refused alike whatever the id names
      const bool bookkeeping = w.path.find("/packages/") != std::string::npos ||
                               w.path.find("/sessions/") != std::string::npos ||
                               w.path.find("/payments/") != std::string::npos;
      if (who == "a_assistant" && !bookkeeping) continue;
      auto send = [&](const Objects& o) {
        if (w.path.starts_with("/api/")) return world_->call(who, w.method, w.path, json::parse(w.body(o)));
        return browsers_.at(who).request(w.method, w.path, w.body(o));
      };
      auto foreign = send(*b_), missing = send(nowhere);
      std::string what = describe(who, w.method, w.path + " " + w.body(*b_), w.path.starts_with("/api/"), foreign);
      EXPECT_TRUE(foreign.status >= 400 && foreign.status < 500) << what;
      EXPECT_EQ(foreign.status, missing.status) << "answers differently for a missing id: " << what;
      EXPECT_EQ(leaked_marker(foreign), "") << what;
      // refused for naming that object (not for some other field): the reference check is what this tests
      if (who == "a_owner") EXPECT_NE(foreign.body.find("유효하지 않은 pk"), std::string::npos) << what;
      else EXPECT_EQ(foreign.status, 403) << what;
    }
}

// Found by the sweep (EveryReadAnswersWithoutServerError, now and then): a probe right after another found the
// previous check's thread not yet marked done and answered 503 "database unreachable" — a load balancer polling
// twice would take a healthy node out of service.
TEST_F(IsolationSweep, BackToBackReadinessProbesAreReady) {
  for (int i = 0; i < 200; ++i) {
    auto r = http_request(world_->port(), "GET", "/readyz");
    ASSERT_EQ(r.status, 200) << "probe " << i << ": " << r.body;
  }
}

// The markers the sweep looks for are really there for the studio's own people (else their absence proves nothing).
TEST_F(IsolationSweep, StudioBsMarkersShowToStudioB) {
  EXPECT_NE(world_->call("b_owner", "GET", "/api/v1/clients/").body.find("Isolation-b"), std::string::npos);
  EXPECT_NE(browsers_.at("root").request("GET", "/clients/").body.find("Isolation-b"), std::string::npos);
  EXPECT_NE(world_->call("b_owner", "GET", "/api/v1/trainers/").body.find("b_trainer"), std::string::npos);
  EXPECT_NE(a_notified_, "");
  EXPECT_NE(world_->call("a_owner", "GET", "/api/v1/clients/").body.find("Isolation-r"), std::string::npos);
}

// Last: the sweep changed nothing in any studio (a write that leaks before it fails would show here).
TEST_F(IsolationSweep, NothingChanged) { EXPECT_EQ(fingerprint(), before_); }

}  // namespace
