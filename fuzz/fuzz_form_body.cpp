// Form and multipart bodies as the API and the web forms receive them: the first byte picks the Content-Type
// (urlencoded, multipart with a boundary taken from the input, or a malformed multipart header), the rest is the
// body. http::json_body turns it into fields and api::Body reads every field with every accessor, as the write
// endpoints do; web forms read the same body with http::QueryParams (and the assessment form turns its fields into
// the API's write body with service::assessment_form_body). Only the5hc::Error (400/415/422) may leave.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "api/body.hpp"
#include "domain/assessment.hpp"
#include "fuzz_support.hpp"
#include "http/json_response.hpp"
#include "service/assessment_json.hpp"

using namespace the5hc;

namespace {

void read_every_field(api::Body& body) {
  std::set<std::string> keys;
  for (auto it = body.json().begin(); it != body.json().end(); ++it) keys.insert(it.key());
  for (const auto& key : keys) {
    (void)body.text(key, true, false, 20);
    (void)body.text(key, false, true, 0, true);
    (void)body.integer(key, false, true, 0, 1000);
    (void)body.number(key, false, true);
    (void)body.boolean(key);
    (void)body.choice(key, {"male", "female"}, false, true);
    (void)body.date(key, false, true);
  }
  body.finish();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
  http::Request req;
  req.method = "POST";
  switch (data[0] % 4) {
    case 0: req.headers.set("Content-Type", "application/x-www-form-urlencoded"); break;
    case 1: req.headers.set("Content-Type", "multipart/form-data; boundary=XyZ"); break;
    case 2: {  // the boundary (and any further parameters) from the input, up to the first newline
      auto nl = input.find('\n');
      req.headers.set("Content-Type", "multipart/form-data; " + input.substr(0, nl));
      input = nl == std::string::npos ? "" : input.substr(nl + 1);
      break;
    }
    default: req.headers.set("Content-Type", "Multipart/Form-Data ; boundary=\"XyZ\"; charset=utf-8"); break;
  }
  req.body = std::move(input);
  fuzz::expect_only_product_errors("form body", [&] {
    // The assessment web form: posted fields → the API's write body → the assessment reader (web/assessments.cpp).
    std::vector<std::pair<std::string, std::string>> fields;
    for (const auto& [name, value] : http::QueryParams::parse(req.body)) fields.emplace_back(name, value);
    domain::AssessmentInput input;
    (void)service::read_assessment_input(service::assessment_form_body(fields), input, {"client", "date"});
    api::Body body(req, {"name", "age", "gender", "date", "weight", "notes", "file", "consent"}, {"id"});
    read_every_field(body);
  });
  return 0;
}
