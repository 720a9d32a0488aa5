#include "support/hostile_routes.hpp"

#include "support/records.hpp"  // assessment_a_body
#include "support/suite_server.hpp"  // kSuitePassword

namespace the5hc::testing {
namespace {

using nlohmann::json;

// An assessment body of DOMAIN.md §12 #25 (every test done) for the fixture client.
json assessment_body() {
  json body = assessment_a_body("{client}");
  body["notes"] = "note";
  return body;
}

json client_body() {
  return {{"name", "Hostile"}, {"age", 30},          {"gender", "male"},
          {"height", 175.5},   {"weight", 70.25},    {"email", "h@example.com"},
          {"phone", "010-1234-5678"}, {"trainer", "{trainer}"}};
}

json organization_body() {
  return {{"name", "Studio H"},         {"timezone", "Asia/Seoul"}, {"description", "d"},
          {"phone", "010-1234-5678"},   {"email", "h@example.com"}, {"address", "Seoul"},
          {"business_hours", {{"mon", "09:00-18:00"}}}, {"max_trainers", 5}, {"vat_rate_bp", 1000},
          {"card_fee_rate_bp", 300}};
}

json category_body() {
  return {{"code", "hx"}, {"name", "H"}, {"name_ko", "H"}, {"description", "d"}, {"description_ko", "d"},
          {"weight", 1.0}, {"order", 1}, {"is_active", true}};
}

json question_body() {
  return {{"category", "{category}"}, {"question_text", "Q"}, {"question_text_ko", "Q"}, {"question_type", "single"},
          {"points", 1}, {"is_required", false}, {"order", 1}, {"is_active", true}, {"help_text", "h"},
          {"help_text_ko", "h"},
          {"choices", json::array({{{"choice_text", "A"}, {"choice_text_ko", "A"}, {"points", 1}, {"order", 1}},
                                   {{"choice_text", "B"}, {"choice_text_ko", "B"}, {"points", 0}, {"order", 2}}})}};
}

json responses_body() {
  return {{"responses", json::array({{{"question_id", "{question}"}, {"selected_choices", json::array()},
                                       {"response_text", "x"}}})}};
}

json web_client_form() {
  return {{"name", "Hostile"}, {"age", "30"}, {"gender", "male"}, {"height", "175.5"}, {"weight", "70.2"},
          {"email", "h@example.com"}, {"phone", "010-1234-5678"}, {"trainer", "{trainer}"}};
}

json web_assessment_form() {
  return {{"client", "{client}"}, {"date", "2025-06-09"}, {"notes", "note"}, {"push_up_reps", "26"},
          {"push_up_type", "standard"}, {"farmer_carry_time", "50"}, {"farmer_carry_weight", "40"},
          {"toe_touch_distance", "2"}, {"temperature", "21.5"}, {"harvard_step_test_duration", "180"},
          {"overhead_squat_forward_lean", "on"}};
}

json web_trainer_form() {
  return {{"bio", "b"}, {"certifications", "c"}, {"specialties", "s"}, {"years_of_experience", "3"},
          {"session_price", "50000"}};
}

}  // namespace

const std::vector<WriteRoute>& hostile_write_routes() {
  using S = BodyShape;
  const std::string pw = kSuitePassword;
  static const std::vector<WriteRoute> routes = {
      // --- API: authentication and the signed-in user
      {"POST", "/api/v1/auth/login/", "", S::json, "/api/v1/auth/login/",
       {{"email_or_username", "nobody_here"}, {"password", "Wrong-pass-1"}}},
      {"POST", "/api/v1/auth/refresh/", "", S::json, "/api/v1/auth/refresh/", {{"refresh", "x.y.z"}}},
      {"POST", "/api/v1/auth/logout/", "", S::json, "/api/v1/auth/logout/", {{"refresh", "x.y.z"}}},
      {"POST", "/api/v1/auth/verify/", "", S::json, "/api/v1/auth/verify/", {{"token", "x.y.z"}}},
      {"PATCH", "/api/v1/users/me/", "a_owner", S::json, "/api/v1/users/me/",
       {{"name", "Owner A"}, {"email", "a_owner@example.com"}, {"language", "ko"}}},
      {"POST", "/api/v1/users/change_password/", "h_pw", S::json, "/api/v1/users/change_password/",
       {{"old_password", "Wrong-old-1"}, {"new_password", "Fresh-pass-99"}, {"confirm_password", "Fresh-pass-99"}}},
      // --- API: organisations, trainers, invitations, notifications
      {"POST", "/api/v1/organizations/", "root", S::json, "/api/v1/organizations/", organization_body()},
      {"PUT", "/api/v1/organizations/{id:int}/", "a_owner", S::json, "/api/v1/organizations/{org}/",
       organization_body()},
      {"PATCH", "/api/v1/organizations/{id:int}/", "a_owner", S::json, "/api/v1/organizations/{org}/",
       organization_body()},
      {"PATCH", "/api/v1/trainers/{id:int}/", "a_owner", S::json, "/api/v1/trainers/{trainer}/",
       {{"bio", "b"}, {"certifications", {"c"}}, {"specialties", {"s"}}, {"years_of_experience", 3},
        {"session_price", 50000}, {"role", "trainer"}}},
      {"POST", "/api/v1/trainers/{id:int}/deactivate/", "a_owner", S::none, "/api/v1/trainers/{trainer}/deactivate/"},
      {"POST", "/api/v1/trainers/{id:int}/activate/", "a_owner", S::none, "/api/v1/trainers/{trainer}/activate/"},
      {"POST", "/api/v1/invitations/", "a_owner", S::json, "/api/v1/invitations/",
       {{"email", "new@example.com"}, {"role", "trainer"}, {"name", "N"}, {"message", "m"}}},
      {"POST", "/api/v1/invitations/{id:int}/cancel/", "a_owner", S::none, "/api/v1/invitations/{invitation}/cancel/"},
      {"POST", "/api/v1/invitations/accept/", "", S::json, "/api/v1/invitations/accept/",
       {{"code", "{code}"}, {"username", "newbie1"}, {"name", "New"}, {"password", pw}, {"confirm_password", pw}}},
      {"POST", "/api/v1/invitations/decline/", "", S::json, "/api/v1/invitations/decline/", {{"code", "{code}"}}},
      {"POST", "/api/v1/notifications/{id:int}/read/", "a_owner", S::none,
       "/api/v1/notifications/{notification}/read/"},
      {"POST", "/api/v1/notifications/read_all/", "a_owner", S::none, "/api/v1/notifications/read_all/"},
      // --- API: records
      {"POST", "/api/v1/clients/", "a_owner", S::json, "/api/v1/clients/", client_body()},
      {"PUT", "/api/v1/clients/{id:int}/", "a_owner", S::json, "/api/v1/clients/{client}/", client_body()},
      {"PATCH", "/api/v1/clients/{id:int}/", "a_owner", S::json, "/api/v1/clients/{client}/", client_body()},
      {"DELETE", "/api/v1/clients/{id:int}/", "a_owner", S::none, "/api/v1/clients/{client}/"},
      {"POST", "/api/v1/assessments/", "a_owner", S::json, "/api/v1/assessments/", assessment_body()},
      {"POST", "/api/v1/assessments/preview/", "a_owner", S::json, "/api/v1/assessments/preview/", assessment_body()},
      {"PUT", "/api/v1/assessments/{id:int}/", "a_owner", S::json, "/api/v1/assessments/{assessment}/",
       assessment_body()},
      {"PATCH", "/api/v1/assessments/{id:int}/", "a_owner", S::json, "/api/v1/assessments/{assessment}/",
       assessment_body()},
      {"DELETE", "/api/v1/assessments/{id:int}/", "a_owner", S::none, "/api/v1/assessments/{assessment}/"},
      {"POST", "/api/v1/mcq/categories/", "root", S::json, "/api/v1/mcq/categories/", category_body()},
      {"PUT", "/api/v1/mcq/categories/{id:int}/", "root", S::json, "/api/v1/mcq/categories/{category}/",
       category_body()},
      {"PATCH", "/api/v1/mcq/categories/{id:int}/", "root", S::json, "/api/v1/mcq/categories/{category}/",
       category_body()},
      {"DELETE", "/api/v1/mcq/categories/{id:int}/", "root", S::none, "/api/v1/mcq/categories/{category}/"},
      {"POST", "/api/v1/mcq/questions/", "root", S::json, "/api/v1/mcq/questions/", question_body()},
      {"PUT", "/api/v1/mcq/questions/{id:int}/", "root", S::json, "/api/v1/mcq/questions/{question}/",
       question_body()},
      {"PATCH", "/api/v1/mcq/questions/{id:int}/", "root", S::json, "/api/v1/mcq/questions/{question}/",
       question_body()},
      {"DELETE", "/api/v1/mcq/questions/{id:int}/", "root", S::none, "/api/v1/mcq/questions/{question}/"},
      {"POST", "/api/v1/mcq/questions/validate/", "a_owner", S::json, "/api/v1/mcq/questions/validate/",
       {{"question_id", "{question}"}, {"selected_choices", json::array()}, {"response_text", "x"}}},
      {"POST", "/api/v1/assessments/{id:int}/mcq/responses/", "a_owner", S::json,
       "/api/v1/assessments/{assessment}/mcq/responses/", responses_body()},
      {"PATCH", "/api/v1/assessments/{id:int}/mcq/responses/", "a_owner", S::json,
       "/api/v1/assessments/{assessment}/mcq/responses/", responses_body()},
      {"DELETE", "/api/v1/assessments/{id:int}/mcq/responses/", "a_owner", S::none,
       "/api/v1/assessments/{assessment}/mcq/responses/"},
      {"POST", "/api/v1/packages/", "a_owner", S::json, "/api/v1/packages/",
       {{"client", "{client}"}, {"package_name", "P"}, {"total_amount", 300000}, {"session_price", 30000},
        {"total_sessions", 10}, {"payment_method", "cash"}, {"payment_date", "2026-01-05"}, {"notes", "n"}}},
      {"PUT", "/api/v1/packages/{id:int}/", "a_owner", S::json, "/api/v1/packages/{package}/",
       {{"package_name", "P"}, {"notes", "n"}, {"is_active", true}}},
      {"PATCH", "/api/v1/packages/{id:int}/", "a_owner", S::json, "/api/v1/packages/{package}/",
       {{"package_name", "P"}, {"notes", "n"}, {"is_active", true}}},
      {"DELETE", "/api/v1/packages/{id:int}/", "a_owner", S::none, "/api/v1/packages/{package}/"},
      {"POST", "/api/v1/packages/{id:int}/top-up/", "a_owner", S::json, "/api/v1/packages/{package}/top-up/",
       {{"amount", 10000}, {"payment_method", "cash"}, {"sessions", 1}, {"payment_date", "2026-01-05"},
        {"description", "d"}}},
      {"POST", "/api/v1/sessions/", "a_owner", S::json, "/api/v1/sessions/",
       {{"package", "{package}"}, {"client", "{client}"}, {"session_date", "{future}"}, {"session_time", "10:00"},
        {"session_duration", 60}, {"notes", "n"}}},
      {"PUT", "/api/v1/sessions/{id:int}/", "a_owner", S::json, "/api/v1/sessions/{session}/",
       {{"session_date", "{future}"}, {"session_time", "10:00"}, {"session_duration", 60}, {"notes", "n"}}},
      {"PATCH", "/api/v1/sessions/{id:int}/", "a_owner", S::json, "/api/v1/sessions/{session}/",
       {{"session_date", "{future}"}, {"session_time", "10:00"}, {"session_duration", 60}, {"notes", "n"}}},
      {"DELETE", "/api/v1/sessions/{id:int}/", "a_owner", S::none, "/api/v1/sessions/{session}/"},
      {"POST", "/api/v1/sessions/{id:int}/complete/", "a_owner", S::json, "/api/v1/sessions/{session}/complete/",
       {{"notes", "n"}}},
      {"POST", "/api/v1/sessions/{id:int}/no-show/", "a_owner", S::json, "/api/v1/sessions/{session}/no-show/",
       {{"notes", "n"}}},
      {"POST", "/api/v1/sessions/{id:int}/cancel/", "a_owner", S::json, "/api/v1/sessions/{session}/cancel/",
       {{"reason", "r"}, {"late_cancellation", false}}},
      {"POST", "/api/v1/payments/", "a_owner", S::json, "/api/v1/payments/",
       {{"client", "{client}"}, {"package", "{package}"}, {"amount", 10000}, {"payment_method", "cash"},
        {"payment_date", "2026-01-05"}, {"description", "d"}}},
      {"DELETE", "/api/v1/payments/{id:int}/", "a_owner", S::none, "/api/v1/payments/{payment}/"},
      {"POST", "/api/v1/assessments/{id:int}/reports/", "a_owner", S::none,
       "/api/v1/assessments/{assessment}/reports/"},
      {"DELETE", "/api/v1/reports/{id:int}/", "a_owner", S::none, "/api/v1/reports/{report}/"},
      {"POST", "/api/v1/clients/{id:int}/share-links/", "a_owner", S::json, "/api/v1/clients/{client}/share-links/",
       {{"expires_in_days", 7}, {"consent", true}, {"language", "ko"}}},
      {"POST", "/api/v1/clients/{id:int}/share-links/{link_id:int}/revoke/", "a_owner", S::none,
       "/api/v1/clients/{client}/share-links/{link}/revoke/"},
      // --- web: accounts
      {"POST", "/accounts/login/", "", S::form, "/accounts/login/",
       {{"email_or_username", "nobody_here"}, {"password", "Wrong-pass-1"}, {"next", "/"}}},
      {"POST", "/accounts/logout/", "h_web", S::none, "/accounts/logout/"},
      {"POST", "/i18n/setlang/", "a_owner", S::form, "/i18n/setlang/", {{"language", "ko"}}},
      {"POST", "/accounts/organization/", "root", S::form, "/accounts/organization/", {{"organization", "{org}"}}},
      {"POST", "/accounts/profile/", "a_owner", S::form, "/accounts/profile/",
       {{"name", "Owner A"}, {"email", "a_owner@example.com"}, {"language", "ko"}}},
      {"POST", "/accounts/password/", "h_pw", S::form, "/accounts/password/",
       {{"old_password", "Wrong-old-1"}, {"new_password", "Fresh-pass-99"}, {"confirm_password", "Fresh-pass-99"}}},
      {"POST", "/invitations/accept/{code}/", "", S::form, "/invitations/accept/{code}/",
       {{"action", "accept"}, {"username", "newbie2"}, {"name", "New"}, {"password", pw}, {"confirm_password", pw}}},
      // --- web: clients, assessments, reports, share links
      {"POST", "/clients/add/", "a_owner", S::form, "/clients/add/", web_client_form()},
      {"POST", "/clients/{id:int}/edit/", "a_owner", S::form, "/clients/{client}/edit/", web_client_form()},
      {"POST", "/clients/{id:int}/delete/", "a_owner", S::none, "/clients/{client}/delete/"},
      {"DELETE", "/clients/{id:int}/delete/", "a_owner", S::none, "/clients/{client}/delete/"},
      {"POST", "/clients/validate/{field}/", "a_owner", S::form, "/clients/validate/name/", {{"name", "x"}}},
      {"POST", "/assessments/add/", "a_owner", S::form, "/assessments/add/", web_assessment_form()},
      {"POST", "/assessments/preview/", "a_owner", S::form, "/assessments/preview/", web_assessment_form()},
      {"POST", "/assessments/{id:int}/edit/", "a_owner", S::form, "/assessments/{assessment}/edit/",
       web_assessment_form()},
      {"POST", "/assessments/{id:int}/delete/", "a_owner", S::none, "/assessments/{assessment}/delete/"},
      {"POST", "/assessments/{id:int}/mcq/", "a_owner", S::form, "/assessments/{assessment}/mcq/",
       {{"q_{question}", "{choice}"}, {"q_{question}_text", "x"}}},
      {"POST", "/assessments/{id:int}/mcq/clear/", "a_owner", S::none, "/assessments/{assessment}/mcq/clear/"},
      {"POST", "/reports/generate/{id:int}/", "a_owner", S::none, "/reports/generate/{assessment}/"},
      {"POST", "/reports/{id:int}/delete/", "a_owner", S::none, "/reports/{report}/delete/"},
      {"POST", "/clients/{id:int}/share-links/", "a_owner", S::form, "/clients/{client}/share-links/",
       {{"expires_in_days", "7"}, {"consent", "on"}, {"language", "ko"}}},
      {"POST", "/clients/{id:int}/share-links/{link_id:int}/revoke/", "a_owner", S::none,
       "/clients/{client}/share-links/{link}/revoke/"},
      // --- web: trainers, organisation, notifications, invitations
      {"POST", "/trainers/notifications/{id:int}/read/", "a_owner", S::none,
       "/trainers/notifications/{notification}/read/"},
      {"POST", "/trainers/notifications/read-all/", "a_owner", S::none, "/trainers/notifications/read-all/"},
      {"POST", "/trainers/invite/", "a_owner", S::form, "/trainers/invite/",
       {{"email", "new2@example.com"}, {"role", "trainer"}, {"name", "N"}, {"message", "m"}}},
      {"POST", "/trainers/invitation/{id:int}/cancel/", "a_owner", S::none, "/trainers/invitation/{invitation}/cancel/"},
      {"POST", "/trainers/profile/edit/", "a_owner", S::form, "/trainers/profile/edit/", web_trainer_form()},
      {"POST", "/trainers/{id:int}/edit/", "a_owner", S::form, "/trainers/{trainer}/edit/", web_trainer_form()},
      {"POST", "/trainers/{id:int}/deactivate/", "a_owner", S::none, "/trainers/{trainer}/deactivate/"},
      {"POST", "/trainers/{id:int}/activate/", "a_owner", S::none, "/trainers/{trainer}/activate/"},
      {"POST", "/trainers/{id:int}/role/", "a_owner", S::form, "/trainers/{trainer}/role/", {{"role", "trainer"}}},
      {"POST", "/trainers/organization/edit/", "a_owner", S::form, "/trainers/organization/edit/",
       {{"name", "Studio A"}, {"description", "d"}, {"phone", "010-1234-5678"}, {"email", "a@example.com"},
        {"address", "Seoul"}, {"timezone", "Asia/Seoul"}, {"vat_rate", "10"}, {"card_fee_rate", "3"}}},
      // --- web: packages, sessions, payments
      {"POST", "/sessions/packages/add/", "a_owner", S::form, "/sessions/packages/add/",
       {{"client", "{client}"}, {"package_name", "P"}, {"total_amount", "300000"}, {"session_price", "30000"},
        {"total_sessions", "10"}, {"payment_method", "cash"}, {"payment_date", "2026-01-05"}, {"notes", "n"}}},
      {"POST", "/sessions/packages/{id:int}/top-up/", "a_owner", S::form, "/sessions/packages/{package}/top-up/",
       {{"amount", "10000"}, {"sessions", "1"}, {"payment_method", "cash"}, {"payment_date", "2026-01-05"},
        {"description", "d"}}},
      {"POST", "/sessions/packages/{id:int}/toggle-active/", "a_owner", S::none,
       "/sessions/packages/{package}/toggle-active/"},
      {"POST", "/sessions/add/", "a_owner", S::form, "/sessions/add/",
       {{"client", "{client}"}, {"package", "{package}"}, {"session_date", "{future}"}, {"session_time", "10:00"},
        {"session_duration", "60"}, {"notes", "n"}}},
      {"POST", "/sessions/{id:int}/complete/", "a_owner", S::none, "/sessions/{session}/complete/"},
      {"POST", "/sessions/{id:int}/cancel/", "a_owner", S::form, "/sessions/{session}/cancel/", {{"reason", "r"}}},
      {"POST", "/sessions/{id:int}/no-show/", "a_owner", S::none, "/sessions/{session}/no-show/"},
      {"POST", "/sessions/payments/add/", "a_owner", S::form, "/sessions/payments/add/",
       {{"client", "{client}"}, {"package", "{package}"}, {"amount", "10000"}, {"payment_method", "cash"},
        {"payment_date", "2026-01-05"}, {"description", "d"}}},
  };
  return routes;
}


}  // namespace the5hc::testing
