#include "store/constraints.hpp"

#include <array>
#include <string>

#include "common/i18n.hpp"

namespace the5hc::store {

namespace {

// Two requests racing past a pre-check on a key no user types (tokens, answers, seed data): the second is told to
// try again. 동시에 저장된 다른 변경과 충돌했습니다. 다시 시도해주세요.
constexpr std::string_view kConcurrentChange = "A conflicting change was saved at the same time. Please try again.";

// Every unique key of migrations/0001_initial.up.*.sql, with the message of the service pre-check that guards it.
constexpr std::array kUniqueKeys{
    UniqueKey{"organizations_slug_key", "organizations.slug", "slug",
              "An organization with this slug already exists."},
    UniqueKey{"ux_users_username_lower", "index 'ux_users_username_lower'", "username",
              "A user with that username already exists."},
    UniqueKey{"ux_users_email_lower", "index 'ux_users_email_lower'", "email", "A user with that email already exists."},
    // One membership per user (DOMAIN.md §1.3): the race is one user creating two organisations at once.
    UniqueKey{"trainers_user_id_key", "trainers.user_id", "non_field_errors",
              "You already belong to another organization."},
    UniqueKey{"ux_clients_organization_email_lower", "index 'ux_clients_organization_email_lower'", "email",
              "This email is already registered."},
    UniqueKey{"mcq_categories_code_key", "mcq_categories.code", "code",
              "A questionnaire category with this code already exists."},
    UniqueKey{"invitations_code_key", "invitations.code", "", kConcurrentChange},
    UniqueKey{"mcq_questions_code_key", "mcq_questions.code", "", kConcurrentChange},
    UniqueKey{"mcq_responses_assessment_id_question_id_key", "mcq_responses.assessment_id, mcq_responses.question_id",
              "", kConcurrentChange},
    UniqueKey{"mcq_response_choices_response_id_choice_id_key",
              "mcq_response_choices.response_id, mcq_response_choices.choice_id", "", kConcurrentChange},
    UniqueKey{"ux_test_standards_key", "index 'ux_test_standards_key'", "", kConcurrentChange},
    UniqueKey{"normative_data_test_type_gender_age_min_age_max_key",
              "normative_data.test_type, normative_data.gender, normative_data.age_min, normative_data.age_max", "",
              kConcurrentChange},
    UniqueKey{"refresh_tokens_jti_key", "refresh_tokens.jti", "", kConcurrentChange},
    UniqueKey{"legacy_import_rows_source_source_table_source_id_key",
              "legacy_import_rows.source, legacy_import_rows.source_table, legacy_import_rows.source_id", "",
              kConcurrentChange},
};

// Deleting a row that is still referenced (ON DELETE RESTRICT): the pre-check's message by foreign key.
struct RestrictKey {
  std::string_view postgres;
  std::string_view message;
};
constexpr std::array kRestrictKeys{
    RestrictKey{"payments_client_id_fkey", "A client with payment records cannot be deleted."},
    RestrictKey{"mcq_response_choices_choice_id_fkey",
                "Choices selected in saved answers cannot be removed; deactivate the question instead."},
    RestrictKey{"mcq_responses_question_id_fkey", "A question with answers cannot be deleted; deactivate it instead."},
};
// 사용 중인 항목이라 삭제할 수 없습니다.
constexpr std::string_view kStillReferenced = "This object is still in use and cannot be deleted.";

Error unique_error(const UniqueKey& key) {
  if (key.field.empty()) return Error(ErrorCode::conflict, std::string(key.message));
  return Error::field(std::string(key.field), std::string(key.message));
}

Error concurrent_change() { return Error(ErrorCode::conflict, std::string(kConcurrentChange)); }

// The text between the first `"` after `after` and the next `"` ("" when absent).
std::string_view quoted_after(std::string_view text, std::string_view after) {
  auto at = text.find(after);
  if (at == std::string_view::npos) return {};
  auto open = text.find('"', at + after.size());
  if (open == std::string_view::npos) return {};
  auto close = text.find('"', open + 1);
  if (close == std::string_view::npos) return {};
  return text.substr(open + 1, close - open - 1);
}

}  // namespace

std::span<const UniqueKey> unique_keys() { return kUniqueKeys; }

std::optional<Error> postgres_constraint_error(std::string_view sqlstate, std::string_view message) {
  if (sqlstate == "23505") {
    auto name = quoted_after(message, "unique constraint");
    for (const auto& key : kUniqueKeys)
      if (key.postgres == name) return unique_error(key);
    return concurrent_change();
  }
  if (sqlstate == "23503") {
    auto name = quoted_after(message, "foreign key constraint");
    // DETAIL:  Key (trainer_id)=(7) is not present in table "trainers".
    // DETAIL:  Key (id)=(3) is still referenced from table "payments".
    if (message.find("is still referenced") != std::string_view::npos ||
        message.find("update or delete on table") != std::string_view::npos) {
      for (const auto& key : kRestrictKeys)
        if (key.postgres == name) return Error(ErrorCode::conflict, std::string(key.message));
      return Error(ErrorCode::conflict, std::string(kStillReferenced));
    }
    auto key = message.find("Key (");
    auto close = key == std::string_view::npos ? key : message.find(")=(", key);
    auto end = close == std::string_view::npos ? close : message.find(')', close + 3);
    if (end == std::string_view::npos) return concurrent_change();
    std::string column(message.substr(key + 5, close - key - 5));
    std::string value(message.substr(close + 3, end - close - 3));
    if (column.ends_with("_id")) column.resize(column.size() - 3);
    return Error::field(column, i18n::args("Invalid pk \"{id}\" - object does not exist.", {{"id", value}}));
  }
  return std::nullopt;
}

std::optional<Error> sqlite_constraint_error(int result_code, std::string_view message) {
  if ((result_code & 0xff) != 19) return std::nullopt;  // SQLITE_CONSTRAINT and its extended codes
  constexpr std::string_view unique = "UNIQUE constraint failed: ";
  if (auto at = message.find(unique); at != std::string_view::npos) {
    auto detail = message.substr(at + unique.size());
    for (const auto& key : kUniqueKeys)
      if (detail.starts_with(key.sqlite) &&
          (detail.size() == key.sqlite.size() || detail[key.sqlite.size()] == '\n' ||
           detail[key.sqlite.size()] == ' '))
        return unique_error(key);
    return concurrent_change();
  }
  // SQLite names no foreign key. Its writers are serialised (BEGIN IMMEDIATE), so a pre-check in the same
  // write transaction cannot be raced; this is a backstop.
  if (message.find("FOREIGN KEY constraint failed") != std::string_view::npos) return concurrent_change();
  return std::nullopt;
}

}  // namespace the5hc::store
