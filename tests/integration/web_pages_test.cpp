// The web UI over real sockets (WEB.md §2–§4.3, §6): login redirects, full page vs main-content vs fragment, 422
// form re-render, HX-Redirect, permissions per role, another organisation's client → 404, and the export bytes.
#include <gtest/gtest.h>

#include <regex>

#include <nlohmann/json.hpp>

#include "http/message.hpp"
#include "support/org_world.hpp"
#include "support/suite_server.hpp"

using namespace the5hc;
using namespace the5hc::testing;
using nlohmann::json;

namespace {

// A browser signed in through the login form: its session cookie and the CSRF token of its pages.
struct Browser {
  std::string session, csrf;
};

class WebPagesTest : public OrgWorldTest {
 protected:
  static void SetUpTestSuite() {
    OrgWorldTest::SetUpTestSuite();
    for (std::string who : {"a_owner", "a_trainer", "a_assistant", "b_owner", "b_senior"}) browsers_[who] = sign_in(who);
  }
  static void TearDownTestSuite() {
    browsers_.clear();
    OrgWorldTest::TearDownTestSuite();
  }

  static Browser sign_in(const std::string& who) {
    auto page = http_request(world_->port(), "GET", "/accounts/login/");
    EXPECT_EQ(page.status, 200);
    std::string cookie = "csrftoken=" + cookie_value(page, "csrftoken");
    auto r = http_request(world_->port(), "POST", "/accounts/login/",
                          "csrfmiddlewaretoken=" + http::url_encode(form_csrf_token(page.body)) +
                              "&email_or_username=" + who + "&password=" + kPassword,
                          {{"Cookie", cookie}, {"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(r.status, 303) << r.body;
    Browser b{cookie_value(r, "sessionid"), ""};
    // The password page is open even to users who must change their password first.
    auto page2 = http_request(world_->port(), "GET", "/accounts/password/", "", {{"Cookie", "sessionid=" + b.session}});
    b.csrf = form_csrf_token(page2.body);
    EXPECT_FALSE(b.csrf.empty()) << page2.body.substr(0, 400);
    return b;
  }

  // A request of `who`'s browser; POSTs are form-encoded and carry the CSRF header.
  static HttpResponse as(const std::string& who, const std::string& method, const std::string& path,
                         const std::string& body = "", std::map<std::string, std::string> headers = {}) {
    const auto& b = browsers_.at(who);
    headers["Cookie"] = "sessionid=" + b.session + (headers.count("Cookie") ? "; " + headers["Cookie"] : "");
    if (method != "GET") {
      headers["X-CSRFToken"] = b.csrf;
      headers.emplace("Content-Type", "application/x-www-form-urlencoded");
    }
    return http_request(world_->port(), method, path, body, headers);
  }

  static std::int64_t new_client(const std::string& who, const std::string& name) {
    auto r = world_->call(who, "POST", "/api/v1/clients/",
                          {{"name", name}, {"age", 30}, {"gender", "male"}, {"height", 175}, {"weight", 70}});
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body)["id"].get<std::int64_t>();
  }

  static inline std::map<std::string, Browser> browsers_;
};

TEST_F(WebPagesTest, AnonymousPagesRedirectToLoginWithNext) {
  auto plain = http_request(world_->port(), "GET", "/clients/?page=2");
  EXPECT_EQ(plain.status, 302);
  EXPECT_EQ(plain.header("location"), "/accounts/login/?next=%2Fclients%2F%3Fpage%3D2");
  auto htmx = http_request(world_->port(), "GET", "/clients/", "", {{"HX-Request", "true"}});
  EXPECT_EQ(htmx.status, 200);
  EXPECT_EQ(htmx.header("hx-redirect"), "/accounts/login/?next=%2Fclients%2F");
  // A fragment request comes back to the page the browser shows (HX-Current-URL), as a path of this site only.
  auto fragment = http_request(world_->port(), "GET", "/clients/?page=2", "",
                               {{"HX-Request", "true"}, {"HX-Target", "client-list"},
                                {"HX-Current-URL", "http://127.0.0.1/clients/?search=kim"}});
  EXPECT_EQ(fragment.header("hx-redirect"), "/accounts/login/?next=%2Fclients%2F%3Fsearch%3Dkim");
  auto foreign = http_request(world_->port(), "GET", "/", "",
                              {{"HX-Request", "true"}, {"HX-Current-URL", "https://evil.example/steal"}});
  EXPECT_EQ(foreign.header("hx-redirect"), "/accounts/login/?next=%2Fsteal");
}

TEST_F(WebPagesTest, DashboardIsAFullPageWithChartsAndNoStore) {
  auto r = as("a_owner", "GET", "/");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("<!doctype html>"), std::string::npos);
  EXPECT_NE(r.body.find("환영합니다"), std::string::npos);
  EXPECT_NE(r.body.find("data-chart=\"weekly-sessions\""), std::string::npos);
  EXPECT_NE(r.body.find("data-chart=\"monthly-revenue\""), std::string::npos);
  EXPECT_NE(r.body.find("/trainers/organization/edit/"), std::string::npos);  // owner menu
  EXPECT_EQ(r.body.find("<script>"), std::string::npos);  // CSP: no inline script
  EXPECT_EQ(r.header("cache-control"), "no-store");
  EXPECT_EQ(r.header("vary"), "HX-Request, Accept-Language, Cookie");
}

// WEB.md §1–§2: what every page's frame carries — CSRF token for forms and HTMX, the HTMX configuration of the strict
// CSP, hashed immutable assets, the navbar's organisation, role badge, bell, user menu (with the logout question),
// toasts, loading bar and footer — and that no rendered page has inline script.
TEST_F(WebPagesTest, TheFrameCarriesTokensConfigAssetsAndTheNavbar) {
  new_client("a_owner", "확인회원");
  auto r = as("a_owner", "GET", "/clients/");
  ASSERT_EQ(r.status, 200);
  const std::string& b = r.body;
  for (const char* part : {"<html lang=\"ko\">", "<title>회원 관리 - The5HC</title>", "<meta name=\"csrf-token\" content=\"",
                           "<body hx-headers='{\"X-CSRFToken\": \"", "\"allowEval\": false", "\"includeIndicatorStyles\": false",
                           "\"selfRequestsOnly\": true", "name=\"csrfmiddlewaretoken\"", "<span class=\"org-name\">Studio A</span>",
                           "<span class=\"role-badge role-owner\">소유자</span>", "hx-get=\"/trainers/notifications/badge/\" hx-trigger=\"load, every 60s\"",
                           "aria-label=\"알림\"", ">프로필</a>", ">비밀번호 변경</a>", "value=\"ko\"", "value=\"en\"",
                           "action=\"/accounts/logout/\" data-confirm=\"로그아웃 하시겠습니까?\"", "id=\"toasts\" class=\"toasts\" aria-live=\"polite\"",
                           "로딩 중...", "<footer class=\"footer\">© The5HC", "<main id=\"main-content\""})
    EXPECT_NE(b.find(part), std::string::npos) << part;
  std::smatch asset;
  ASSERT_TRUE(std::regex_search(b, asset, std::regex(R"(/static/app\.[0-9a-f]{6,}\.js)")));
  auto js = http_request(world_->port(), "GET", asset.str());
  EXPECT_EQ(js.status, 200);
  EXPECT_NE(js.header("cache-control").find("immutable"), std::string::npos) << js.header("cache-control");
  EXPECT_FALSE(std::regex_search(b, std::regex(R"(<script(?![^>]*\bsrc=)[^>]*>)"))) << "no inline script";
  EXPECT_FALSE(std::regex_search(b, std::regex(R"(\son[a-z]+\s*=)"))) << "no on*= handler";
  // the delete button asks first, in Korean, with the client's name
  EXPECT_TRUE(std::regex_search(b, std::regex("hx-confirm=\"확인회원님을 삭제하시겠습니까\\?\""))) << "delete confirm";
  // menu links swap #main-content: the content, its URL pushed and the title set
  auto main = as("a_owner", "GET", "/clients/?gender=female", "", {{"HX-Request", "true"}, {"HX-Target", "main-content"}});
  EXPECT_EQ(main.header("hx-push-url"), "/clients/?gender=female");
}

// WEB.md §8: the language is the user's setting, else the `lang` cookie, else Accept-Language, else Korean.
TEST_F(WebPagesTest, LanguageComesFromSettingThenCookieThenAcceptLanguage) {
  auto signed_in = as("a_owner", "GET", "/", "", {{"Cookie", "lang=en"}, {"Accept-Language", "en"}});
  EXPECT_NE(signed_in.body.find("<html lang=\"ko\">"), std::string::npos) << "the user's setting (ko) wins";
  auto login = [&](std::map<std::string, std::string> headers) {
    return http_request(world_->port(), "GET", "/accounts/login/", "", headers).body;
  };
  EXPECT_NE(login({{"Cookie", "lang=en"}, {"Accept-Language", "ko"}}).find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(login({{"Accept-Language", "en-US,en;q=0.9"}}).find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(login({}).find("<html lang=\"ko\">"), std::string::npos);
}

TEST_F(WebPagesTest, AssistantsSeeTheirDashboardVariantAndMenu) {
  auto r = as("a_assistant", "GET", "/");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("data-chart=\"monthly-revenue\""), std::string::npos);
  EXPECT_EQ(r.body.find("/sessions/payments/"), std::string::npos);
  EXPECT_EQ(r.body.find("/trainers/organization/edit/"), std::string::npos);
  EXPECT_NE(r.body.find("평균 종합 점수"), std::string::npos);
}

TEST_F(WebPagesTest, ListAnswersFullPageMainContentOrTheTable) {
  new_client("a_owner", "목록회원");
  auto full = as("a_owner", "GET", "/clients/?search=목록");
  ASSERT_EQ(full.status, 200);
  EXPECT_NE(full.body.find("<html"), std::string::npos);
  EXPECT_NE(full.body.find("총 1명의 회원"), std::string::npos);

  auto main = as("a_owner", "GET", "/clients/", "", {{"HX-Request", "true"}, {"HX-Target", "main-content"}});
  ASSERT_EQ(main.status, 200);
  EXPECT_EQ(main.body.find("<html"), std::string::npos);
  EXPECT_NE(main.body.find("id=\"client-list\""), std::string::npos);
  EXPECT_NE(main.header("hx-trigger").find("setTitle"), std::string::npos);
  EXPECT_EQ(main.header("hx-trigger").find("회원"), std::string::npos) << "header values stay ASCII";

  auto table = as("a_owner", "GET", "/clients/?search=%EB%AA%A9%EB%A1%9D", "",
                  {{"HX-Request", "true"}, {"HX-Target", "client-list"}});
  ASSERT_EQ(table.status, 200);
  EXPECT_EQ(table.body.rfind("<section id=\"client-list\"", 0), 0u) << table.body.substr(0, 200);
  EXPECT_NE(table.body.find("목록회원"), std::string::npos);
  EXPECT_EQ(table.body.find("<form class=\"card filters\""), std::string::npos);
}

TEST_F(WebPagesTest, InvalidFormIs422AndValidOneRedirects) {
  auto bad = as("a_trainer", "POST", "/clients/add/", "name=&age=300&gender=male&height=175&weight=70",
                {{"HX-Request", "true"}, {"HX-Target", "client-form"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.body.rfind("<form id=\"client-form\"", 0), 0u) << bad.body.substr(0, 200);
  EXPECT_NE(bad.body.find("이름을 입력해주세요."), std::string::npos);
  // WEB.md §8: the error is tied to its field for assistive technology
  EXPECT_NE(bad.body.find("<input id=\"id_name\" aria-describedby=\"name-check\" aria-invalid=\"true\""), std::string::npos);
  EXPECT_NE(bad.body.find("<input id=\"id_age\" aria-invalid=\"true\" aria-describedby=\"age-error\""), std::string::npos);
  EXPECT_NE(bad.body.find("<p class=\"field-error\" id=\"age-error\">"), std::string::npos);
  EXPECT_EQ(bad.body.find("id=\"id_height\" aria-invalid"), std::string::npos) << "valid fields are not marked";

  auto good = as("a_trainer", "POST", "/clients/add/", "name=%EC%8B%A0%EA%B7%9C&age=30&gender=female&height=160&weight=55",
                 {{"HX-Request", "true"}});
  EXPECT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(good.header("hx-redirect").rfind("/clients/", 0), 0u);
  EXPECT_EQ(set_cookie_header(good, "flash"), "") << "the flash lives in the web session, not in a cookie";
  auto redirected = as("a_trainer", "GET", good.header("hx-redirect"), "", {{"HX-Request", "true"}, {"HX-Target", "main-content"}});
  EXPECT_NE(redirected.body.find("신규님이 등록되었습니다."), std::string::npos) << "HTMX redirect shows it too";

  auto plain = as("a_trainer", "POST", "/clients/add/", "name=%EB%B3%B4%ED%86%B5&age=30&gender=female&height=160&weight=55");
  EXPECT_EQ(plain.status, 303);
  auto detail = as("a_trainer", "GET", plain.header("location"));
  EXPECT_EQ(detail.status, 200);
  EXPECT_NE(detail.body.find("보통님이 등록되었습니다."), std::string::npos);
  EXPECT_NE(detail.body.find("class=\"flash flash-success\" role=\"alert\""), std::string::npos);
  auto again = as("a_trainer", "GET", plain.header("location"));
  EXPECT_EQ(again.body.find("보통님이 등록되었습니다."), std::string::npos) << "a flash shows once";
}

// WEB.md §2–§3: a flash survives the redirect in the browser's own web session, shows once, and no other browser
// (another session of the same user) sees it; a fragment request does not take it.
TEST_F(WebPagesTest, FlashIsOneShotPerSessionAndSurvivesTheRedirect) {
  auto other_browser = sign_in("a_trainer");
  auto saved = as("a_trainer", "POST", "/accounts/profile/", "name=A%20Trainer&email=a_trainer%40example.com&language=ko");
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto elsewhere = http_request(world_->port(), "GET", "/accounts/profile/", "", {{"Cookie", "sessionid=" + other_browser.session}});
  EXPECT_EQ(elsewhere.body.find("프로필이 저장되었습니다."), std::string::npos) << "only the browser that saved sees it";
  auto fragment = as("a_trainer", "GET", "/clients/", "", {{"HX-Request", "true"}, {"HX-Target", "client-list"}});
  EXPECT_EQ(fragment.body.find("프로필이 저장되었습니다."), std::string::npos);
  auto shown = as("a_trainer", "GET", "/accounts/profile/");
  EXPECT_NE(shown.body.find("프로필이 저장되었습니다."), std::string::npos) << "a fragment did not take it";
  EXPECT_EQ(as("a_trainer", "GET", "/accounts/profile/").body.find("프로필이 저장되었습니다."), std::string::npos);

  // Logging out: the session ends, an anonymous one carries "로그아웃되었습니다." to the login page, once.
  auto leaving = sign_in("a_trainer");
  auto out = http_request(world_->port(), "POST", "/accounts/logout/", "csrfmiddlewaretoken=" + http::url_encode(leaving.csrf),
                          {{"Cookie", "sessionid=" + leaving.session}, {"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(out.status, 303) << out.body;
  EXPECT_EQ(out.header("location"), "/accounts/login/");
  std::string anonymous = cookie_value(out, "sessionid");
  ASSERT_FALSE(anonymous.empty());
  EXPECT_NE(anonymous, leaving.session);
  auto ended = http_request(world_->port(), "GET", "/clients/", "", {{"Cookie", "sessionid=" + leaving.session}});
  EXPECT_EQ(ended.status, 302) << "the old session is gone";
  auto login = http_request(world_->port(), "GET", "/accounts/login/", "", {{"Cookie", "sessionid=" + anonymous}});
  EXPECT_EQ(login.status, 200);
  EXPECT_NE(login.body.find("로그아웃되었습니다."), std::string::npos);
  EXPECT_EQ(login.body.find("class=\"navbar\""), std::string::npos) << "an anonymous session signs nobody in";
  auto reload = http_request(world_->port(), "GET", "/accounts/login/", "", {{"Cookie", "sessionid=" + anonymous}});
  EXPECT_EQ(reload.body.find("로그아웃되었습니다."), std::string::npos);
  EXPECT_EQ(http_request(world_->port(), "GET", "/clients/", "", {{"Cookie", "sessionid=" + anonymous}}).status, 302);
}

// WEB.md §2, DOMAIN.md §6.2: a superuser without a membership chooses the organisation the pages are scoped to
// (전체 by default), kept in the web session; members have no selector and cannot choose.
TEST_F(WebPagesTest, SuperuserScopesThePagesToTheChosenOrganisation) {
  new_client("a_owner", "에이스튜디오회원");
  new_client("b_owner", "비스튜디오회원");
  browsers_["root"] = sign_in("root");
  auto all = as("root", "GET", "/clients/");
  ASSERT_EQ(all.status, 200) << all.body.substr(0, 300);
  EXPECT_NE(all.body.find("id=\"organization-selector\""), std::string::npos);
  EXPECT_NE(all.body.find("<option value=\"\" selected>전체</option>"), std::string::npos);
  EXPECT_NE(all.body.find("에이스튜디오회원"), std::string::npos);
  EXPECT_NE(all.body.find("비스튜디오회원"), std::string::npos);

  auto b = std::to_string(world_->org_id("studio-b"));
  auto chosen = as("root", "POST", "/accounts/organization/", "organization=" + b + "&next=%2Fclients%2F");
  EXPECT_EQ(chosen.status, 303);
  EXPECT_EQ(chosen.header("location"), "/clients/");
  auto scoped = as("root", "GET", "/clients/");
  EXPECT_EQ(scoped.body.find("에이스튜디오회원"), std::string::npos);
  EXPECT_NE(scoped.body.find("비스튜디오회원"), std::string::npos);
  EXPECT_NE(scoped.body.find("<option value=\"" + b + "\" selected>"), std::string::npos);
  auto dashboard = as("root", "GET", "/");
  EXPECT_NE(dashboard.body.find("비스튜디오회원"), std::string::npos) << "the dashboard's activity is B's";
  EXPECT_EQ(dashboard.body.find("에이스튜디오회원"), std::string::npos);
  auto packages = as("root", "GET", "/sessions/packages/");
  EXPECT_EQ(packages.status, 200) << "the studio menus open for the superuser";
  EXPECT_NE(as("root", "GET", "/").body.find("/sessions/payments/"), std::string::npos);
  EXPECT_EQ(as("root", "GET", "/trainers/").body.find("a_owner"), std::string::npos) << "trainers of B only";

  EXPECT_EQ(as("root", "POST", "/accounts/organization/", "organization=999999").status, 404);
  EXPECT_EQ(as("root", "POST", "/accounts/organization/", "organization=").status, 303);
  EXPECT_NE(as("root", "GET", "/clients/").body.find("에이스튜디오회원"), std::string::npos) << "back to all";

  EXPECT_EQ(as("a_owner", "GET", "/").body.find("organization-selector"), std::string::npos);
  EXPECT_EQ(as("a_owner", "POST", "/accounts/organization/", "organization=" + b).status, 403);
}

TEST_F(WebPagesTest, OtherOrganisationsClientIsNotFound) {
  auto id = std::to_string(new_client("b_owner", "다른조직"));
  auto page = as("a_owner", "GET", "/clients/" + id + "/");
  EXPECT_EQ(page.status, 404);
  EXPECT_NE(page.body.find("페이지를 찾을 수 없습니다."), std::string::npos);
  EXPECT_NE(page.body.find("class=\"navbar\""), std::string::npos) << "error pages keep the frame";
  auto htmx = as("a_owner", "GET", "/clients/" + id + "/", "", {{"HX-Request", "true"}, {"HX-Target", "main-content"}});
  EXPECT_EQ(htmx.status, 404);
  EXPECT_EQ(htmx.header("hx-reswap"), "none");
  EXPECT_NE(htmx.header("hx-trigger").find("showMessage"), std::string::npos);
  EXPECT_EQ(as("a_owner", "POST", "/clients/" + id + "/delete/").status, 404);
}

// WEB.md §3: a server error is the full 500 page with the request id (the operator finds the log line by it); an
// HTMX request gets the message, with the id, as a toast and keeps its page.
TEST_F(WebPagesTest, ServerErrorPageShowsTheRequestId) {
  world_->sql().exec("ALTER TABLE notifications RENAME TO notifications_away");
  auto page = as("a_owner", "GET", "/trainers/notifications/", "", {{"X-Request-ID", "req-web-500-check"}});
  auto htmx = as("a_owner", "GET", "/trainers/notifications/", "",
                 {{"HX-Request", "true"}, {"HX-Target", "main-content"}, {"X-Request-ID", "req-web-500-htmx"}});
  world_->sql().exec("ALTER TABLE notifications_away RENAME TO notifications");
  EXPECT_EQ(page.status, 500) << page.body.substr(0, 300);
  EXPECT_NE(page.body.find("오류가 발생했습니다. 잠시 후 다시 시도해주세요."), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("<code>req-web-500-check</code>"), std::string::npos);
  EXPECT_NE(page.body.find("class=\"navbar\""), std::string::npos) << "the error page keeps the frame";
  EXPECT_EQ(page.body.find("notifications_away"), std::string::npos) << "no SQL detail for the user";
  EXPECT_EQ(htmx.status, 500);
  EXPECT_EQ(htmx.header("hx-reswap"), "none");
  EXPECT_NE(htmx.header("hx-trigger").find("req-web-500-htmx"), std::string::npos) << htmx.header("hx-trigger");
}

TEST_F(WebPagesTest, TrainersSeeOnlyTheirClientsAndAssistantsNoPackages) {
  auto owners = std::to_string(new_client("a_owner", "소유자회원"));
  EXPECT_EQ(as("a_trainer", "GET", "/clients/" + owners + "/").status, 404);
  EXPECT_EQ(as("a_owner", "GET", "/clients/" + owners + "/").status, 200);
  auto assistants = std::to_string(new_client("a_assistant", "보조회원"));
  auto page = as("a_assistant", "GET", "/clients/" + assistants + "/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("최근 세션"), std::string::npos);
  EXPECT_NE(page.body.find("회원번호 #" + assistants), std::string::npos);
}

TEST_F(WebPagesTest, DeleteIsRefusedWhenPaymentsExist) {
  auto id = new_client("a_owner", "결제회원");
  auto pkg = world_->call("a_owner", "POST", "/api/v1/packages/",
                          {{"client", id}, {"package_name", "10회"}, {"total_sessions", 10}, {"total_amount", 500000},
                           {"payment_method", "card"}});
  ASSERT_EQ(pkg.status, 201) << pkg.body;
  auto refused = as("a_owner", "POST", "/clients/" + std::to_string(id) + "/delete/", "", {{"HX-Request", "true"}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.header("hx-trigger").find("showMessage"), std::string::npos);

  auto other = new_client("a_owner", "삭제회원");
  auto deleted = as("a_owner", "POST", "/clients/" + std::to_string(other) + "/delete/", "", {{"HX-Request", "true"}});
  EXPECT_EQ(deleted.status, 200);
  EXPECT_EQ(deleted.header("hx-redirect"), "/clients/");
  EXPECT_EQ(as("a_owner", "GET", "/clients/" + std::to_string(other) + "/").status, 404);
}

TEST_F(WebPagesTest, InlineValidationFragments) {
  new_client("a_owner", "중복이름");
  auto dup = as("a_owner", "POST", "/clients/validate/name/", "name=%EC%A4%91%EB%B3%B5%EC%9D%B4%EB%A6%84",
                {{"HX-Request", "true"}});
  EXPECT_EQ(dup.status, 200);
  EXPECT_NE(dup.body.find("field-warning"), std::string::npos);
  EXPECT_NE(dup.body.find("동일한 이름의 회원이 이미 있습니다."), std::string::npos);
  auto email = as("a_owner", "POST", "/clients/validate/email/", "email=not-an-email", {{"HX-Request", "true"}});
  EXPECT_NE(email.body.find("field-error"), std::string::npos);
  auto fine = as("a_owner", "POST", "/clients/validate/phone/", "phone=010-1234-5678", {{"HX-Request", "true"}});
  EXPECT_EQ(fine.body.find("field-"), std::string::npos) << fine.body;
}

TEST_F(WebPagesTest, ExportsAreCsvWithBomAndXlsxAndAudited) {
  new_client("a_owner", "=HYPERLINK(1)");
  auto csv = as("a_owner", "GET", "/clients/export/?format=csv&search=HYPERLINK");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.header("content-disposition").find("attachment; filename=\"clients_"), std::string::npos);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF이름,나이,성별,키(cm),몸무게(kg),BMI,BMI 분류", 0), 0u) << csv.body.substr(0, 120);
  EXPECT_NE(csv.body.find("\r\n'=HYPERLINK(1),30,남성,175.0,70.0,22.9,정상"), std::string::npos) << csv.body;
  auto xlsx = as("a_owner", "GET", "/clients/export/?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_GE(world_->sql().count("SELECT COUNT(*) FROM audit_log WHERE action = 'client_exported'"), 2);
}

TEST_F(WebPagesTest, LanguageSwitchRendersEnglish) {
  auto b = sign_in("b_owner");
  browsers_["b_en"] = b;
  auto set = as("b_en", "POST", "/i18n/setlang/", "language=en", {{"Referer", "http://x/clients/"}});
  EXPECT_EQ(set.status, 303);
  EXPECT_EQ(set.header("location"), "/clients/");
  auto page = as("b_en", "GET", "/clients/");
  EXPECT_NE(page.body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(page.body.find(" in total"), std::string::npos);  // "1 client" / "N clients"
  as("b_en", "POST", "/i18n/setlang/", "language=ko");
}

TEST_F(WebPagesTest, MustChangePasswordForcesThePasswordPage) {
  world_->sql().exec("UPDATE users SET must_change_password = 1 WHERE username = 'a_senior'");
  browsers_["a_senior"] = sign_in("a_senior");
  auto forced = as("a_senior", "GET", "/clients/");
  EXPECT_EQ(forced.status, 302);
  EXPECT_EQ(forced.header("location"), "/accounts/password/");
  // every page, HTMX too, and form posts are held back until the password is changed
  for (std::string path : {"/", "/accounts/profile/", "/clients/add/", "/trainers/"})
    EXPECT_EQ(as("a_senior", "GET", path).header("location"), "/accounts/password/") << path;
  auto htmx = as("a_senior", "GET", "/clients/", "", {{"HX-Request", "true"}, {"HX-Target", "main-content"}});
  EXPECT_EQ(htmx.header("hx-redirect"), "/accounts/password/");
  auto post = as("a_senior", "POST", "/clients/add/", "name=%EA%B0%95%EC%A0%9C&age=30&gender=male&height=170&weight=70");
  EXPECT_EQ(post.status, 302);
  EXPECT_EQ(world_->sql().count("SELECT count(*) FROM clients WHERE name = '강제'"), 0) << "nothing saved";
  auto page = as("a_senior", "GET", "/accounts/password/");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("계속하려면 먼저 비밀번호를 변경해야 합니다."), std::string::npos);
  auto wrong = as("a_senior", "POST", "/accounts/password/",
                  "old_password=nope&new_password=Fresh-pass-88&confirm_password=Fresh-pass-88");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("현재 비밀번호가 올바르지 않습니다."), std::string::npos);
  auto changed = as("a_senior", "POST", "/accounts/password/",
                    "old_password=" + kPassword + "&new_password=Fresh-pass-88&confirm_password=Fresh-pass-88");
  EXPECT_EQ(changed.status, 303) << changed.body;
  EXPECT_EQ(as("a_senior", "GET", "/clients/").status, 200) << "the session that changed it stays signed in";
}

TEST_F(WebPagesTest, InvitationPageCreatesTheAccount) {
  auto sent = world_->call("a_owner", "POST", "/api/v1/invitations/", {{"email", "newbie@example.com"}, {"role", "trainer"}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  std::string url = json::parse(sent.body)["accept_url"];
  std::string path = url.substr(url.find("/invitations/accept/"));
  auto page = http_request(world_->port(), "GET", path);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Studio A 초대"), std::string::npos);
  EXPECT_NE(page.body.find("newbie@example.com"), std::string::npos);
  std::string cookie = "csrftoken=" + cookie_value(page, "csrftoken");
  auto headers = std::map<std::string, std::string>{{"Cookie", cookie}, {"Content-Type", "application/x-www-form-urlencoded"}};
  std::string token = "csrfmiddlewaretoken=" + http::url_encode(form_csrf_token(page.body));
  auto mismatch = http_request(world_->port(), "POST", path,
                               token + "&action=accept&username=newbie&name=New&password=" + kPassword +
                                   "&confirm_password=other-Pass-99", headers);
  EXPECT_EQ(mismatch.status, 422);
  auto joined = http_request(world_->port(), "POST", path,
                             token + "&action=accept&username=newbie&name=New&password=" + kPassword +
                                 "&confirm_password=" + kPassword, headers);
  EXPECT_EQ(joined.status, 303) << joined.body;
  EXPECT_EQ(joined.header("location"), "/accounts/login/");
  // the visitor has no session yet: an anonymous one carries the flash to the login page
  auto login = http_request(world_->port(), "GET", "/accounts/login/", "", {{"Cookie", "sessionid=" + cookie_value(joined, "sessionid")}});
  EXPECT_NE(login.body.find("계정이 만들어졌습니다. 로그인해주세요."), std::string::npos);
  EXPECT_EQ(http_request(world_->port(), "GET", "/invitations/accept/no-such-code/").status, 404);

  // Declining (WEB.md §4.1 거절) and an expired invitation ("초대가 만료되었거나 유효하지 않습니다.").
  auto declined_inv = world_->call("b_owner", "POST", "/api/v1/invitations/", {{"email", "nope@example.com"}, {"role", "trainer"}});
  std::string declined_url = json::parse(declined_inv.body)["accept_url"];
  std::string declined_path = declined_url.substr(declined_url.find("/invitations/accept/"));
  auto declined = http_request(world_->port(), "POST", declined_path, token + "&action=decline", headers);
  EXPECT_EQ(declined.status, 303) << declined.body;
  auto after = http_request(world_->port(), "GET", "/accounts/login/", "", {{"Cookie", "sessionid=" + cookie_value(declined, "sessionid")}});
  EXPECT_NE(after.body.find("초대를 거절했습니다."), std::string::npos);
  EXPECT_NE(http_request(world_->port(), "GET", declined_path).body.find("초대가 만료되었거나 유효하지 않습니다."), std::string::npos);
  auto late = world_->call("b_owner", "POST", "/api/v1/invitations/", {{"email", "late@example.com"}, {"role", "trainer"}});
  world_->sql().exec("UPDATE invitations SET expires_at = '2000-01-01T00:00:00Z' WHERE email = 'late@example.com'");
  std::string late_url = json::parse(late.body)["accept_url"];
  auto expired = http_request(world_->port(), "GET", late_url.substr(late_url.find("/invitations/accept/")));
  EXPECT_NE(expired.body.find("초대가 만료되었거나 유효하지 않습니다."), std::string::npos) << expired.status;
}

// --- studio pages (WEB.md §4.5, issue 14) -------------------------------------------------------------------

TEST_F(WebPagesTest, FeePreviewIsTheServersFormulaWithTheOrganisationsRates) {
  auto card = as("a_owner", "GET", "/sessions/fee-preview/?amount=600000&payment_method=card");
  ASSERT_EQ(card.status, 200);
  for (const char* text : {"₩545,455", "₩54,545", "₩21,000", "₩524,455", "부가세 (10%)", "카드 수수료 (3.5%)"})
    EXPECT_NE(card.body.find(text), std::string::npos) << text;
  auto cash = as("a_owner", "GET", "/sessions/fee-preview/?total_amount=600%2C000&payment_method=cash");
  EXPECT_EQ(cash.body.find("카드 수수료"), std::string::npos);
  EXPECT_NE(cash.body.find("₩545,455"), std::string::npos);
  auto empty = as("a_owner", "GET", "/sessions/fee-preview/?amount=abc");
  EXPECT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("금액을 입력하면"), std::string::npos);
}

TEST_F(WebPagesTest, PackageBookingAndRowActionsThroughThePages) {
  auto client = std::to_string(new_client("a_trainer", "스튜디오회원"));
  auto bad = as("a_trainer", "POST", "/sessions/packages/add/", "client=" + client + "&package_name=&total_sessions=10",
                {{"HX-Request", "true"}, {"HX-Target", "package-form"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.body.rfind("<form id=\"package-form\"", 0), 0u) << bad.body.substr(0, 200);
  auto made = as("a_trainer", "POST", "/sessions/packages/add/",
                 "client=" + client + "&package_name=10%ED%9A%8C&total_sessions=10&total_amount=600000&payment_method=card");
  ASSERT_EQ(made.status, 303) << made.body;
  std::string detail = made.header("location");
  ASSERT_EQ(detail.rfind("/sessions/packages/", 0), 0u);
  std::string package = detail.substr(19, detail.size() - 20);
  auto page = as("a_trainer", "GET", detail);
  EXPECT_NE(page.body.find("남은 10회 / 총 10회"), std::string::npos);
  EXPECT_NE(page.body.find("₩524,455"), std::string::npos);
  EXPECT_NE(page.body.find("0.0%"), std::string::npos);

  auto past = as("a_trainer", "POST", "/sessions/add/",
                 "client=" + client + "&package=" + package + "&session_date=2020-01-01&session_duration=60");
  EXPECT_EQ(past.status, 422);
  EXPECT_NE(past.body.find("세션 날짜는 과거일 수 없습니다."), std::string::npos);
  auto booked = as("a_trainer", "POST", "/sessions/add/",
                   "client=" + client + "&package=" + package + "&session_date=2099-01-05&session_time=10%3A00&session_duration=60");
  ASSERT_EQ(booked.status, 303) << booked.body;
  auto fragment = as("a_trainer", "GET", "/sessions/client-packages/?client=" + client);
  EXPECT_NE(fragment.body.find("잔여 10회, 예약 가능 9회"), std::string::npos) << fragment.body;

  auto events = json::parse(as("a_trainer", "GET", "/sessions/calendar/events/?start=2099-01-01T00:00:00%2B09:00&end=2099-02-01").body);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["title"], "스튜디오회원 (10회)");
  EXPECT_EQ(events[0]["start"], "2099-01-05T10:00:00");
  EXPECT_EQ(events[0]["end"], "2099-01-05T11:00:00");
  EXPECT_EQ(events[0]["status"], "scheduled");
  std::string session = events[0]["id"];

  auto row = as("a_trainer", "POST", "/sessions/" + session + "/complete/", "", {{"HX-Request", "true"}});
  ASSERT_EQ(row.status, 200) << row.body;
  EXPECT_EQ(row.body.rfind("<tr id=\"session-" + session + "\"", 0), 0u) << row.body.substr(0, 200);
  EXPECT_NE(row.body.find("status-completed"), std::string::npos);
  EXPECT_NE(row.header("hx-trigger").find("showMessage"), std::string::npos);
  EXPECT_NE(row.header("hx-trigger").find("sessionChanged"), std::string::npos);
  auto again = as("a_trainer", "POST", "/sessions/" + session + "/complete/", "", {{"HX-Request", "true"}});
  EXPECT_EQ(again.status, 409) << "only scheduled sessions are processed";
  EXPECT_NE(as("a_trainer", "GET", detail).body.find("남은 9회 / 총 10회"), std::string::npos);

  auto list = as("a_owner", "GET", "/sessions/payments/?client=" + client);
  EXPECT_NE(list.body.find("₩600,000"), std::string::npos);
  auto csv = as("a_owner", "GET", "/sessions/payments/export/?format=csv&client=" + client);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF결제일,회원,", 0), 0u);
  EXPECT_NE(csv.body.find(",600000,54545,21000,524455,"), std::string::npos);
  EXPECT_NE(csv.header("content-disposition").find("payments_"), std::string::npos);
}

TEST_F(WebPagesTest, MoneyPagesAreForbiddenToAssistantsAndOtherStudiosPackagesAreNotFound) {
  for (const char* path : {"/sessions/packages/", "/sessions/", "/sessions/calendar/", "/sessions/payments/",
                           "/sessions/payments/export/?format=csv", "/sessions/packages/add/", "/sessions/add/"})
    EXPECT_EQ(as("a_assistant", "GET", path).status, 403) << path;
  auto client = world_->call("b_owner", "POST", "/api/v1/clients/",
                             {{"name", "B회원"}, {"age", 30}, {"gender", "male"}, {"height", 175}, {"weight", 70}});
  auto b_client = json::parse(client.body)["id"].get<std::int64_t>();
  auto pkg = world_->call("b_owner", "POST", "/api/v1/packages/",
                          {{"client", b_client}, {"package_name", "B"}, {"total_sessions", 5}, {"total_amount", 100000},
                           {"payment_method", "cash"}});
  ASSERT_EQ(pkg.status, 201) << pkg.body;
  auto id = std::to_string(json::parse(pkg.body)["id"].get<std::int64_t>());
  EXPECT_EQ(as("a_owner", "GET", "/sessions/packages/" + id + "/").status, 404);
  EXPECT_EQ(as("a_owner", "POST", "/sessions/packages/" + id + "/toggle-active/", "is_active=false").status, 404);
}

// --- administration pages (WEB.md §4.7) ---------------------------------------------------------------------------

TEST_F(WebPagesTest, AdministrationPagesFollowTheRoleMatrix) {
  for (const char* path : {"/trainers/", "/trainers/organization/edit/", "/trainers/organization/dashboard/",
                           "/trainers/invite/", "/trainers/notifications/", "/audit/", "/trainers/profile/edit/"})
    EXPECT_EQ(as("a_owner", "GET", path).status, 200) << path;
  EXPECT_EQ(as("a_trainer", "GET", "/trainers/").status, 200);
  EXPECT_EQ(as("a_trainer", "GET", "/trainers/profile/edit/").status, 200);
  for (const char* path : {"/trainers/organization/edit/", "/trainers/organization/dashboard/", "/trainers/invite/",
                           "/audit/"})
    EXPECT_EQ(as("a_trainer", "GET", path).status, 403) << path;
  EXPECT_EQ(as("a_assistant", "GET", "/audit/").status, 403);
  // another trainer's form: only for those who may edit it; another studio's trainer does not exist
  auto trainer = std::to_string(world_->trainer_id("a_trainer"));
  EXPECT_EQ(as("a_assistant", "GET", "/trainers/" + trainer + "/edit/").status, 403);
  EXPECT_EQ(as("a_owner", "GET", "/trainers/" + trainer + "/edit/").status, 200);
  EXPECT_EQ(as("b_owner", "GET", "/trainers/" + trainer + "/").status, 404);
  auto own = as("a_owner", "GET", "/trainers/" + std::to_string(world_->trainer_id("a_owner")) + "/");
  EXPECT_EQ(own.body.find("/deactivate/"), std::string::npos) << "nobody deactivates themselves";
  // the account fields are one partial of the profile page and the trainer form
  for (const char* path : {"/accounts/profile/", "/trainers/profile/edit/"}) {
    auto form = as("a_trainer", "GET", path);
    EXPECT_NE(form.body.find("name=\"email\""), std::string::npos) << path;
    EXPECT_NE(form.body.find("a_trainer@"), std::string::npos) << path;
  }
}

TEST_F(WebPagesTest, RatesAreEnteredAsPercentAndApplyToLaterPaymentsOnly) {
  auto client = world_->call("b_owner", "POST", "/api/v1/clients/",
                             {{"name", "요율회원"}, {"age", 30}, {"gender", "male"}, {"height", 175}, {"weight", 70}});
  auto client_id = json::parse(client.body)["id"];
  auto package = [&](const char* name) {
    auto r = world_->call("b_owner", "POST", "/api/v1/packages/",
                          {{"client", client_id}, {"package_name", name}, {"total_amount", 600000},
                           {"total_sessions", 10}, {"payment_method", "card"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body)["payment"];
  };
  auto before = package("이전 패키지");
  EXPECT_EQ(before["card_fee_rate_bp"], 350);

  std::string form = "name=Studio+B&timezone=Asia%2FSeoul&vat_rate=10&card_fee_rate=3.3&business_hours=";
  auto bad = as("b_owner", "POST", "/trainers/organization/edit/",
                "name=Studio+B&timezone=Asia%2FSeoul&vat_rate=10&card_fee_rate=3.333");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("소수점 둘째 자리까지의 백분율을 입력하세요."), std::string::npos);
  auto too_high = as("b_owner", "POST", "/trainers/organization/edit/",
                     "name=Studio+B&timezone=Asia%2FSeoul&vat_rate=60&card_fee_rate=3.5");
  EXPECT_EQ(too_high.status, 422) << "the domain's 0–5000 bp range";
  EXPECT_EQ(as("b_senior", "POST", "/trainers/organization/edit/", form).status, 403);
  auto saved = as("b_owner", "POST", "/trainers/organization/edit/", form);
  EXPECT_EQ(saved.status, 303) << saved.body;
  auto org = world_->get("b_owner", "/api/v1/organizations/" + std::to_string(world_->org_id("studio-b")) + "/");
  EXPECT_EQ(org["card_fee_rate_bp"], 330);
  EXPECT_EQ(org["vat_rate_bp"], 1000);

  auto after = package("이후 패키지");
  EXPECT_EQ(after["card_fee_rate_bp"], 330);
  auto first = world_->get("b_owner", "/api/v1/payments/" + std::to_string(before["id"].get<int>()) + "/");
  EXPECT_EQ(first["card_fee_rate_bp"], 350) << "a recorded payment keeps its rates";
  EXPECT_EQ(first["card_fee_amount"], before["card_fee_amount"]);
  as("b_owner", "POST", "/trainers/organization/edit/",
     "name=Studio+B&timezone=Asia%2FSeoul&vat_rate=10&card_fee_rate=3.5&business_hours=");
}

TEST_F(WebPagesTest, OrganizationDashboardApiIsForOwnersAndSeniors) {
  std::string path = "/api/v1/organizations/" + std::to_string(world_->org_id("studio-a")) + "/dashboard/";
  auto dash = world_->get("a_owner", path);
  ASSERT_TRUE(dash["trainers"].is_array());
  EXPECT_EQ(dash["trainers"].size(), dash["totals"]["trainers"].get<std::size_t>());
  for (const char* key : {"trainer", "name", "role", "active_clients", "assessments_30d", "sessions_30d", "revenue_30d"})
    EXPECT_TRUE(dash["trainers"][0].contains(key)) << key;
  std::int64_t previous = INT64_MAX;
  for (const auto& t : dash["trainers"]) {
    EXPECT_LE(t["revenue_30d"].get<std::int64_t>(), previous);
    previous = t["revenue_30d"];
  }
  EXPECT_LE(dash["recent_activity"].size(), 20u);
  EXPECT_TRUE(dash["recent_activity"][0].contains("action_display"));
  EXPECT_EQ(world_->call("a_trainer", "GET", path).status, 403);
  EXPECT_EQ(world_->call("b_owner", "GET", path).status, 404);
  EXPECT_EQ(world_->call("root", "GET", path).status, 200);
  std::string b_path = "/api/v1/organizations/" + std::to_string(world_->org_id("studio-b")) + "/dashboard/";
  EXPECT_EQ(world_->call("b_senior", "GET", b_path).status, 200);
  auto page = as("a_owner", "GET", "/trainers/organization/dashboard/");
  EXPECT_NE(page.body.find("트레이너 성과"), std::string::npos);
}

// "재등록 상담 필요" (issue 14 item 6): a running package with 4 of 5 sessions used counts on the organisation
// dashboard; one with a session left below 80 % does not.
TEST_F(WebPagesTest, OrganizationDashboardCountsPackagesDueForRenewal) {
  std::string path = "/api/v1/organizations/" + std::to_string(world_->org_id("studio-b")) + "/dashboard/";
  auto before = world_->get("b_owner", path)["totals"]["packages_renewal_due"].get<std::int64_t>();
  auto client = world_->call("b_owner", "POST", "/api/v1/clients/",
                             {{"name", "소진회원"}, {"age", 40}, {"gender", "female"}, {"height", 160}, {"weight", 55}});
  auto client_id = json::parse(client.body)["id"];
  auto package = [&](int sessions_used) {
    auto made = world_->call("b_owner", "POST", "/api/v1/packages/",
                             {{"client", client_id}, {"package_name", "5회"}, {"total_sessions", 5},
                              {"total_amount", 250000}, {"payment_method", "cash"}});
    EXPECT_EQ(made.status, 201) << made.body;
    auto id = json::parse(made.body)["id"];
    for (int i = 0; i < sessions_used; ++i) {
      auto booked = world_->call("b_owner", "POST", "/api/v1/sessions/", {{"package", id}, {"session_date", "2099-03-0" + std::to_string(i + 1)}});
      ASSERT_EQ(booked.status, 201) << booked.body;
      auto done = world_->call("b_owner", "POST", "/api/v1/sessions/" + std::to_string(json::parse(booked.body)["id"].get<std::int64_t>()) + "/complete/");
      ASSERT_EQ(done.status, 200) << done.body;
    }
  };
  package(4);  // 80 %: due
  package(3);  // 60 %: not yet
  EXPECT_EQ(world_->get("b_owner", path)["totals"]["packages_renewal_due"].get<std::int64_t>(), before + 1);
  auto page = as("b_owner", "GET", "/trainers/organization/dashboard/");
  EXPECT_NE(page.body.find("재등록 상담 필요"), std::string::npos);
}

TEST_F(WebPagesTest, InvitePageShowsTheLinkWithoutEmailAndTheFullState) {
  auto sent = as("b_owner", "POST", "/trainers/invite/", "email=link-only%40example.com&role=trainer");
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_NE(sent.body.find("link-only@example.com에 초대를 보냈습니다. 7일 이내에 수락해야 합니다."), std::string::npos);
  EXPECT_NE(sent.body.find("이메일이 설정되지 않았습니다."), std::string::npos);
  EXPECT_NE(sent.body.find("/invitations/accept/"), std::string::npos);
  EXPECT_NE(server_->output().find("\"accept_url\""), std::string::npos) << "the link is logged without EMAIL_HOST";
  auto again = as("b_owner", "POST", "/trainers/invite/", "email=link-only%40example.com&role=trainer");
  EXPECT_EQ(again.status, 422);
  EXPECT_NE(again.body.find("이미 초대가 발송된 이메일입니다."), std::string::npos);
  // seniors may not invite owners
  EXPECT_EQ(as("b_senior", "POST", "/trainers/invite/", "email=boss%40example.com&role=owner").status, 403);
  auto senior_page = as("b_senior", "GET", "/trainers/invite/");
  EXPECT_EQ(senior_page.body.find("value=\"owner\""), std::string::npos);

  std::string org = "/api/v1/organizations/" + std::to_string(world_->org_id("studio-b")) + "/";
  auto count = world_->get("root", org)["trainer_count"].get<int>();
  ASSERT_EQ(world_->call("root", "PATCH", org, {{"max_trainers", count}}).status, 200);
  auto full = as("b_owner", "GET", "/trainers/invite/");
  EXPECT_NE(full.body.find("조직의 최대 트레이너 수(" + std::to_string(count) + "명)에 도달했습니다."), std::string::npos);
  EXPECT_EQ(full.body.find("name=\"email\""), std::string::npos) << "the form is replaced";
  world_->call("root", "PATCH", org, {{"max_trainers", 5}});
}

}  // namespace

// --- assessment pages (WEB.md §4.4, issue 13) -------------------------------------------------------------------

namespace {

// The text of the element carrying data-score="<field>" (its data-value when it has one).
std::string shown_score(const std::string& html, const std::string& field) {
  auto at = html.find("data-score=\"" + field + "\"");
  if (at == std::string::npos) return "<absent>";
  auto tag_end = html.find('>', at);
  auto value = html.find("data-value=\"", at);
  if (value != std::string::npos && value < tag_end) {
    value += 12;
    return html.substr(value, html.find('"', value) - value);
  }
  return html.substr(tag_end + 1, html.find('<', tag_end) - tag_end - 1);
}

std::string one_decimal(const json& v) {
  if (v.is_null()) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v.get<double>());
  return buf;
}

}  // namespace

TEST_F(WebPagesTest, AssessmentPreviewFragmentShowsWhatTheApiPreviewComputes) {
  auto client = new_client("a_owner", "미리보기회원");
  const std::string form_start = "client=" + std::to_string(client) + "&push_up_reps=";
  const std::string form_rest = "&push_up_type=standard&push_up_score=&farmer_carry_weight=40"
                           "&farmer_carry_time=50&single_leg_balance_right_eyes_open=35"
                           "&single_leg_balance_left_eyes_open=28&single_leg_balance_right_eyes_closed=12"
                           "&single_leg_balance_left_eyes_closed=9&toe_touch_distance=2&shoulder_mobility_score=2"
                           "&shoulder_mobility_asymmetry=3&overhead_squat_forward_lean=true&harvard_step_test_hr1=85"
                           "&harvard_step_test_hr2=78&harvard_step_test_hr3=72&test_environment=outdoor&temperature=5"
                           "&farmer_carry_score=3.5";
  auto html = as("a_owner", "POST", "/assessments/preview/", form_start + "26" + form_rest, {{"HX-Request", "true"}});
  ASSERT_EQ(html.status, 200) << html.body;
  auto api = world_->call("a_owner", "POST", "/api/v1/assessments/preview/",
                          {{"client", client}, {"push_up_reps", 26}, {"push_up_type", "standard"},
                           {"farmer_carry_weight", 40}, {"farmer_carry_time", 50},
                           {"single_leg_balance_right_eyes_open", 35}, {"single_leg_balance_left_eyes_open", 28},
                           {"single_leg_balance_right_eyes_closed", 12}, {"single_leg_balance_left_eyes_closed", 9},
                           {"toe_touch_distance", 2}, {"shoulder_mobility_score", 2},
                           {"shoulder_mobility_asymmetry", 3}, {"overhead_squat_forward_lean", true},
                           {"harvard_step_test_hr1", 85}, {"harvard_step_test_hr2", 78}, {"harvard_step_test_hr3", 72},
                           {"test_environment", "outdoor"}, {"temperature", 5}, {"farmer_carry_score", 3.5}});
  ASSERT_EQ(api.status, 200) << api.body;
  auto expected = json::parse(api.body);
  for (const char* f : {"overall_score", "strength_score", "mobility_score", "balance_score", "cardio_score"})
    EXPECT_EQ(shown_score(html.body, f), one_decimal(expected[f])) << f;
  for (const char* f : {"push_up_score", "toe_touch_score", "harvard_step_test_score", "overhead_squat_score",
                        "shoulder_mobility_score"})
    EXPECT_EQ(shown_score(html.body, f), std::to_string(expected[f].get<int>())) << f;
  EXPECT_EQ(shown_score(html.body, "farmer_carry_score"), "3.5");
  EXPECT_EQ(shown_score(html.body, "single_leg_balance_score"), one_decimal(expected["single_leg_balance_score"]));
  EXPECT_EQ(shown_score(html.body, "injury_risk_score"), one_decimal(expected["injury_risk_score"]));
  EXPECT_NE(html.body.find("수동"), std::string::npos) << "the manual farmer's carry score is marked";
  // a range error is shown in the panel, as the API refuses it
  auto bad = as("a_owner", "POST", "/assessments/preview/", form_start + "500" + form_rest, {{"HX-Request", "true"}});
  EXPECT_NE(bad.body.find("preview-errors"), std::string::npos) << bad.body;
}

TEST_F(WebPagesTest, AssessmentFormSavesWithRedirectOrRerendersWith422) {
  auto client = new_client("a_trainer", "평가저장회원");
  const std::string base = "client=" + std::to_string(client) + "&push_up_reps=";
  auto bad = as("a_trainer", "POST", "/assessments/add/", base + "500&toe_touch_distance=3",
                {{"HX-Request", "true"}, {"HX-Target", "assessment-form"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.body.rfind("<form id=\"assessment-form\"", 0), 0u) << "only the form fragment";
  EXPECT_NE(bad.body.find("data-error-summary"), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"3\""), std::string::npos) << "posted values stay";
  auto good = as("a_trainer", "POST", "/assessments/add/", base + "30&push_up_score=2",
                 {{"HX-Request", "true"}, {"HX-Target", "assessment-form"}});
  ASSERT_EQ(good.status, 200) << good.body;
  const std::string url = good.header("hx-redirect");
  ASSERT_EQ(url.rfind("/assessments/", 0), 0u);
  auto id = url.substr(13, url.size() - 14);
  auto stored = json::parse(world_->call("a_trainer", "GET", "/api/v1/assessments/" + id + "/").body);
  EXPECT_EQ(stored["push_up_score"], 2);
  EXPECT_EQ(stored["push_up_score_manual_override"], true);
  auto detail = as("a_trainer", "GET", url);
  EXPECT_EQ(detail.status, 200);
  EXPECT_NE(detail.body.find("data-chart=\"assessment-radar\""), std::string::npos);
  EXPECT_NE(detail.body.find("/assessments/" + id + "/report.pdf"), std::string::npos);
  auto edit = as("a_trainer", "GET", url + "edit/");
  EXPECT_NE(edit.body.find("name=\"push_up_reps\" min=\"0\" max=\"300\" step=\"1\" inputmode=\"numeric\" value=\"30\""),
            std::string::npos);
  // an assistant sees only their own clients' assessments; another organisation none
  EXPECT_EQ(as("a_assistant", "POST", url + "delete/").status, 404);
  EXPECT_EQ(as("b_owner", "GET", url).status, 404);
  auto deleted = as("a_owner", "POST", url + "delete/", "", {{"HX-Request", "true"}});
  EXPECT_EQ(deleted.header("hx-redirect"), "/assessments/");
}

TEST_F(WebPagesTest, AssessmentListFiltersAndCompareNeedsTwoToFive) {
  auto list = as("a_owner", "GET", "/assessments/?score_range=80-89&is_complete=false",
                 "", {{"HX-Request", "true"}, {"HX-Target", "assessment-list"}});
  EXPECT_EQ(list.status, 200);
  EXPECT_EQ(list.body.rfind("<section id=\"assessment-list\"", 0), 0u);
  auto one = as("a_owner", "GET", "/assessments/compare/?ids=1");
  EXPECT_EQ(one.status, 303);
  EXPECT_EQ(one.header("location"), "/assessments/");
}
