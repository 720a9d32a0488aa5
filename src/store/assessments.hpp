#pragma once
// Assessments (DOMAIN.md §1.6): the only SQL touching the assessments table. Rows are read back into the domain's
// input (manual scores only, so rescoring recomputes the rest) and the stored results.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/evaluation.hpp"
#include "store/sort.hpp"

namespace soci {
class session;
}

namespace the5hc::store {

struct AssessmentMeta {
  std::int64_t organization_id = 0, client_id = 0, trainer_id = 0;
  std::string date;
  int client_age = 0;
  double client_weight = 0;
};

// What a write stores: the inputs, the evaluation's results and their JSON renderings.
struct AssessmentWrite {
  AssessmentMeta meta;
  domain::AssessmentInput input;
  domain::Evaluation evaluation;
  std::string risk_factors_json = "[]", mcq_category_scores_json = "{}";
  std::string scored_at{};  // {}: initialisers that omit it stay free of -Wmissing-field-initializers
};

// Results as stored (legacy rows keep what the legacy application recorded).
struct StoredResults {
  domain::AssessmentScores scores;
  std::optional<double> injury_risk_physical, injury_risk_mcq, injury_risk_score;
  std::optional<std::string> injury_risk_level;
  std::string risk_factors_json = "[]", mcq_category_scores_json = "{}";
  std::optional<double> knowledge_score, lifestyle_score, readiness_score, comprehensive_score;
};

struct Assessment {
  std::int64_t id = 0;
  AssessmentMeta meta;
  domain::AssessmentInput input;  // *_score set only for manual scores (shoulder mobility: always)
  StoredResults results;
  std::optional<std::int64_t> harvard_step_test_legacy_hr;
  bool is_legacy = false;
  std::optional<std::string> scored_at;
  std::optional<std::int64_t> created_by_id;
  std::string created_at, updated_at;
  // joined
  std::string client_name, client_gender, trainer_name;
  std::int64_t client_trainer_id = 0;
};

struct AssessmentFilter {
  std::optional<std::int64_t> organization_id;
  std::optional<std::int64_t> only_client_trainer_id;  // visibility: clients of this trainer
  std::vector<std::string> search;                     // client name, notes
  std::optional<std::int64_t> client_id, trainer_id;
  std::optional<std::string> date_from, date_to, push_up_type, test_environment, risk_level;
  std::optional<bool> has_variations, is_complete, is_legacy;
  std::optional<std::pair<double, double>> overall_range;  // [min, max)
  std::optional<std::pair<double, double>> strength_range, mobility_range;  // [min, max), the web list's bands
};

enum class AssessmentSort { date, overall_score, injury_risk_score, created_at, id };
// `sort` empty: latest date first, then latest recorded.
std::vector<Assessment> list_assessments(soci::session& sql, const AssessmentFilter& f,
                                         const Sort<AssessmentSort>& sort, int limit, int offset);
std::int64_t count_assessments(soci::session& sql, const AssessmentFilter& f);
// The mean overall score of the filtered rows that have one (the web list's stat card); nullopt when none has.
std::optional<double> average_overall_score(soci::session& sql, const AssessmentFilter& f);
std::optional<Assessment> find_assessment(soci::session& sql, std::int64_t id);
// The assessment before this one of the same client: latest earlier date, or the same date and a lower id.
std::optional<std::int64_t> previous_assessment_id(soci::session& sql, const Assessment& a);

// The row a write stores (not legacy), created by `created_by` now.
Assessment assessment_row(const AssessmentWrite& w, std::optional<std::int64_t> created_by, const std::string& now);
class RowBatches;
// Every column of the row but the id. The batched form is the legacy import's; the single insert returns what
// find_assessment(sql, <its id>) would, without reading the row back (the group-commit writer answers every create
// with it: issue 11): the columns as written, the joined names read in one small query.
std::int64_t insert_assessment(RowBatches& batches, const Assessment& a);
Assessment insert_assessment_read_back(soci::session& sql, const Assessment& a);
// Replaces every input and result column and clears is_legacy.
void update_assessment(soci::session& sql, std::int64_t id, const AssessmentWrite& w, const std::string& now);
// Only date, trainer and notes (an edit that keeps a legacy row's recorded scores, DOMAIN.md §2.6).
void update_assessment_meta(soci::session& sql, std::int64_t id, const std::string& date, std::int64_t trainer_id,
                            const std::optional<std::string>& notes, const std::string& now);
void delete_assessment(soci::session& sql, std::int64_t id);

// Ids for `the5hc recalculate`, ascending, after `after_id`, at most `limit`.
std::vector<std::int64_t> assessment_ids(soci::session& sql, std::optional<std::int64_t> organization_id,
                                         bool include_legacy, std::int64_t after_id, int limit);

}  // namespace the5hc::store
