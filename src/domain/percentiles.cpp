#include "domain/percentiles.hpp"

#include <algorithm>
#include <cmath>

#include "domain/rounding.hpp"

namespace the5hc::domain {

const NormativeRow* find_norm(const std::vector<NormativeRow>& rows, const std::string& test_type,
                              std::optional<Gender> gender, std::optional<int> age) {
  if (!age) return nullptr;
  return find_by_gender(rows, gender, [&](const NormativeRow& r) {
    return r.test_type == test_type && r.age_min <= *age && *age <= r.age_max;
  });
}

double percentile_of(const NormativeRow& row, double value) {
  const double points[] = {row.p10, row.p25, row.p50, row.p75, row.p90};
  const double ranks[] = {10, 25, 50, 75, 90};
  if (value <= points[0]) return 10;
  if (value >= points[4]) return 90;
  for (int i = 0; i < 4; ++i)
    if (value <= points[i + 1]) {
      double width = points[i + 1] - points[i];
      // a flat segment (equal points) can only be reached at its right end
      double fraction = width > 0 ? (value - points[i]) / width : 1.0;
      return round1(ranks[i] + fraction * (ranks[i + 1] - ranks[i]));
    }
  return 90;
}

namespace {

std::optional<Percentile> percentile_for(const std::vector<NormativeRow>& rows, const std::string& test_type,
                                         std::optional<double> measure, const char* unit, const ClientFacts& client) {
  if (!measure) return std::nullopt;
  const auto* row = find_norm(rows, test_type, client.gender, client.age);
  if (!row) return std::nullopt;
  double p = percentile_of(*row, *measure);
  return Percentile{*measure, unit, p, round1(100 - p), row->source, row->year};
}

// The overall rows of the gender (else `A`), ordered by age.
std::vector<const NormativeRow*> overall_bands(const std::vector<NormativeRow>& rows, std::optional<Gender> gender) {
  std::vector<const NormativeRow*> bands;
  for (char g : {gender ? gender_code(*gender) : 'A', 'A'}) {
    for (const auto& r : rows)
      if (r.test_type == "overall" && r.gender == g) bands.push_back(&r);
    if (!bands.empty()) break;
  }
  std::ranges::sort(bands, {}, &NormativeRow::age_min);
  return bands;
}

struct Interpretation {
  double min_difference;
  const char *code, *ko, *en;
};
constexpr Interpretation interpretations[] = {
    {10, "much_younger", "매우 우수 (10년 이상 젊음)", "Excellent (10+ years younger)"},
    {5, "younger", "우수 (5-10년 젊음)", "Very good (5-10 years younger)"},
    {0, "slightly_younger", "양호 (0-5년 젊음)", "Good (0-5 years younger)"},
    {-5, "slightly_older", "평균 (0-5년 나이 많음)", "Average (0-5 years older)"},
    {-10, "older", "개선 필요 (5-10년 나이 많음)", "Needs improvement (5-10 years older)"},
};
constexpr Interpretation much_older{-1e9, "much_older", "즉각적 개선 필요 (10년 이상 나이 많음)",
                                    "Immediate improvement needed (10+ years older)"};

}  // namespace

Percentiles compute_percentiles(const AssessmentInput& in, const AssessmentScores& s, const ClientFacts& client,
                                const std::vector<NormativeRow>& rows) {
  Percentiles p;
  std::optional<double> reps;
  if (in.push_up_reps && in.push_up_type == PushUpType::standard) reps = *in.push_up_reps;
  p.push_up = percentile_for(rows, "push_up", reps, "reps", client);
  p.harvard_step = percentile_for(rows, "harvard_step", s.harvard_step_test_pfi, "pfi", client);
  p.farmer_carry = percentile_for(rows, "farmer_carry", s.farmer_carry_percentage, "%BW", client);
  p.overall = percentile_for(rows, "overall", s.overall_score, "points", client);
  return p;
}

std::optional<PerformanceAge> performance_age(std::optional<double> overall, const ClientFacts& client,
                                              const std::vector<NormativeRow>& rows) {
  if (!overall || !client.age || !find_norm(rows, "overall", client.gender, client.age)) return std::nullopt;
  auto bands = overall_bands(rows, client.gender);
  if (bands.empty()) return std::nullopt;
  double v = *overall;
  std::optional<double> age;
  for (const auto* b : bands)
    if ((b->p25 <= v && v <= b->p75) || std::fabs(v - b->p50) < 5) {
      age = (b->age_min + b->age_max) / 2.0;
      break;
    }
  if (!age && v > bands.front()->p75) age = bands.front()->age_min;
  if (!age && v < bands.back()->p25) age = bands.back()->age_max;
  if (!age) return std::nullopt;
  PerformanceAge result{*client.age, *age, round1(*client.age - *age), "", "", ""};
  const Interpretation* chosen = &much_older;
  for (const auto& i : interpretations)
    if (result.age_difference >= i.min_difference) {
      chosen = &i;
      break;
    }
  result.interpretation_code = chosen->code;
  result.interpretation_ko = chosen->ko;
  result.interpretation_en = chosen->en;
  return result;
}

}  // namespace the5hc::domain
