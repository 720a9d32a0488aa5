#pragma once
// Editing the questionnaire bank (API.md §3.3, DOMAIN.md §1.7), platform superuser only: categories keep the
// active-weight sum of 0.40, questions are written with their whole list of choices, and nothing that answers
// already point at is deleted (deactivate instead). Every change is audited in its transaction.
#include <cstdint>
#include <functional>

#include "service/context.hpp"
#include "store/mcq.hpp"

namespace the5hc::service {

// `edit` fills the new category (create) or changes the stored one (update) inside the transaction.
using McqCategoryEdit = std::function<void(store::McqCategoryRow&)>;
using McqQuestionEdit = std::function<void(store::McqQuestionRow&)>;

store::McqCategoryRow create_mcq_category(const Context& ctx, const McqCategoryEdit& edit);
store::McqCategoryRow update_mcq_category(const Context& ctx, std::int64_t id, const McqCategoryEdit& edit);
void delete_mcq_category(const Context& ctx, std::int64_t id);

store::McqQuestionRow create_mcq_question(const Context& ctx, const McqQuestionEdit& edit);
store::McqQuestionRow update_mcq_question(const Context& ctx, std::int64_t id, const McqQuestionEdit& edit);
void delete_mcq_question(const Context& ctx, std::int64_t id);

}  // namespace the5hc::service
