#include <gtest/gtest.h>

#include "common/embedded.hpp"
#include "common/i18n.hpp"

using namespace the5hc;

TEST(HttpI18n, NegotiatesEnglishOnlyWhenRankedAboveKorean) {
  EXPECT_EQ(i18n::negotiate(""), Lang::ko);
  EXPECT_EQ(i18n::negotiate("en"), Lang::en);
  EXPECT_EQ(i18n::negotiate("en-US"), Lang::en);
  EXPECT_EQ(i18n::negotiate("EN-gb"), Lang::en);
  EXPECT_EQ(i18n::negotiate("ko"), Lang::ko);
  EXPECT_EQ(i18n::negotiate("fr"), Lang::ko);
  EXPECT_EQ(i18n::negotiate("fr-FR,fr;q=0.9,en;q=0.8"), Lang::en);  // en is the best of the two we have
  EXPECT_EQ(i18n::negotiate("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7"), Lang::ko);
  EXPECT_EQ(i18n::negotiate("en-US,en;q=0.9,ko;q=0.8"), Lang::en);
  EXPECT_EQ(i18n::negotiate("ko;q=0.5, en;q=0.6"), Lang::en);
  EXPECT_EQ(i18n::negotiate("ko;q=0.6, en;q=0.5"), Lang::ko);
  EXPECT_EQ(i18n::negotiate("en;q=0"), Lang::ko);            // q=0 means "not acceptable"
  EXPECT_EQ(i18n::negotiate("en;q=0.5, ko;q=0.5"), Lang::en);  // equal weight: the earlier wins
  EXPECT_EQ(i18n::negotiate("ko;q=0.5, en;q=0.5"), Lang::ko);
  EXPECT_EQ(i18n::negotiate("*"), Lang::ko);
  EXPECT_EQ(i18n::negotiate("en;q=0.3, *;q=0.3"), Lang::en);  // explicit en beats the wildcard standing in for ko
  EXPECT_EQ(i18n::negotiate("english"), Lang::ko);            // not an en tag
  EXPECT_EQ(i18n::negotiate("en;q=abc, ko"), Lang::ko);
  EXPECT_EQ(i18n::negotiate(" , ;q=1, en ;q=1.0 "), Lang::en);
}

TEST(HttpI18n, ParsesLanguageCodes) {
  EXPECT_EQ(i18n::parse("en_US.UTF-8"), Lang::en);
  EXPECT_EQ(i18n::parse("ko_KR.UTF-8"), Lang::ko);
  EXPECT_EQ(i18n::parse("C", Lang::en), Lang::en);
}

TEST(HttpI18n, EmbeddedCatalogTranslatesStandardMessages) {
  ASSERT_TRUE(embedded::find("locale/ko/LC_MESSAGES/the5hc.po").has_value());
  EXPECT_GT(i18n::catalog_size(), 20u);
  EXPECT_EQ(i18n::tr(Lang::ko, "Not found."), "찾을 수 없습니다.");
  EXPECT_EQ(i18n::tr(Lang::en, "Not found."), "Not found.");
  EXPECT_EQ(i18n::tr(Lang::ko, "You do not have permission to perform this action."), "이 작업을 수행할 권한이 없습니다.");
  EXPECT_EQ(i18n::tr(Lang::ko, "Authentication credentials were not provided."), "자격 인증 정보가 제공되지 않았습니다.");
  EXPECT_EQ(i18n::tr(Lang::ko, "URL must end with '/'."), "URL은 '/'로 끝나야 합니다.");
  EXPECT_EQ(i18n::tr(Lang::ko, "No such message id."), "No such message id.");
}

TEST(HttpI18n, SubstitutesEncodedArgumentsAndExtraParams) {
  std::string m = i18n::args("Ensure this value is less than or equal to {n}.", {{"n", "120"}});
  EXPECT_EQ(i18n::msgid_of(m), "Ensure this value is less than or equal to {n}.");
  EXPECT_EQ(i18n::translate(Lang::ko, m), "120 이하여야 합니다.");
  EXPECT_EQ(i18n::translate(Lang::en, m), "Ensure this value is less than or equal to 120.");
  EXPECT_EQ(i18n::translate(Lang::ko, "Request was throttled. Expected available in {n} seconds.", {{"n", "30"}}),
            "요청이 너무 많습니다. 30초 후에 다시 시도하세요.");
  // A value containing a placeholder-like text is not expanded again.
  EXPECT_EQ(i18n::translate(Lang::en, i18n::args("\"{v}\" is not a valid choice.", {{"v", "{v}"}})),
            "\"{v}\" is not a valid choice.");
}

TEST(HttpI18n, ValuesAreInsertedOnceAndNeverExpandedAgain) {
  // A value that looks like a placeholder stays literal; the sequential in-place replace expanded it (and grew
  // quadratically on fuzz_po_catalog's input: 3 s for 1 KB).
  EXPECT_EQ(i18n::translate(Lang::en, i18n::args("\"{v}\" and {n}", {{"v", "{n}"}, {"n", "x"}})), "\"{n}\" and x");
  EXPECT_EQ(i18n::translate(Lang::en, i18n::args("{{n}} {open", {{"n", "1"}})), "{1} {open");
  std::string many;
  for (int i = 0; i < 300; ++i) many += "{v}";
  std::string value;
  for (int i = 0; i < 300; ++i) value += "{p}";
  auto out = i18n::translate(Lang::en, i18n::args(many, {{"v", value}}), {{"p", std::string(1000, 'x')}});
  EXPECT_EQ(out.size(), 300u * value.size());  // the extra value is not put into the inserted ones
}

TEST(HttpI18n, PoParserHandlesContinuationsEscapesFuzzyAndContext) {
  auto cat = i18n::parse_po(R"PO(
# comment
msgid ""
msgstr "Header: x\n"

msgid "Line one "
"and two"
msgstr "첫 줄 "
"둘째 줄"

#, fuzzy
msgid "Fuzzy"
msgstr "퍼지"

msgid "Untranslated"
msgstr ""

msgctxt "menu"
msgid "Open"
msgstr "열기"

msgid "Quote \"q\" and\ttab"
msgstr "따옴표 \"q\"\\"

msgid "One file"
msgid_plural "{n} files"
msgstr[0] "파일 {n}개"
)PO");
  EXPECT_EQ(cat.at("Line one and two"), "첫 줄 둘째 줄");
  EXPECT_FALSE(cat.count("Fuzzy"));
  EXPECT_FALSE(cat.count("Untranslated"));
  EXPECT_FALSE(cat.count(""));
  EXPECT_EQ(cat.at(std::string("menu\x04Open")), "열기");
  EXPECT_EQ(cat.at("Quote \"q\" and\ttab"), "따옴표 \"q\"\\");
  EXPECT_EQ(cat.at("One file"), "파일 {n}개");
  EXPECT_THROW(i18n::parse_po("msgid \"unterminated\nmsgstr \"x\""), std::runtime_error);
  EXPECT_THROW(i18n::parse_po("garbage\n"), std::runtime_error);
}
