// JSON bodies of the API writes: http::json_body (the one parser every write endpoint uses), api::Body's field
// readers with the accessors and limits of the client, package and session writes, and the assessment write
// (service::read_assessment_input + read_client_facts → domain validation → the scoring engine → the response
// JSON). Only the5hc::Error (400/415/422) may leave; a crash, sanitizer report or other exception is a defect.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "api/body.hpp"
#include "domain/assessment_validation.hpp"
#include "domain/evaluation.hpp"
#include "fuzz_support.hpp"
#include "http/json_response.hpp"
#include "common/json_text.hpp"
#include "service/assessment_json.hpp"

using namespace the5hc;

namespace {

void client_like_write(const nlohmann::json& object) {
  api::Body body(object, {"name", "age", "gender", "birth_date", "weight", "height", "phone", "email", "notes",
                          "total_sessions", "session_price", "is_active", "trainer", "activity_level"},
                 {"id", "created_at"});
  (void)body.text("name", true, false, 100);
  (void)body.integer("age", false, true, 1, 120);
  (void)body.choice("gender", {"male", "female"}, true);
  (void)body.date("birth_date", false, true);
  (void)body.number("weight", false, true);
  (void)body.number("height", false, true);
  (void)body.text("phone", false, true, 20);
  (void)body.text("email", false, true, 254);
  (void)body.text("notes", false, true, 0, true);
  (void)body.integer("total_sessions", false, false, 1, 1000);
  (void)body.integer("session_price", false, false, 0);
  (void)body.boolean("is_active");
  (void)body.integer("trainer", false, true);
  (void)body.choice("activity_level", {"sedentary", "light", "moderate", "active", "very_active"}, false, true);
  body.finish();
}

void assessment_write(const nlohmann::json& object, Lang lang) {
  domain::AssessmentInput input;
  domain::ClientFacts client;
  FieldErrors errors = service::read_assessment_input(object, input, {"client", "date", "client_facts"});
  if (object.contains("client_facts") && object["client_facts"].is_object()) {
    auto more = service::read_client_facts(object["client_facts"], client, "client_facts");
    errors.insert(more.begin(), more.end());
  }
  if (!errors.empty()) return;
  domain::round_measurements(input);
  if (!domain::validate_assessment_input(input).empty()) return;
  domain::Evaluation e = domain::evaluate_assessment(input, client);
  JsonWriter out;
  service::write_assessment_object(out, {&input, &e, lang});
  // What the API would send must be one valid JSON object (a parse error here is not a product error: it fails).
  if (!nlohmann::json::parse(out.text()).is_object()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  http::Request req;
  req.method = "POST";
  req.headers.set("Content-Type", size % 2 ? "application/json" : "application/vnd.the5hc+json; charset=utf-8");
  req.body.assign(reinterpret_cast<const char*>(data), size);
  fuzz::expect_only_product_errors("json body", [&] {
    nlohmann::json object = http::json_body(req);
    fuzz::expect_only_product_errors("client write", [&] { client_like_write(object); });
    fuzz::expect_only_product_errors("assessment write", [&] { assessment_write(object, size % 3 ? Lang::ko : Lang::en); });
    (void)http::dump_json(object);
  });
  return 0;
}
