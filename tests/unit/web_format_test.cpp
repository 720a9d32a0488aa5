// Formatting of the web UI (WEB.md §8), the catalog's completeness for the templates, and the export bytes (§6).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>
#include <set>
#include <sstream>

#include "common/i18n.hpp"
#include "service/spreadsheet.hpp"
#include "web/format.hpp"
#include "web/view.hpp"

namespace the5hc::web {
namespace {

using namespace std::chrono_literals;

TEST(WebFormat, MoneyIsWonWithSeparatorsInBothLanguages) {
  EXPECT_EQ(money(1234567), "₩1,234,567");
  EXPECT_EQ(money(0), "₩0");
  EXPECT_EQ(money(-1000), "-₩1,000");
}

// Found by fuzz_templates (issue 17): -won overflowed for the most negative amount (undefined behaviour).
TEST(WebFormat, MoneyOfTheMostNegativeAmount) {
  EXPECT_EQ(money(std::numeric_limits<std::int64_t>::min()), "-₩9,223,372,036,854,775,808");
}

TEST(WebFormat, DatesPerLanguage) {
  EXPECT_EQ(long_date("2025-06-09", Lang::ko), "2025년 06월 09일");
  EXPECT_EQ(long_date("2025-06-09", Lang::en), "Jun 9, 2025");
  EXPECT_EQ(local_date_time("2025-06-09 05:07:00", "Asia/Seoul"), "2025-06-09 14:07");
}

TEST(WebFormat, RelativeTimesHaveEnglishPlurals) {
  auto now = *parse_timestamp("2025-06-09 12:00:00");
  EXPECT_EQ(relative_time(now - 3h, now, Lang::ko), "3시간 전");
  EXPECT_EQ(relative_time(now - 1h, now, Lang::en), "1 hour ago");
  EXPECT_EQ(relative_time(now - 3h, now, Lang::en), "3 hours ago");
  EXPECT_EQ(relative_time(now - 48h, now, Lang::ko), "2일 전");
  EXPECT_EQ(relative_time(now - 1min, now, Lang::en), "1 minute ago");
  EXPECT_EQ(relative_time(now - 10s, now, Lang::ko), "방금 전");
}

TEST(WebCatalog, EveryTemplateTextHasAKoreanTranslation) {
  std::set<std::string> missing;
  for (const auto& msgid : template_msgids())
    if (i18n::tr(Lang::ko, msgid) == msgid) missing.insert(msgid);
  EXPECT_TRUE(missing.empty()) << "untranslated: " << *missing.begin();
}

// WEB.md §1 / OPERATIONS.md §4: the strict CSP allows no inline script, so no template may contain a <script> body,
// an on*= handler, hx-on or a javascript: URL (the browser tests catch violations on the pages they visit; this
// covers every template).
TEST(WebTemplates, NoInlineScriptOrEventHandlerAnywhere) {
  const std::regex handler(R"(<[^>]*\s(on[a-z]+|hx-on[:-][^=\s]*)\s*=)", std::regex::icase);
  const std::regex inline_script(R"(<script(?![^>]*\bsrc=)[^>]*>)", std::regex::icase);
  const std::regex js_url(R"((href|src|action)\s*=\s*["']?\s*javascript:)", std::regex::icase);
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(THE5HC_SOURCE_DIR) + "/templates")) {
    if (entry.path().extension() != ".html") continue;
    ++files;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string html = text.str();
    EXPECT_FALSE(std::regex_search(html, handler)) << entry.path();
    EXPECT_FALSE(std::regex_search(html, inline_script)) << entry.path();
    EXPECT_FALSE(std::regex_search(html, js_url)) << entry.path();
  }
  EXPECT_GT(files, 40);
}

TEST(WebTemplates, TextIsEscapedAndTranslated) {
  std::string html = render("clients/_field_check", {{"message", "<b>&"}, {"warning", true}}, Lang::ko);
  EXPECT_NE(html.find("&lt;b&gt;&amp;"), std::string::npos) << html;
  EXPECT_NE(html.find("field-warning"), std::string::npos);
}

TEST(Spreadsheet, CsvHasBomCrlfQuotingAndFormulaGuard) {
  service::Table t{"s", {"이름", "점수"}, {}};
  t.rows.push_back({{std::string("=SUM(A1)")}, {service::Cell::Decimal1{82.46}}});
  t.rows.push_back({{std::string("a \"b\", c")}, {}});
  std::string csv = service::to_csv(t);
  EXPECT_EQ(csv, "\xEF\xBB\xBF이름,점수\r\n'=SUM(A1),82.5\r\n\"a \"\"b\"\", c\",\r\n");
}

TEST(Spreadsheet, XlsxIsAZipWorkbook) {
  service::Table t{"회원 목록", {"Name", "Date"}, {{{std::string("Kim")}, {service::Cell::Day{"2025-06-09"}}}}};
  std::string bytes = service::to_xlsx(t);
  ASSERT_GT(bytes.size(), 100u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
}

}  // namespace
}  // namespace the5hc::web
