#include "api/body.hpp"
#include "api/json_fields.hpp"
#include "api/listing.hpp"
#include "api/organizations_api.hpp"
#include "domain/money.hpp"
#include "front/context.hpp"
#include "http/json_response.hpp"
#include "service/trainers.hpp"

namespace the5hc::api {
namespace {

nlohmann::json trainer_json(const service::TrainerView& v, Lang lang) {
  const auto& t = v.trainer;
  auto list = [](const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    return j.is_array() ? j : nlohmann::json::array();
  };
  const auto& zone = t.organization_timezone;
  return {{"id", t.id},
          {"user", t.user_id},
          {"username", t.username},
          {"name", t.name},
          {"email", t.email},
          {"organization", t.organization_id},
          {"role", t.role},
          {"role_display", role_display(t.role, lang)},
          {"bio", nullable(t.bio)},
          {"certifications", list(t.certifications)},
          {"specialties", list(t.specialties)},
          {"years_of_experience", t.years_of_experience},
          {"session_price", t.session_price},
          {"is_active", t.is_active},
          {"deactivated_at", timestamp_json(t.deactivated_at, zone)},
          {"client_count", t.client_count},
          {"stats",
           {{"active_packages", v.stats.active_packages},
            {"sessions_this_month", v.stats.sessions_this_month},
            {"assessments_total", v.stats.assessments_total},
            {"revenue_30d", v.revenue_visible ? nlohmann::json(v.stats.revenue_30d) : nlohmann::json(nullptr)}}},
          {"created_at", timestamp_json(t.created_at, zone)}};
}

// A list of strings: a JSON array of strings, or one text entered one item per line.
std::optional<std::vector<std::string>> string_list(Body& body, const std::string& key) {
  if (!body.has(key)) return std::nullopt;
  const auto& v = body.json().at(key);
  std::vector<std::string> out;
  if (v.is_string()) {
    std::string line, text = v.get<std::string>();
    for (std::size_t start = 0; start <= text.size();) {
      auto end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      line = text.substr(start, end - start);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      while (!line.empty() && line.front() == ' ') line.erase(0, 1);
      if (!line.empty()) out.push_back(line);
      start = end + 1;
    }
    return out;
  }
  if (v.is_array()) {
    for (const auto& item : v) {
      if (!item.is_string()) {
        body.error(key, "Enter a list of texts.");
        return std::nullopt;
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }
  body.error(key, "Enter a list of texts.");
  return std::nullopt;
}

}  // namespace

void register_trainer_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/trainers/", [&deps](http::Request& req) {
    auto ctx = front::signed_in_context(req, deps);
    auto page = page_request(req);
    service::TrainerQuery q;
    q.role = query_choice(req, "role", {"owner", "senior", "trainer", "assistant"});
    q.is_active = query_bool(req, "is_active").value_or(true);
    q.search = search_terms(req);
    q.sort = sort_keys<store::TrainerSort>(req, {{"name", store::TrainerSort::name},
                                                 {"created_at", store::TrainerSort::created_at},
                                                 {"role", store::TrainerSort::role},
                                                 {"years_of_experience", store::TrainerSort::years_of_experience}});
    q.limit = page.page_size;
    q.offset = page.offset();
    auto result = service::list_trainers(ctx, q);
    auto items = nlohmann::json::array();
    for (const auto& t : result.results) items.push_back(trainer_json(t, req.lang));
    return http::json_response(200, page_envelope(req, page, result.count, items));
  }, "trainers-list");

  router.get("/api/v1/trainers/{id:int}/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    return http::json_response(200, trainer_json(service::get_trainer(ctx, front::path_id(req)), req.lang));
  }, "trainers-detail");

  router.patch("/api/v1/trainers/{id:int}/", [&deps](http::Request& req) {
    auto id = front::path_id(req);
    Body body(req, {"bio", "certifications", "specialties", "years_of_experience", "session_price", "role"},
              {"id", "user", "username", "name", "email", "organization", "role_display", "is_active",
               "deactivated_at", "client_count", "stats", "created_at"});
    service::TrainerChanges c;
    if (body.has("bio")) c.bio = body.text("bio", false, true, 0, true);
    c.certifications = string_list(body, "certifications");
    c.specialties = string_list(body, "specialties");
    if (auto v = body.integer("years_of_experience")) c.years_of_experience = static_cast<int>(*v);
    c.session_price = body.integer("session_price", false, false, 0, domain::max_amount);
    c.role = body.choice("role", {"owner", "senior", "trainer", "assistant"});
    c.input_errors = body.errors();  // judged by the use case once the trainer is found (404 before 400)
    auto ctx = front::context(req, deps);
    return http::json_response(200, trainer_json(service::update_trainer(ctx, id, c), req.lang));
  }, "trainers-partial-update");

  router.post("/api/v1/trainers/{id:int}/deactivate/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    return http::json_response(200, trainer_json(service::deactivate_trainer(ctx, front::path_id(req)), req.lang));
  }, "trainers-deactivate");

  router.post("/api/v1/trainers/{id:int}/activate/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    return http::json_response(200, trainer_json(service::activate_trainer(ctx, front::path_id(req)), req.lang));
  }, "trainers-activate");
}

}  // namespace the5hc::api
