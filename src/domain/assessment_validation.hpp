#pragma once
// Range checks of the assessment inputs (DOMAIN.md §1.6, §9). Field errors are keyed by the API field name and
// carry English msgids; the Korean text of the spec is kept next to each for the translation catalog.
#include <chrono>

#include "common/error.hpp"
#include "domain/assessment.hpp"

namespace the5hc::domain {

FieldErrors validate_assessment_input(const AssessmentInput& in);

// Measurements keep one decimal (DOMAIN.md §0): round1 every time, distance, load, %BW, duration and temperature.
// Manual scores are left alone so that a value like 2.55 is reported, not silently changed.
void round_measurements(AssessmentInput& in);

// "평가 날짜는 미래일 수 없습니다."
FieldErrors validate_assessment_date(std::chrono::sys_days date, std::chrono::sys_days today);

}  // namespace the5hc::domain
