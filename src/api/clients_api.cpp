#include "api/clients_api.hpp"

#include "api/assessment_views.hpp"
#include "api/body.hpp"
#include "api/bookkeeping_json.hpp"
#include "api/json_fields.hpp"
#include "api/listing.hpp"
#include "front/context.hpp"
#include "domain/client_rules.hpp"
#include "http/json_response.hpp"
#include "service/assessments.hpp"
#include "service/clients.hpp"
#include "service/packages.hpp"

namespace the5hc::api {
namespace {

using nlohmann::json;
namespace d = the5hc::domain;

const std::set<std::string> kWritable = {"trainer", "name", "age", "gender", "height", "weight", "email", "phone"};
const std::set<std::string> kReadOnly = {"id",
                                         "trainer_name",
                                         "gender_display",
                                         "bmi",
                                         "bmi_category",
                                         "bmi_category_display",
                                         "assessment_count",
                                         "latest_overall_score",
                                         "latest_assessment_date",
                                         "active_package_count",
                                         "activity_status",
                                         "created_at",
                                         "updated_at"};

// A client resource (API.md §3), written straight as text: the client list is the busiest endpoint (issue 11).
void write_client(JsonWriter& w, const service::ClientView& v, Lang lang) {
  const auto& c = v.client;
  const bool en = lang == Lang::en;
  w.begin_object()
      .field("id", c.id)
      .field("trainer", c.fields.trainer_id)
      .field("trainer_name", c.trainer_name)
      .field("name", c.fields.name)
      .field("age", c.fields.age)
      .field("gender", c.fields.gender);
  if (auto g = d::parse_gender(c.fields.gender)) w.field("gender_display", en ? d::gender_label(*g).en : d::gender_label(*g).ko);
  w.field("height", c.fields.height).field("weight", c.fields.weight);
  auto bmi = d::bmi(c.fields.height, c.fields.weight);
  w.field("bmi", bmi);
  if (bmi) {
    const auto& label = d::bmi_category_label(d::bmi_category(*bmi));
    w.field("bmi_category", label.code).field("bmi_category_display", en ? label.en : label.ko);
  } else {
    w.key("bmi_category").null().key("bmi_category_display").null();
  }
  w.field("email", c.fields.email)
      .field("phone", c.fields.phone)
      .field("assessment_count", c.assessment_count)
      .field("latest_overall_score", c.latest_overall_score)
      .field("latest_assessment_date", c.latest_assessment_date)
      .field("active_package_count", c.active_package_count)
      .field("activity_status", v.active ? "active" : "inactive")
      .field("created_at", timestamp_text(c.created_at, v.zone))
      .field("updated_at", timestamp_text(c.updated_at, v.zone))
      .end_object();
}

http::Response client_response(int status, const service::ClientView& v, Lang lang) {
  JsonWriter w;
  write_client(w, v, lang);
  return http::Response::json(status, w.take());
}

// PUT needs every required field, PATCH only the ones given.
service::ClientChanges read_changes(const http::Request& req, bool partial) {
  Body body(req, kWritable, kReadOnly);
  const bool required = !partial;
  service::ClientChanges ch;
  ch.trainer_id = body.integer("trainer");
  ch.name = body.text("name", required, false, 200, true);
  if (auto age = body.integer("age", required)) ch.age = static_cast<int>(*age);
  ch.gender = body.choice("gender", {"male", "female"}, required);
  ch.height = body.number("height", required);
  ch.weight = body.number("weight", required);
  if (body.has("email")) ch.email = body.text("email", false, true, 254, true);
  if (body.has("phone")) ch.phone = body.text("phone", false, true, 0, true);
  ch.input_errors = body.errors();  // judged with the rules of DOMAIN.md §8 so every mistake shows at once
  return ch;
}

service::ClientQuery read_query(const http::Request& req) {
  service::ClientQuery q;
  q.search = search_terms(req);
  q.gender = query_choice(req, "gender", {"male", "female"});
  q.age_min = query_int(req, "age_min");
  q.age_max = query_int(req, "age_max");
  q.trainer_id = query_int(req, "trainer");
  q.bmi_category = query_choice(req, "bmi_category", {"underweight", "normal", "overweight", "obese", "severely_obese"});
  q.activity = query_choice(req, "activity", {"active", "inactive"});
  q.latest_score = query_choice(req, "latest_score", {"90-100", "80-89", "70-79", "60-69", "0-59", "none"});
  q.created_from = query_date(req, "created_from");
  q.created_to = query_date(req, "created_to");
  q.sort = sort_keys<store::ClientSort>(req, {{"name", store::ClientSort::name},
                                              {"age", store::ClientSort::age},
                                              {"created_at", store::ClientSort::created_at}});
  return q;
}

}  // namespace

void register_client_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/clients/", [&deps](http::Request& req) {
    auto page = page_request(req);
    auto q = read_query(req);
    q.limit = page.page_size;
    q.offset = page.offset();
    auto list = service::list_clients(front::context(req, deps), q);
    return http::Response::json(200, page_envelope_text(req, page, list.count, list.results,
                                                        [&](JsonWriter& w, const service::ClientView& v) {
                                                          write_client(w, v, req.lang);
                                                        }));
  }, "clients-list");

  router.post("/api/v1/clients/", [&deps](http::Request& req) {
    auto ch = read_changes(req, false);
    return client_response(201, service::create_client(front::context(req, deps), ch), req.lang);
  }, "clients-create");

  router.get("/api/v1/clients/{id:int}/", [&deps](http::Request& req) {
    return client_response(200, service::get_client(front::context(req, deps), req.param_int("id")), req.lang);
  }, "clients-detail");

  for (const char* method : {"PUT", "PATCH"}) {
    const bool partial = std::string(method) == "PATCH";
    router.add(method, "/api/v1/clients/{id:int}/", [&deps, partial](http::Request& req) {
      auto ch = read_changes(req, partial);  // errors judged by the use case: invisible → 404 before them
      auto view = service::update_client(front::context(req, deps), req.param_int("id"), ch);
      return client_response(200, view, req.lang);
    }, partial ? "clients-partial-update" : "clients-update");
  }

  router.del("/api/v1/clients/{id:int}/", [&deps](http::Request& req) {
    service::delete_client(front::context(req, deps), req.param_int("id"));
    return http::Response{.status = 204};
  }, "clients-delete");

  router.get("/api/v1/clients/{id:int}/assessments/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto list = service::client_assessments(ctx, req.param_int("id"));
    JsonWriter w;
    w.begin_array();
    for (const auto& a : list.results) write_assessment_summary(w, a, list.zone);
    w.end_array();
    return http::Response::json(200, w.take());
  }, "clients-assessments");

  router.get("/api/v1/clients/{id:int}/packages/", [&deps](http::Request& req) {
    // invisible client → 404, assistants → 403
    auto list = service::client_packages(front::context(req, deps), req.param_int("id"));
    json out = json::array();
    for (const auto& p : list.results) out.push_back(package_json(p, list.zone, req.lang));
    return http::json_response(200, out);
  }, "clients-packages");

  router.get("/api/v1/clients/{id:int}/statistics/", [&deps](http::Request& req) {
    auto s = service::client_statistics(front::context(req, deps), req.param_int("id"));
    json trend = json::array();
    for (const auto& p : s.score_trend)
      trend.push_back({{"date", p.date},
                       {"overall_score", nullable(p.overall)},
                       {"strength_score", nullable(p.strength)},
                       {"mobility_score", nullable(p.mobility)},
                       {"balance_score", nullable(p.balance)},
                       {"cardio_score", nullable(p.cardio)}});
    json latest = nullptr;
    if (s.latest_id)
      latest = {{"id", *s.latest_id}, {"date", *s.latest_date}, {"overall_score", nullable(s.latest_overall)}};
    auto money = [&](auto member) { return s.money ? json((*s.money).*member) : json(nullptr); };
    return http::json_response(200, {{"total_assessments", s.total_assessments},
                                     {"latest_assessment", latest},
                                     {"average_score", nullable(s.average_score)},
                                     {"score_trend", trend},
                                     {"total_packages", money(&store::ClientStatistics::total_packages)},
                                     {"active_packages", money(&store::ClientStatistics::active_packages)},
                                     {"total_sessions", money(&store::ClientStatistics::total_sessions)},
                                     {"completed_sessions", money(&store::ClientStatistics::completed_sessions)},
                                     {"scheduled_sessions", money(&store::ClientStatistics::scheduled_sessions)},
                                     {"total_paid", money(&store::ClientStatistics::total_paid)}});
  }, "clients-statistics");
}

}  // namespace the5hc::api
