#pragma once
// Assessment use cases (DOMAIN.md §1.6, §2, §9; API.md §3.2): every write runs the scoring engine in the same
// transaction with the reference data and questionnaire bank of the database, so an owner's edits count.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "domain/evaluation.hpp"
#include "domain/permissions.hpp"
#include "service/context.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/mcq.hpp"
#include "store/reports.hpp"

namespace soci {
class session;
}

namespace the5hc::service {

// Reference data as the tables hold it, in the shape the engine takes.
struct LoadedReference {
  std::vector<domain::TestStandard> standards;
  std::vector<domain::NormativeRow> norms;
  domain::McqBank bank;
  domain::ReferenceData ref() const { return {&standards, &norms, &bank}; }
};
// Shared, never copied: the set is hundreds of rows (scoring and every assessment view read it).
std::shared_ptr<const LoadedReference> load_reference(soci::session& sql);

// What a write body carries besides the test inputs.
struct AssessmentDraft {
  std::optional<std::int64_t> client_id, trainer_id;
  std::optional<std::string> date;
  domain::AssessmentInput input;
  bool touches_tests = true;  // false when only date, trainer and notes were given (legacy rows stay legacy)
  // Type errors found while reading the body; reported together with the range checks, replacing them per field.
  FieldErrors input_errors;
};

// An assessment as shown: the row (id 0 for a preview), the evaluation to render and the organisation's zone.
struct AssessmentView {
  store::Assessment row;
  domain::Evaluation evaluation;
  std::string zone;
};

struct AssessmentQuery {
  std::vector<std::string> search;
  std::optional<std::int64_t> client_id, trainer_id;
  std::optional<std::string> date_from, date_to, push_up_type, test_environment, risk_level, score_range;
  std::optional<std::string> strength_range, mobility_range;  // the bands of score_range (web list)
  std::optional<bool> has_variations, is_complete, is_legacy;
  store::Sort<store::AssessmentSort> sort;  // empty: latest first
  int limit = 20, offset = 0;
  bool with_overview = false;  // the web list: average overall score and the visible clients for its filter
};

struct AssessmentList {
  std::int64_t count = 0;
  std::vector<store::Assessment> results;
  std::string zone;
  std::optional<double> average_overall;  // with_overview only
  std::vector<store::Client> clients;     // with_overview only: the visible clients by name
};

AssessmentList list_assessments(const Context& ctx, const AssessmentQuery& q);
// The client's assessments, newest first (API.md §3.1 nested array).
AssessmentList client_assessments(const Context& ctx, std::int64_t client_id);
AssessmentView get_assessment(const Context& ctx, std::int64_t id);
// The view of a row the caller already may show (a client's share link): no permission check here.
AssessmentView assessment_view(soci::session& sql, const Context& ctx, const store::Assessment& a);
AssessmentView create_assessment(const Context& ctx, const AssessmentDraft& draft);
AssessmentView preview_assessment(const Context& ctx, const AssessmentDraft& draft);
// The preview of an edit (the web form of a stored assessment): scored as update_assessment would score it, with
// the stored snapshot of the client's age and weight and the stored questionnaire answers; nothing is written.
AssessmentView preview_assessment_update(const Context& ctx, std::int64_t id, const AssessmentDraft& draft);
// PUT/PATCH: `read_draft` reads the write body over the stored input (what a PATCH starts from); it is called once
// the assessment is found and may be edited, so an invisible one is 404 before anything about the body.
using DraftReader = std::function<AssessmentDraft(const domain::AssessmentInput& stored)>;
AssessmentView update_assessment(const Context& ctx, std::int64_t id, const DraftReader& read_draft);
void delete_assessment(const Context& ctx, std::int64_t id);

struct Comparison {
  AssessmentView current, previous;
  int days_between = 0;
};
Comparison compare_with_previous(const Context& ctx, std::int64_t id);
// 2–5 visible assessments, of any clients, in the given order (DOMAIN.md §9 compare); 400 otherwise, 404 for any
// invisible or unknown id.
std::vector<AssessmentView> compare_assessments(const Context& ctx, const std::vector<std::int64_t>& ids);

// Everything the web detail page shows (WEB.md §4.4), read in one transaction: the assessment, the previous one
// of the same client (radar), its generated reports (newest first) and the questionnaire's categories.
struct AssessmentOverview {
  AssessmentView view;
  std::optional<AssessmentView> previous;
  std::vector<store::Report> reports;
  std::vector<store::McqCategoryRow> mcq_categories;  // active, in order
};
AssessmentOverview assessment_overview(const Context& ctx, std::int64_t id);

// What the web form needs (WEB.md §4.4 form): the visible clients for the select, the client named by ?client= or
// the edited assessment's, the edited assessment, and today in the organisation's zone (the date's maximum).
struct AssessmentFormData {
  std::vector<store::Client> clients;
  std::optional<store::Client> client;
  std::optional<AssessmentView> assessment;
  std::string today;
};
AssessmentFormData assessment_form(const Context& ctx, std::optional<std::int64_t> client_id,
                                   std::optional<std::int64_t> assessment_id);

// The visible assessment for the action (its client's visibility), else 404 / 403.
store::Assessment visible_assessment(soci::session& sql, const Context& ctx, std::int64_t id, domain::Action action);

// Rescoring of one stored row with today's rules (recalculate, MCQ changes): legacy rows are rescored from their
// raw inputs with recorded scores kept as manual ones (DOMAIN.md §2.6). Returns the write to store.
store::AssessmentWrite rescore(soci::session& sql, const store::Assessment& row, const LoadedReference& ref,
                               const std::string& now);

}  // namespace the5hc::service
