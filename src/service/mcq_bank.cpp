#include "service/mcq_bank.hpp"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "store/database.hpp"

namespace the5hc::service {
namespace {

namespace d = the5hc::domain;
using nlohmann::json;

std::optional<store::McqCategoryRow> find_category(soci::session& sql, std::int64_t id) {
  for (auto& c : store::list_mcq_categories(sql, false))
    if (c.id == id) return std::move(c);
  return std::nullopt;
}

std::optional<store::McqQuestionRow> find_question(soci::session& sql, std::int64_t id) {
  for (auto& q : store::list_mcq_questions(sql, false))
    if (q.question.id == id) return std::move(q);
  return std::nullopt;
}

json category_audit(const store::McqCategoryRow& c) {
  return {{"code", c.category.code}, {"name", c.category.name}, {"weight", c.category.weight},
          {"order", c.category.order}, {"is_active", c.category.is_active}};
}

json question_audit(const store::McqQuestionRow& q) {
  return {{"category", q.category_id}, {"question_text_ko", q.question.question_text_ko},
          {"points", q.question.points}, {"is_active", q.question.is_active},
          {"choices", q.question.choices.size()}};
}

// The bank's categories as they would be after `changed` is stored (or `removed` deleted) must pass the weight rule.
void check_categories(soci::session& sql, const store::McqCategoryRow* changed, std::int64_t removed = 0) {
  std::vector<d::McqCategory> all;
  std::size_t changed_at = SIZE_MAX;
  for (auto& c : store::list_mcq_categories(sql, false)) {
    if (c.id == removed || (changed && c.id == changed->id)) continue;
    if (changed && c.category.code == changed->category.code)
      // 이 코드의 설문 카테고리가 이미 존재합니다.
      throw Error::field("code", "A questionnaire category with this code already exists.");
    all.push_back(c.category);
  }
  if (changed) {
    changed_at = all.size();
    all.push_back(changed->category);
  }
  FieldErrors errors;
  for (auto& [key, msgs] : d::validate_mcq_categories(all))
    for (auto& m : msgs)
      errors[key == "categories." + std::to_string(changed_at) + ".weight" ? "weight" : key].push_back(m);
  if (!errors.empty()) throw Error::validation(errors);
}

void check_question(soci::session& sql, const store::McqQuestionRow& row, const std::optional<store::McqQuestionRow>& stored) {
  const auto& q = row.question;
  FieldErrors errors = d::validate_mcq_question(q);
  auto invalid_pk = [](std::int64_t id) {
    return i18n::args("Invalid pk \"{id}\" - object does not exist.", {{"id", std::to_string(id)}});
  };
  if (!find_category(sql, row.category_id)) errors["category"].push_back(invalid_pk(row.category_id));
  if (q.depends_on_id) {
    auto parent = *q.depends_on_id == q.id ? std::nullopt : find_question(sql, *q.depends_on_id);
    if (!parent) errors["depends_on"].push_back(invalid_pk(*q.depends_on_id));
    else if (q.depends_on_choice_id &&
             std::none_of(parent->question.choices.begin(), parent->question.choices.end(),
                          [&](const d::McqChoice& c) { return c.id == *q.depends_on_choice_id; }))
      // 선택한 항목이 이 질문에 속하지 않습니다.
      errors["depends_on_choice"].push_back("The selected choice does not belong to this question.");
  } else if (q.depends_on_choice_id) {
    errors["depends_on"].push_back("This field is required.");
  }
  for (std::size_t i = 0; i < q.choices.size(); ++i) {
    auto id = q.choices[i].id;
    if (id && (!stored || std::none_of(stored->question.choices.begin(), stored->question.choices.end(),
                                       [&](const d::McqChoice& c) { return c.id == id; })))
      errors["choices." + std::to_string(i) + ".id"].push_back(invalid_pk(id));
  }
  if (!errors.empty()) throw Error::validation(errors);
  if (stored) {
    std::vector<std::int64_t> keep;
    for (const auto& c : q.choices)
      if (c.id) keep.push_back(c.id);
    if (store::count_selected_other_choices(sql, q.id, keep) > 0)
      // 응답에서 선택된 선택지는 삭제할 수 없습니다. 질문을 비활성화하세요.
      throw Error(ErrorCode::conflict, "Choices selected in saved answers cannot be removed; deactivate the question instead.");
  }
}

}  // namespace

store::McqCategoryRow create_mcq_category(const Context& ctx, const McqCategoryEdit& edit) {
  authorize(ctx, d::Action::edit_reference_data, {});
  return ctx.db.write([&](soci::session& sql) {
    store::McqCategoryRow row;
    edit(row);
    check_categories(sql, &row);
    row.id = store::insert_mcq_category(sql, row);
    audit(sql, ctx, "mcq_category_created", "mcq_category", row.id, row.category.code, std::nullopt,
          {std::nullopt, category_audit(row).dump()});
    return *find_category(sql, row.id);
  });
}

store::McqCategoryRow update_mcq_category(const Context& ctx, std::int64_t id, const McqCategoryEdit& edit) {
  authorize(ctx, d::Action::edit_reference_data, {});
  return ctx.db.write([&](soci::session& sql) {
    auto row = find_category(sql, id);
    if (!row) throw Error::not_found();
    const auto before = category_audit(*row);
    edit(*row);
    row->id = id;
    check_categories(sql, &*row);
    store::update_mcq_category(sql, *row);
    audit(sql, ctx, "mcq_category_updated", "mcq_category", id, row->category.code, std::nullopt,
          {before.dump(), category_audit(*row).dump()});
    return *find_category(sql, id);
  });
}

void delete_mcq_category(const Context& ctx, std::int64_t id) {
  authorize(ctx, d::Action::edit_reference_data, {});
  ctx.db.write([&](soci::session& sql) {
    auto row = find_category(sql, id);
    if (!row) throw Error::not_found();
    if (store::count_mcq_responses(sql, id, true) > 0)
      // 응답이 있는 카테고리는 삭제할 수 없습니다. 비활성화하세요.
      throw Error(ErrorCode::conflict, "A category with answered questions cannot be deleted; deactivate it instead.");
    check_categories(sql, nullptr, id);
    store::delete_mcq_category(sql, id);
    audit(sql, ctx, "mcq_category_deleted", "mcq_category", id, row->category.code, std::nullopt,
          {category_audit(*row).dump(), std::nullopt});
  });
}

store::McqQuestionRow create_mcq_question(const Context& ctx, const McqQuestionEdit& edit) {
  authorize(ctx, d::Action::edit_reference_data, {});
  return ctx.db.write([&](soci::session& sql) {
    store::McqQuestionRow row;
    edit(row);
    check_question(sql, row, std::nullopt);
    row.question.id = store::insert_mcq_question(sql, row);
    store::replace_mcq_choices(sql, row.question.id, row.question.choices);
    auto stored = *find_question(sql, row.question.id);
    audit(sql, ctx, "mcq_question_created", "mcq_question", row.question.id, row.question.question_text_ko,
          std::nullopt, {std::nullopt, question_audit(stored).dump()});
    return stored;
  });
}

store::McqQuestionRow update_mcq_question(const Context& ctx, std::int64_t id, const McqQuestionEdit& edit) {
  authorize(ctx, d::Action::edit_reference_data, {});
  return ctx.db.write([&](soci::session& sql) {
    auto stored = find_question(sql, id);
    if (!stored) throw Error::not_found();
    auto row = *stored;
    edit(row);
    row.question.id = id;
    check_question(sql, row, stored);
    store::update_mcq_question(sql, row);
    store::replace_mcq_choices(sql, id, row.question.choices);
    auto after = *find_question(sql, id);
    audit(sql, ctx, "mcq_question_updated", "mcq_question", id, row.question.question_text_ko, std::nullopt,
          {question_audit(*stored).dump(), question_audit(after).dump()});
    return after;
  });
}

void delete_mcq_question(const Context& ctx, std::int64_t id) {
  authorize(ctx, d::Action::edit_reference_data, {});
  ctx.db.write([&](soci::session& sql) {
    auto row = find_question(sql, id);
    if (!row) throw Error::not_found();
    if (store::count_mcq_responses(sql, id) > 0)
      // 응답이 있는 질문은 삭제할 수 없습니다. 비활성화하세요.
      throw Error(ErrorCode::conflict, "A question with answers cannot be deleted; deactivate it instead.");
    store::delete_mcq_question(sql, id);
    audit(sql, ctx, "mcq_question_deleted", "mcq_question", id, row->question.question_text_ko, std::nullopt,
          {question_audit(*row).dump(), std::nullopt});
  });
}

}  // namespace the5hc::service
