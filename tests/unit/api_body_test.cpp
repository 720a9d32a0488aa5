// api::Body, the one reader of write bodies (API.md §1.1, §1.6): regressions found by the fuzz targets of issue 17
// (fuzz/fuzz_form_body.cpp, fuzz/fuzz_api_json.cpp). Each input used to escape as a non-product exception or
// undefined behaviour, i.e. a 500; now it is a field error (422) like any other bad value.
#include <gtest/gtest.h>

#include "api/body.hpp"
#include "http/json_response.hpp"

namespace the5hc::api {
namespace {

http::Request form(std::string body) {
  http::Request req;
  req.method = "POST";
  req.headers.set("Content-Type", "application/x-www-form-urlencoded");
  req.body = std::move(body);
  return req;
}

std::vector<std::string> errors_of(Body& body, const std::string& key) {
  auto it = body.errors().find(key);
  return it == body.errors().end() ? std::vector<std::string>{} : it->second;
}

TEST(ApiBody, IntegerTextThatIsNotOneNumberIsAFieldError) {
  // std::stoll threw std::invalid_argument on "--1" and read "5-3" as 5.
  for (const char* text : {"--1", "5-3", "1-", "-", "99999999999999999999"}) {
    Body body(form(std::string("age=") + text), {"age"});
    EXPECT_EQ(body.integer("age"), std::nullopt) << text;
    EXPECT_EQ(errors_of(body, "age"), std::vector<std::string>{"A valid integer is required."}) << text;
  }
  // A whole number beyond the 32-bit columns is a number, but out of range.
  Body low(form("age=-9223372036854775808"), {"age"});
  EXPECT_EQ(low.integer("age"), std::nullopt);
  ASSERT_EQ(errors_of(low, "age").size(), 1u);
  EXPECT_TRUE(errors_of(low, "age")[0].starts_with("Ensure this value is greater than or equal to"))
      << errors_of(low, "age")[0];
  Body ok(form("age=-12"), {"age"});
  EXPECT_EQ(ok.integer("age"), -12);
}

TEST(ApiBody, HugeOrFractionalJsonNumberIsNotAnInteger) {
  // 1.5e300 was cast to int64 before the comparison (undefined behaviour).
  for (double d : {1.5e300, -1e19, 2.5}) {
    Body body(nlohmann::json{{"total_sessions", d}}, {"total_sessions"});
    EXPECT_EQ(body.integer("total_sessions"), std::nullopt) << d;
    EXPECT_EQ(errors_of(body, "total_sessions"), std::vector<std::string>{"A valid integer is required."}) << d;
  }
  Body whole(nlohmann::json{{"total_sessions", 10.0}}, {"total_sessions"});
  EXPECT_EQ(whole.integer("total_sessions"), 10);
}

TEST(ApiBody, RepeatedFormFieldWithInvalidUtf8IsAnInvalidChoice) {
  // The list of a repeated field was dumped with nlohmann's default handler, which throws on invalid UTF-8.
  Body body(form("gender=%ED%99&gender=male"), {"gender"});
  EXPECT_EQ(body.choice("gender", {"male", "female"}), std::nullopt);
  ASSERT_EQ(errors_of(body, "gender").size(), 1u);
  EXPECT_THROW(body.finish(), Error);
}

TEST(ApiBody, NumberBeyondDoubleIsMalformedJson) {
  // nlohmann's out_of_range (406) escaped http::json_body, which only caught parse_error.
  for (const char* text : {R"({"weight": 9e308})", R"({"a": [1, -1e999]})"}) {
    http::Request req;
    req.headers.set("Content-Type", "application/json");
    req.body = text;
    try {
      (void)http::json_body(req);
      ADD_FAILURE() << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::bad_request) << text;
    }
  }
}

}  // namespace
}  // namespace the5hc::api
