#include "store/mcq.hpp"

#include <soci/soci.h>

#include <map>

#include "store/query.hpp"
#include "store/row.hpp"

namespace the5hc::store {
namespace {

domain::QuestionType question_type(const std::string& code) {
  if (code == "multiple") return domain::QuestionType::multiple;
  if (code == "scale") return domain::QuestionType::scale;
  if (code == "text") return domain::QuestionType::text;
  return domain::QuestionType::single;
}

// Choices of the listed questions, attached in sort order.
void attach_choices(soci::session& sql, std::vector<McqQuestionRow>& rows) {
  std::map<std::int64_t, McqQuestionRow*> by_id;
  for (auto& r : rows) by_id[r.question.id] = &r;
  SqlParams p;
  for_each_row(sql,
               "SELECT id, question_id, choice_text, choice_text_ko, points, is_correct, sort_order, "
               "contributes_to_risk, risk_weight, risk_label, risk_label_ko FROM mcq_choices "
               "ORDER BY question_id, sort_order, id",
               p, [&](const Row& r) {
                 auto it = by_id.find(get_int(r, 1));
                 if (it == by_id.end()) return;
                 domain::McqChoice c;
                 c.id = get_int(r, 0);
                 c.choice_text = get_text(r, 2);
                 c.choice_text_ko = get_text(r, 3);
                 c.points = static_cast<int>(get_int(r, 4));
                 c.is_correct = get_bool(r, 5);
                 c.order = static_cast<int>(get_int(r, 6));
                 c.contributes_to_risk = get_bool(r, 7);
                 c.risk_weight = get_real(r, 8);
                 c.risk_label = get_text(r, 9);
                 c.risk_label_ko = get_text(r, 10);
                 it->second->question.choices.push_back(std::move(c));
               });
}

const char* type_code(domain::QuestionType t) {
  static const char* kCodes[] = {"single", "multiple", "scale", "text"};
  return kCodes[static_cast<int>(t)];
}

std::string id_list(SqlParams& p, const std::vector<std::int64_t>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + p.add(ids[i]);
  return out;
}

}  // namespace

std::vector<McqCategoryRow> list_mcq_categories(soci::session& sql, bool active_only) {
  SqlParams p;
  std::vector<McqCategoryRow> out;
  for_each_row(sql,
               std::string("SELECT c.id, c.code, c.name, c.name_ko, c.description, c.description_ko, c.weight, "
                           "c.sort_order, c.is_active, (SELECT COUNT(*) FROM mcq_questions q WHERE q.category_id = "
                           "c.id AND q.is_active = 1) FROM mcq_categories c") +
                   (active_only ? " WHERE c.is_active = 1" : "") + " ORDER BY c.sort_order, c.name, c.id",
               p, [&](const Row& r) {
                 McqCategoryRow row;
                 row.id = get_int(r, 0);
                 row.category.code = get_text(r, 1);
                 row.category.name = get_text(r, 2);
                 row.category.name_ko = get_text(r, 3);
                 row.description = get_opt_text(r, 4);
                 row.description_ko = get_opt_text(r, 5);
                 row.category.weight = get_real(r, 6);
                 row.category.order = static_cast<int>(get_int(r, 7));
                 row.category.is_active = get_bool(r, 8);
                 row.question_count = get_int(r, 9);
                 out.push_back(std::move(row));
               });
  return out;
}

std::vector<McqQuestionRow> list_mcq_questions(soci::session& sql, bool active_only,
                                               std::optional<std::int64_t> category_id) {
  SqlParams p;
  std::string q =
      "SELECT q.id, q.category_id, c.code, c.name, c.name_ko, q.question_text, q.question_text_ko, "
      "q.question_type, q.points, q.is_required, q.help_text, q.help_text_ko, q.sort_order, q.is_active, "
      "q.depends_on_id, q.depends_on_choice_id FROM mcq_questions q JOIN mcq_categories c ON c.id = q.category_id "
      "WHERE 1 = 1";
  if (active_only) q += " AND q.is_active = 1 AND c.is_active = 1";
  if (category_id) q += " AND q.category_id = " + p.add(*category_id);
  q += " ORDER BY c.sort_order, q.sort_order, q.id";
  std::vector<McqQuestionRow> out;
  for_each_row(sql, q, p, [&](const Row& r) {
    McqQuestionRow row;
    row.question.id = get_int(r, 0);
    row.category_id = get_int(r, 1);
    row.question.category_code = get_text(r, 2);
    row.category_name = get_text(r, 3);
    row.category_name_ko = get_text(r, 4);
    row.question.question_text = get_text(r, 5);
    row.question.question_text_ko = get_text(r, 6);
    row.question.question_type = question_type(get_text(r, 7));
    row.question.points = static_cast<int>(get_int(r, 8));
    row.question.is_required = get_bool(r, 9);
    row.help_text = get_opt_text(r, 10);
    row.help_text_ko = get_opt_text(r, 11);
    row.question.order = static_cast<int>(get_int(r, 12));
    row.question.is_active = get_bool(r, 13);
    row.question.depends_on_id = get_opt_int(r, 14);
    row.question.depends_on_choice_id = get_opt_int(r, 15);
    out.push_back(std::move(row));
  });
  attach_choices(sql, out);
  return out;
}

domain::McqBank load_mcq_bank(soci::session& sql) {
  domain::McqBank bank;
  for (auto& c : list_mcq_categories(sql, false)) bank.categories.push_back(std::move(c.category));
  for (auto& q : list_mcq_questions(sql, false)) bank.questions.push_back(std::move(q.question));
  return bank;
}

std::vector<StoredResponse> load_mcq_responses(soci::session& sql, std::int64_t assessment_id) {
  SqlParams p;
  std::vector<StoredResponse> out;
  std::map<std::int64_t, std::size_t> index;  // response id → position
  for_each_row(sql,
               "SELECT r.id, r.question_id, r.response_text, r.points_earned FROM mcq_responses r "
               "JOIN mcq_questions q ON q.id = r.question_id JOIN mcq_categories c ON c.id = q.category_id "
               "WHERE r.assessment_id = " + p.add(assessment_id) + " ORDER BY c.sort_order, q.sort_order, q.id",
               p, [&](const Row& r) {
                 index[get_int(r, 0)] = out.size();
                 out.push_back({{get_int(r, 1), {}, get_text(r, 2)}, static_cast<int>(get_int(r, 3))});
               });
  SqlParams p2;
  for_each_row(sql,
               "SELECT rc.response_id, rc.choice_id FROM mcq_response_choices rc JOIN mcq_responses r ON "
               "r.id = rc.response_id JOIN mcq_choices ch ON ch.id = rc.choice_id WHERE r.assessment_id = " +
                   p2.add(assessment_id) + " ORDER BY rc.response_id, ch.sort_order, ch.id",
               p2, [&](const Row& r) {
                 if (auto it = index.find(get_int(r, 0)); it != index.end())
                   out[it->second].response.selected_choice_ids.push_back(get_int(r, 1));
               });
  return out;
}

void delete_mcq_responses(soci::session& sql, std::int64_t assessment_id, const std::vector<std::int64_t>& question_ids,
                          bool all) {
  if (!all && question_ids.empty()) return;
  SqlParams p;
  std::string q = "DELETE FROM mcq_responses WHERE assessment_id = " + p.add(assessment_id);
  if (!all) {
    q += " AND question_id IN (";
    for (std::size_t i = 0; i < question_ids.size(); ++i) q += (i ? ", " : "") + p.add(question_ids[i]);
    q += ")";
  }
  execute(sql, q, p);  // their choices go through ON DELETE CASCADE
}

void insert_mcq_response(soci::session& sql, std::int64_t assessment_id, const domain::McqResponse& r, int points,
                         const std::string& now) {
  long long id = 0, assessment = assessment_id, question = r.question_id;
  OptionalParam<std::string> text(r.response_text.empty() ? std::nullopt : std::optional(r.response_text));
  sql << "INSERT INTO mcq_responses (assessment_id, question_id, response_text, points_earned, created_at, "
         "updated_at) VALUES (:a, :q, :t, :p, :n1, :n2) RETURNING id",
      soci::use(assessment), soci::use(question), soci::use(text.value, text.ind), soci::use(points), soci::use(now),
      soci::use(now), soci::into(id);
  for (auto choice : r.selected_choice_ids) {
    long long c = choice;
    sql << "INSERT INTO mcq_response_choices (response_id, choice_id) VALUES (:r, :c)", soci::use(id), soci::use(c);
  }
}

}  // namespace the5hc::store

namespace the5hc::store {

std::int64_t insert_mcq_category(soci::session& sql, const McqCategoryRow& c) {
  long long id = 0;
  int order = c.category.order, active = c.category.is_active ? 1 : 0;
  OptionalParam<std::string> d(c.description), dk(c.description_ko);
  sql << "INSERT INTO mcq_categories (code, name, name_ko, description, description_ko, weight, sort_order, "
         "is_active) VALUES (:c, :n, :nk, :d, :dk, :w, :o, :a) RETURNING id",
      soci::use(c.category.code), soci::use(c.category.name), soci::use(c.category.name_ko),
      soci::use(d.value, d.ind), soci::use(dk.value, dk.ind), soci::use(c.category.weight), soci::use(order),
      soci::use(active), soci::into(id);
  return id;
}

void update_mcq_category(soci::session& sql, const McqCategoryRow& c) {
  long long id = c.id;
  int order = c.category.order, active = c.category.is_active ? 1 : 0;
  OptionalParam<std::string> d(c.description), dk(c.description_ko);
  sql << "UPDATE mcq_categories SET code = :c, name = :n, name_ko = :nk, description = :d, description_ko = :dk, "
         "weight = :w, sort_order = :o, is_active = :a WHERE id = :id",
      soci::use(c.category.code), soci::use(c.category.name), soci::use(c.category.name_ko),
      soci::use(d.value, d.ind), soci::use(dk.value, dk.ind), soci::use(c.category.weight), soci::use(order),
      soci::use(active), soci::use(id);
}

void delete_mcq_category(soci::session& sql, std::int64_t id) {
  SqlParams p;
  execute(sql, "DELETE FROM mcq_categories WHERE id = " + p.add(id), p);
}

namespace {
// The columns of a question in insert/update order.
struct QuestionParams {
  explicit QuestionParams(const McqQuestionRow& r)
      : category(r.category_id), type(type_code(r.question.question_type)), points(r.question.points),
        required(r.question.is_required ? 1 : 0), order(r.question.order), active(r.question.is_active ? 1 : 0),
        help(r.help_text), help_ko(r.help_text_ko), depends_on(r.question.depends_on_id),
        depends_on_choice(r.question.depends_on_choice_id) {}
  long long category;
  std::string type;
  int points, required, order, active;
  OptionalParam<std::string> help, help_ko;
  OptionalParam<long long> depends_on, depends_on_choice;
};
}  // namespace

std::int64_t insert_mcq_question(soci::session& sql, const McqQuestionRow& r) {
  QuestionParams q(r);
  long long id = 0;
  sql << "INSERT INTO mcq_questions (category_id, question_text, question_text_ko, question_type, points, "
         "is_required, help_text, help_text_ko, sort_order, is_active, depends_on_id, depends_on_choice_id) "
         "VALUES (:c, :t, :tk, :ty, :p, :r, :h, :hk, :o, :a, :d, :dc) RETURNING id",
      soci::use(q.category), soci::use(r.question.question_text), soci::use(r.question.question_text_ko),
      soci::use(q.type), soci::use(q.points), soci::use(q.required), soci::use(q.help.value, q.help.ind),
      soci::use(q.help_ko.value, q.help_ko.ind), soci::use(q.order), soci::use(q.active),
      soci::use(q.depends_on.value, q.depends_on.ind), soci::use(q.depends_on_choice.value, q.depends_on_choice.ind),
      soci::into(id);
  return id;
}

void update_mcq_question(soci::session& sql, const McqQuestionRow& r) {
  QuestionParams q(r);
  long long id = r.question.id;
  sql << "UPDATE mcq_questions SET category_id = :c, question_text = :t, question_text_ko = :tk, question_type = :ty, "
         "points = :p, is_required = :r, help_text = :h, help_text_ko = :hk, sort_order = :o, is_active = :a, "
         "depends_on_id = :d, depends_on_choice_id = :dc WHERE id = :id",
      soci::use(q.category), soci::use(r.question.question_text), soci::use(r.question.question_text_ko),
      soci::use(q.type), soci::use(q.points), soci::use(q.required), soci::use(q.help.value, q.help.ind),
      soci::use(q.help_ko.value, q.help_ko.ind), soci::use(q.order), soci::use(q.active),
      soci::use(q.depends_on.value, q.depends_on.ind), soci::use(q.depends_on_choice.value, q.depends_on_choice.ind),
      soci::use(id);
}

void delete_mcq_question(soci::session& sql, std::int64_t id) {
  SqlParams p;
  execute(sql, "DELETE FROM mcq_questions WHERE id = " + p.add(id), p);  // choices go through ON DELETE CASCADE
}

void replace_mcq_choices(soci::session& sql, std::int64_t question_id, const std::vector<domain::McqChoice>& choices) {
  std::vector<std::int64_t> keep;
  for (const auto& c : choices)
    if (c.id) keep.push_back(c.id);
  SqlParams p;
  std::string del = "DELETE FROM mcq_choices WHERE question_id = " + p.add(question_id);
  if (!keep.empty()) del += " AND id NOT IN (" + id_list(p, keep) + ")";
  execute(sql, del, p);
  long long question = question_id;
  for (const auto& c : choices) {
    long long id = c.id;
    int correct = c.is_correct ? 1 : 0, risk = c.contributes_to_risk ? 1 : 0;
    OptionalParam<std::string> label(c.risk_label.empty() ? std::nullopt : std::optional(c.risk_label)),
        label_ko(c.risk_label_ko.empty() ? std::nullopt : std::optional(c.risk_label_ko));
    if (id)
      sql << "UPDATE mcq_choices SET choice_text = :t, choice_text_ko = :tk, points = :p, is_correct = :c, "
             "sort_order = :o, contributes_to_risk = :r, risk_weight = :w, risk_label = :l, risk_label_ko = :lk "
             "WHERE id = :id AND question_id = :q",
          soci::use(c.choice_text), soci::use(c.choice_text_ko), soci::use(c.points), soci::use(correct),
          soci::use(c.order), soci::use(risk), soci::use(c.risk_weight), soci::use(label.value, label.ind),
          soci::use(label_ko.value, label_ko.ind), soci::use(id), soci::use(question);
    else
      sql << "INSERT INTO mcq_choices (question_id, choice_text, choice_text_ko, points, is_correct, sort_order, "
             "contributes_to_risk, risk_weight, risk_label, risk_label_ko) VALUES (:q, :t, :tk, :p, :c, :o, :r, "
             ":w, :l, :lk)",
          soci::use(question), soci::use(c.choice_text), soci::use(c.choice_text_ko), soci::use(c.points),
          soci::use(correct), soci::use(c.order), soci::use(risk), soci::use(c.risk_weight),
          soci::use(label.value, label.ind), soci::use(label_ko.value, label_ko.ind);
  }
}

std::int64_t count_mcq_responses(soci::session& sql, std::int64_t id, bool category) {
  SqlParams p;
  return fetch_int(sql,
                   category ? "SELECT COUNT(*) FROM mcq_responses r JOIN mcq_questions q ON q.id = r.question_id "
                              "WHERE q.category_id = " + p.add(id)
                            : "SELECT COUNT(*) FROM mcq_responses WHERE question_id = " + p.add(id),
                   p);
}

std::int64_t count_selected_other_choices(soci::session& sql, std::int64_t question_id,
                                          const std::vector<std::int64_t>& keep) {
  SqlParams p;
  std::string q = "SELECT COUNT(*) FROM mcq_response_choices rc JOIN mcq_choices c ON c.id = rc.choice_id "
                  "WHERE c.question_id = " + p.add(question_id);
  if (!keep.empty()) q += " AND c.id NOT IN (" + id_list(p, keep) + ")";
  return fetch_int(sql, q, p);
}

}  // namespace the5hc::store
