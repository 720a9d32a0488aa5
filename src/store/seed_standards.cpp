#include "store/seed_standards.hpp"

#include <soci/soci.h>

#include <array>
#include <cmath>
#include <map>
#include <variant>

#include "domain/reference_data.hpp"
#include "store/query.hpp"
#include "store/row.hpp"

namespace the5hc::store {
namespace {

using Value = std::variant<std::int64_t, double, std::string>;

// One column of a seeded row. Text columns that are NULL in the table for "none" (conditions, risk labels) are
// written as NULLIF(value, '') and read back as "".
struct Col {
  const char* name;
  Value value;
  bool compared = true;  // part of DOMAIN.md §3 (an edit the seed reports or resets)
  bool nullable = false;
};

struct Seeded {  // one seeded row
  std::vector<Col> key;     // the stable key
  std::vector<Col> values;  // everything else
};

bool same(const Row& r, std::size_t i, const Value& v) {
  if (auto n = std::get_if<std::int64_t>(&v)) return get_int(r, i) == *n;
  if (auto d = std::get_if<double>(&v)) return std::fabs(get_real(r, i) - *d) < 1e-9;
  return get_text(r, i) == std::get<std::string>(v);
}

std::string bind(SqlParams& p, const Col& c) {
  std::string placeholder = std::visit([&](const auto& v) { return p.add(v); }, c.value);
  return c.nullable ? "NULLIF(" + placeholder + ", '')" : placeholder;
}

std::string where_key(SqlParams& p, const Seeded& row) {
  std::string where;
  for (const auto& k : row.key) {
    std::string col = k.nullable ? "coalesce(" + std::string(k.name) + ", '')" : std::string(k.name);
    where += (where.empty() ? "" : " AND ") + col + " = " + std::visit([&](const auto& v) { return p.add(v); }, k.value);
  }
  return where;
}

// Inserts or (with reset) updates one row; returns its id (0 in a dry run when the row would be inserted).
std::int64_t upsert(soci::session& sql, const char* table, const Seeded& row, const SeedOptions& o, SeedCounts& counts,
                    bool parent_missing = false) {
  std::int64_t id = 0;
  bool found = false, equal = true;
  if (!parent_missing) {
    SqlParams p;
    std::string cols;
    for (const auto& c : row.values) cols += std::string(", ") + c.name;
    for_each_row(sql, "SELECT id" + cols + " FROM " + table + " WHERE " + where_key(p, row), p,
                 [&](const Row& r) {
                   found = true;
                   id = get_int(r, 0);
                   for (std::size_t i = 0; i < row.values.size(); ++i)
                     if (row.values[i].compared && !same(r, i + 1, row.values[i].value)) equal = false;
                 });
  }
  if (!found) {
    ++counts.inserted;
    if (o.dry_run) return 0;
    SqlParams p;
    std::string names, values;
    for (const auto* part : {&row.key, &row.values})
      for (const auto& c : *part) {
        names += (names.empty() ? "" : ", ") + std::string(c.name);
        values += (values.empty() ? "" : ", ") + bind(p, c);
      }
    return fetch_int(sql, std::string("INSERT INTO ") + table + " (" + names + ") VALUES (" + values + ") RETURNING id",
                     p);
  }
  if (equal) {
    ++counts.unchanged;
  } else if (!o.reset) {
    ++counts.unchanged;
    ++counts.differing;
  } else {
    ++counts.updated;
    if (!o.dry_run) {
      SqlParams p;
      std::string set;
      for (const auto& c : row.values) set += (set.empty() ? "" : ", ") + std::string(c.name) + " = " + bind(p, c);
      execute(sql, std::string("UPDATE ") + table + " SET " + set + " WHERE id = " + p.add(id), p);
    }
  }
  return id;
}

std::int64_t flag(bool b) { return b ? 1 : 0; }
std::string text(char c) { return std::string(1, c); }

// Stable codes of the seeded questions by their number in DOMAIN.md §3.3 (migration 0002 inserted them so).
constexpr std::array<const char*, 6> kQuestionCodes{"strength_training_frequency", "sleep_hours", "fitness_goal",
                                                    "smoking", "recovery_nutrients", "goal_confidence"};

const char* type_name(domain::QuestionType t) {
  switch (t) {
    case domain::QuestionType::multiple: return "multiple";
    case domain::QuestionType::scale: return "scale";
    case domain::QuestionType::text: return "text";
    default: return "single";
  }
}

}  // namespace

std::vector<SeedCounts> seed_reference_data(Database& db, const SeedOptions& o) {
  return db.write([&](soci::session& sql) {
    std::vector<SeedCounts> out;
    if (o.standards) {
      SeedCounts c{"test_standards"};
      for (const auto& s : domain::builtin_test_standards())
        upsert(sql, "test_standards",
               {{{"test_type", s.test_type}, {"gender", text(s.gender)}, {"age_min", std::int64_t{s.age_min}},
                 {"age_max", std::int64_t{s.age_max}}, {"conditions", s.conditions, true, true}},
                {{"metric", s.metric}, {"excellent", s.excellent}, {"good", s.good}, {"average", s.average},
                 {"name_ko", s.name_ko}, {"is_active", flag(s.is_active)}}},
               o, c);
      out.push_back(c);
    }
    if (o.norms) {
      SeedCounts c{"normative_data"};
      for (const auto& n : domain::builtin_normative_data())
        upsert(sql, "normative_data",
               {{{"test_type", n.test_type}, {"gender", text(n.gender)}, {"age_min", std::int64_t{n.age_min}},
                 {"age_max", std::int64_t{n.age_max}}},
                {{"p10", n.p10}, {"p25", n.p25}, {"p50", n.p50}, {"p75", n.p75}, {"p90", n.p90}, {"source", n.source},
                 {"year", std::int64_t{n.year}}, {"sample_size", std::int64_t{n.sample_size}}}},
               o, c);
      out.push_back(c);
    }
    if (o.mcq) {
      const auto& bank = domain::builtin_mcq_bank();
      SeedCounts cats{"mcq_categories"}, questions{"mcq_questions"}, choices{"mcq_choices"};
      std::map<std::string, std::int64_t> category_ids;
      for (const auto& cat : bank.categories)
        category_ids[cat.code] =
            upsert(sql, "mcq_categories",
                   {{{"code", cat.code}},
                    {{"name", cat.name, false}, {"name_ko", cat.name_ko}, {"weight", cat.weight},
                     {"sort_order", std::int64_t{cat.order}}, {"is_active", flag(cat.is_active)}}},
                   o, cats);
      for (const auto& q : bank.questions) {
        if (q.order < 1 || q.order > static_cast<int>(kQuestionCodes.size())) continue;
        std::int64_t qid = upsert(
            sql, "mcq_questions",
            {{{"code", std::string(kQuestionCodes[q.order - 1])}},
             {{"category_id", category_ids[q.category_code]}, {"question_text", q.question_text, false},
              {"question_text_ko", q.question_text_ko}, {"question_type", std::string(type_name(q.question_type))},
              {"points", std::int64_t{q.points}}, {"is_required", flag(q.is_required)},
              {"sort_order", std::int64_t{q.order}}, {"is_active", flag(q.is_active)}}},
            o, questions, category_ids[q.category_code] == 0);
        for (const auto& ch : q.choices)
          upsert(sql, "mcq_choices",
                 {{{"question_id", qid}, {"sort_order", std::int64_t{ch.order}}},
                  {{"choice_text", ch.choice_text, false}, {"choice_text_ko", ch.choice_text_ko},
                   {"points", std::int64_t{ch.points}}, {"is_correct", flag(ch.is_correct)},
                   {"contributes_to_risk", flag(ch.contributes_to_risk)}, {"risk_weight", ch.risk_weight},
                   {"risk_label", ch.risk_label, true, true}, {"risk_label_ko", ch.risk_label_ko, true, true}}},
                 o, choices, qid == 0);
      }
      out.insert(out.end(), {cats, questions, choices});
    }
    return out;
  });
}

}  // namespace the5hc::store
