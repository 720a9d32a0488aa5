// api::Body, the one reader of write bodies (API.md §1.1, §1.6): regressions found by the fuzz targets of issue 17
// (fuzz/fuzz_form_body.cpp, fuzz/fuzz_api_json.cpp). Each input used to escape as a non-product exception or
// undefined behaviour, i.e. a 500; now it is a field error (422) like any other bad value.
#include <gtest/gtest.h>

#include "api/body.hpp"
#include "common/i18n.hpp"
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

http::Request json_request(std::string body) {
  http::Request req;
  req.headers.set("Content-Type", "application/json");
  req.body = std::move(body);
  return req;
}

std::string refusal(const std::string& body) {
  try {
    (void)http::json_body(json_request(body));
  } catch (const Error& e) {
    return i18n::translate(Lang::en, e.what());
  }
  return "";
}

TEST(ApiBody, JsonBodyIsTheTreeNlohmannReads) {
  // json_body builds the tree itself (issue 11); it must be the one json::parse gives, nested values included.
  const std::string text =
      R"({"a": [1, -2, 3.5, true, null, "x", [], {}, [{"b": {"c": ["d"]}}]], "e": {"f": 18446744073709551615},)"
      R"( "g": "한글 ☃", "h": -0.0, "i": 1e300, "j": {"k": [[1], [2, [3]]]}})";
  EXPECT_EQ(http::json_body(json_request(text)), nlohmann::json::parse(text));
  EXPECT_EQ(http::json_body(json_request("{}")), nlohmann::json::object());
}

TEST(ApiBody, JsonBodyRefusesDuplicateKeysAtAnyDepthAndValuesNestedTooDeeply) {
  EXPECT_EQ(refusal(R"({"a": 1, "b": 2, "a": 3})"), "Malformed JSON: duplicate key \"a\".");
  EXPECT_EQ(refusal(R"({"a": {"x": 1, "x": 1}})"), "Malformed JSON: duplicate key \"x\".");
  EXPECT_EQ(refusal(R"({"a": [{"x": 1}, {"x": 2}], "x": 3})"), "");  // the same key in different objects
  // kMaxJsonDepth open containers may hold values; one more level may not.
  auto nested = [](int depth, const std::string& inner) {
    std::string s;
    for (int i = 0; i < depth; ++i) s += "{\"k\":";
    s += inner;
    for (int i = 0; i < depth; ++i) s += "}";
    return s;
  };
  EXPECT_EQ(refusal(nested(http::kMaxJsonDepth, "1")), "");
  EXPECT_EQ(refusal(nested(http::kMaxJsonDepth + 1, "1")), "Malformed JSON: nested too deeply.");
  EXPECT_EQ(refusal(nested(http::kMaxJsonDepth, "[\"x\"]")), "Malformed JSON: nested too deeply.");
  // Syntax errors keep their position; text is checked in keys and in values, array items included.
  EXPECT_EQ(refusal("{\"a\": 1,}"), "Malformed JSON: line 1 column 9 (char 8)");
  EXPECT_NE(refusal(std::string("{\"a\": [\"ok\", \"nul\\u0000\"]}")), "");
  EXPECT_NE(refusal(std::string("{\"a\\u0000\": 1}")), "");
}

}  // namespace
}  // namespace the5hc::api
