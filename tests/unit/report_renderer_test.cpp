// The PDF report as a reader gets it (WEB.md §7): poppler's pdfinfo and pdftotext read the rendered bytes, so the
// checks cover page size, page count, embedded fonts and that every Korean word is real, selectable text.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "report/pdf_report.hpp"
#include "support/report_samples.hpp"

namespace {

using the5hc::Lang;
using the5hc::report::render_report;
using the5hc::report::ReportModel;

std::string run(const std::string& command) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe.get())) out.append(buf, n);
  return out;
}

struct Read {
  the5hc::report::RenderedReport rendered;
  std::string info, text;
};

Read read(const ReportModel& model) {
  static int counter = 0;
  auto path = std::filesystem::temp_directory_path() /
              ("the5hc-report-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".pdf");
  Read r{render_report(model), "", ""};
  std::ofstream(path, std::ios::binary) << r.rendered.pdf;
  r.info = run("pdfinfo " + path.string() + " 2>&1");
  r.text = run("pdftotext -layout " + path.string() + " - 2>&1");
  std::filesystem::remove(path);
  return r;
}

bool has(const std::string& text, const std::string& word) { return text.find(word) != std::string::npos; }

const char* kKoreanSections[] = {"체력 평가 보고서", "회원 정보", "종합 점수", "카테고리 균형", "카테고리별 점수",
                                 "세부 측정 결과", "부상 위험도", "백분위 및 체력 나이", "개선 제안사항",
                                 "맞춤형 운동 프로그램", "중간 점검", "재평가 예정"};

TEST(ReportRenderer, IsA4WithOneOrTwoPagesAndEverySectionAsText) {
  auto r = read(the5hc::testing::sample_report());
  EXPECT_TRUE(has(r.info, "595.276 x 841.89 pts (A4)")) << r.info;
  EXPECT_GE(r.rendered.pages, 1);
  EXPECT_LE(r.rendered.pages, 2);
  EXPECT_TRUE(has(r.info, "Pages:           " + std::to_string(r.rendered.pages))) << r.info;
  for (const char* title : kKoreanSections) EXPECT_TRUE(has(r.text, title)) << title;
  EXPECT_TRUE(has(r.text, "김민지"));
  EXPECT_TRUE(has(r.text, "더파이브 헬스케어 강남점 체력 평가 보고서"));
  EXPECT_TRUE(has(r.text, "평가일 2026년 11월 20일 | 담당: 박준형"));
  // follow-up dates: + 45 and + 90 days; page numbers "1 / 2"
  EXPECT_TRUE(has(r.text, "2027.01.04"));
  EXPECT_TRUE(has(r.text, "2027.02.18"));
  std::string compact = r.text;  // pdftotext drops the spaces of "1 / 2"
  std::erase(compact, ' ');
  EXPECT_TRUE(has(compact, "1/" + std::to_string(r.rendered.pages)));
  // no questionnaire answers → no questionnaire section
  EXPECT_FALSE(has(r.text, "종합 건강 설문"));
}

TEST(ReportRenderer, ShowsScoresGradesAndManualMarks) {
  auto model = the5hc::testing::sample_report();
  auto r = read(model);
  const auto& s = model.evaluation.scores;
  ASSERT_TRUE(s.overall_score && s.strength_score);
  char overall[16];
  std::snprintf(overall, sizeof overall, "%.1f", *s.overall_score);
  EXPECT_TRUE(has(r.text, overall));
  EXPECT_TRUE(has(r.text, "3 (수동)")) << "the push-up score was entered by the trainer";
  EXPECT_TRUE(has(r.text, "1/3")) << "shoulder mobility is shown out of 3";
  EXPECT_TRUE(has(r.text, "개선 필요"));
  EXPECT_TRUE(has(r.text, "주 3회 이상 근력 운동 실시")) << "strength below 60 has its suggestions";
  EXPECT_TRUE(has(r.text, "기초 체력 구축 및 운동 적응 단계"));
  EXPECT_TRUE(has(r.text, "무릎 푸시업으로 진행")) << "test notes are printed under the table";
}

TEST(ReportRenderer, EmbedsBothNanumGothicFacesAsSubsets) {
  auto r = render_report(the5hc::testing::sample_report());
  auto fonts = the5hc::report::embedded_fonts(r.pdf);
  for (const char* face : the5hc::report::kReportFonts)
    EXPECT_NE(std::find(fonts.begin(), fonts.end(), face), fonts.end()) << face;
  EXPECT_EQ(std::count_if(fonts.begin(), fonts.end(), [](const std::string& f) { return f.find("Nanum") == 0; }),
            static_cast<long>(fonts.size()))
      << "no substituted font";
  EXPECT_TRUE(the5hc::report::report_fonts_embedded()) << "what `the5hc check` asks (E009)";
}

TEST(ReportRenderer, QuestionnaireSectionOnlyWithAnswers) {
  auto r = read(the5hc::testing::sample_report(Lang::ko, true));
  EXPECT_LE(r.rendered.pages, 2);
  EXPECT_TRUE(has(r.text, "종합 건강 설문"));
  EXPECT_TRUE(has(r.text, "종합 건강 점수")) << "the comprehensive score replaces the overall one";
  EXPECT_TRUE(has(r.text, "위험 요소"));
  EXPECT_TRUE(has(r.text, "규칙적인 수면 습관을 유지하세요"));
}

TEST(ReportRenderer, TwoPageReportsFillThePageBeforeBreaking) {
  // a section that does not fit continues on page 2 from a row boundary instead of leaving page 1 half empty
  for (auto lang : {Lang::ko, Lang::en})
    for (bool questionnaire : {false, true}) {
      auto r = render_report(the5hc::testing::sample_report(lang, questionnaire));
      if (r.pages < 2) continue;
      EXPECT_GE(r.first_page_filled, 0.9) << "lang " << static_cast<int>(lang) << " questionnaire " << questionnaire;
    }
}

TEST(ReportRenderer, EnglishReportHasTheSameSectionsInEnglish) {
  auto r = read(the5hc::testing::sample_report(Lang::en, true));
  for (const char* title : {"Fitness Assessment Report", "Client", "Health score", "Category scores", "Detailed results",
                            "Injury risk", "Percentiles and performance age", "Health questionnaire",
                            "Improvement suggestions", "12-week programme", "Check-in", "Re-assessment"})
    EXPECT_TRUE(has(r.text, title)) << title;
  EXPECT_TRUE(has(r.text, "Strength training at least 3 times a week"));
  EXPECT_FALSE(has(r.text, "개선 제안사항"));
  EXPECT_TRUE(has(r.text, "김민지")) << "names stay as written";
}

TEST(ReportRenderer, IncompleteAssessmentSaysSoAndMarksTestsNotPerformed) {
  auto r = read(the5hc::testing::incomplete_report());
  EXPECT_TRUE(has(r.text, "미완료 평가"));
  EXPECT_TRUE(has(r.text, "측정 안 함"));
  for (const char* title : kKoreanSections) EXPECT_TRUE(has(r.text, title)) << title;
}

TEST(ReportRenderer, LegacyAssessmentShowsRecordedScoresWithoutRiskFactors) {
  auto r = read(the5hc::testing::legacy_report());
  EXPECT_TRUE(has(r.text, "이영희"));
  EXPECT_TRUE(has(r.text, "24.0"));
  EXPECT_TRUE(has(r.text, "이전 시스템 기록"));
  EXPECT_TRUE(has(r.text, "0/3"));
  EXPECT_LE(r.rendered.pages, 2);
}

TEST(ReportRenderer, VeryLongNameAndNotesStayInsideTheirBoxes) {
  auto model = the5hc::testing::sample_report();
  std::string long_name;
  for (int i = 0; i < 12; ++i) long_name += "김수한무거북이와두루미";
  model.client_name = long_name;
  model.organization_name = "아주아주아주아주 긴 이름을 가진 체력 단련 스튜디오 서울특별시 강남구 테헤란로 본점";
  std::string note;
  for (int i = 0; i < 60; ++i) note += "매우 긴 메모입니다. ";
  model.input.notes = note;
  model.input.push_up_notes = note;
  model.input.toe_touch_notes = note;
  auto r = read(model);
  EXPECT_LE(r.rendered.pages, 2);
  EXPECT_FALSE(has(r.text, long_name)) << "the name is cut to two lines, not printed whole";
  EXPECT_TRUE(has(r.text, "김수한무거북이와두루미"));
  EXPECT_TRUE(has(r.text, "체력 평가 보고서")) << "the title keeps its end";
  EXPECT_FALSE(has(r.text, note)) << "a 60-sentence note is cut, not printed whole";
}

}  // namespace
