// http/error_mapping: the one Error → HTTP mapping (API.md §1.6) used by the error middleware and the web login.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/log.hpp"
#include "http/error_mapping.hpp"

using namespace the5hc;
using namespace the5hc::http;

namespace {

Request make(std::string path, Lang lang = Lang::ko) {
  Request r;
  r.method = "GET";
  r.path = r.target = std::move(path);
  r.lang = lang;
  r.request_id = "rid-test";
  return r;
}

nlohmann::json body(const ErrorReply& r) { return nlohmann::json::parse(r.json_body); }

}  // namespace

TEST(HttpErrorMapping, ArgumentsFillTheMessageAndHeadersGoToTheResponseOnly) {
  Error e(ErrorCode::account_locked, "Account locked after 5 failed logins. Try again in {m} minutes.");
  e.args["m"] = "30";
  e.headers["Retry-After"] = "1800";
  ErrorReply reply = map_error(make("/api/v1/auth/login/"), e);
  EXPECT_EQ(reply.status, 403);
  EXPECT_FALSE(reply.internal);
  EXPECT_EQ(reply.message, "로그인 5회 실패로 계정이 잠겼습니다. 30분 후 다시 시도하세요.");
  EXPECT_EQ(body(reply), nlohmann::json({{"detail", reply.message}, {"code", "account_locked"}}));
  EXPECT_EQ(reply.headers, (std::map<std::string, std::string>{{"Retry-After", "1800"}}));

  // a header is never a message argument, an argument never a header
  Error only_header(ErrorCode::account_locked, "Locked for {Retry-After} seconds.");
  only_header.headers["Retry-After"] = "5";
  EXPECT_EQ(map_error(make("/api/v1/x/"), only_header).message, "Locked for {Retry-After} seconds.");
  Error only_arg(ErrorCode::conflict, "Already booked at {at}.");
  only_arg.args["at"] = "10:00";
  auto arg_reply = map_error(make("/api/v1/x/"), only_arg);
  EXPECT_EQ(arg_reply.message, "Already booked at 10:00.");
  EXPECT_TRUE(arg_reply.headers.empty());
}

TEST(HttpErrorMapping, ThrottledSaysTheWaitOfItsRetryAfter) {
  Error e(ErrorCode::throttled, "Request was throttled. Expected available in {n} seconds.");
  e.headers["Retry-After"] = "17";
  auto reply = map_error(make("/api/v1/x/", Lang::en), e);
  EXPECT_EQ(reply.status, 429);
  EXPECT_EQ(reply.message, "Request was throttled. Expected available in 17 seconds.");
  EXPECT_EQ(reply.headers.at("Retry-After"), "17");
  Error bare(ErrorCode::throttled, "Request was throttled. Expected available in {n} seconds.");
  auto fallback = map_error(make("/api/v1/x/", Lang::en), bare);
  EXPECT_EQ(fallback.headers.at("Retry-After"), "60");
  EXPECT_EQ(fallback.message, "Request was throttled. Expected available in 60 seconds.");
}

TEST(HttpErrorMapping, UnavailableIsA503WithItsMessageAndRetryAfter) {
  Error e(ErrorCode::unavailable, "The server is busy. Please try again shortly.");
  e.headers["Retry-After"] = "1";
  auto reply = map_error(make("/api/v1/clients/"), e);
  EXPECT_EQ(reply.status, 503);
  EXPECT_FALSE(reply.internal);
  EXPECT_EQ(body(reply), nlohmann::json({{"detail", "서버가 혼잡합니다. 잠시 후 다시 시도해주세요."}}));
  EXPECT_EQ(reply.headers.at("Retry-After"), "1");
  Response res = error_response(make("/api/v1/clients/"), e);
  EXPECT_EQ(res.status, 503);
  EXPECT_EQ(res.headers.get("Retry-After"), "1");
  EXPECT_EQ(res.body, reply.json_body);
}

TEST(HttpErrorMapping, InternalErrorsKeepTheirTextOut) {
  auto reply = map_error(make("/api/v1/x/"), Error(ErrorCode::internal, "SELECT secret"));
  EXPECT_TRUE(reply.internal);
  EXPECT_EQ(reply.status, 500);
  EXPECT_EQ(reply.message, "서버 오류가 발생했습니다.");
  EXPECT_EQ(reply.json_body.find("secret"), std::string::npos);
  log::set_sink([](std::string_view) {});
  auto db = map_error(make("/api/v1/x/"), Error(ErrorCode::database_state, "could not connect to db.internal"));
  log::set_sink({});
  EXPECT_EQ(db.status, 503);
  EXPECT_EQ(db.message, "서비스 점검 중입니다.");
  EXPECT_EQ(db.headers.at("Retry-After"), "30");
}

TEST(HttpErrorMapping, AuthenticationChallengeOnlyUnderTheApi) {
  Error e(ErrorCode::not_authenticated, "Authentication credentials were not provided.");
  EXPECT_EQ(map_error(make("/api/v1/x/"), e).headers.at("WWW-Authenticate"), "Bearer realm=\"api\"");
  EXPECT_EQ(map_error(make("/clients/"), e).headers.count("WWW-Authenticate"), 0u);
}

TEST(HttpErrorMapping, FieldErrorsUseTheArguments) {
  Error e = Error::validation({{"responses.2.selected_choices", {"Choose at most {n}."}},
                               {"email", {"This email is already registered."}}});
  e.args["n"] = "2";
  auto reply = map_error(make("/api/v1/x/"), e);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(body(reply), nlohmann::json({{"responses", {{"2", {{"selected_choices", {"Choose at most 2."}}}}}},
                                        {"email", {"이미 등록된 이메일입니다."}}}));
}
