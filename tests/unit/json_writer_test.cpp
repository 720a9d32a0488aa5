// JsonWriter (common/json_text.hpp) writes what nlohmann-json would: the hot API responses moved to it must read
// the same to every client.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "common/json_text.hpp"
#include "common/json_tree.hpp"

namespace the5hc {
namespace {

std::string nlohmann_text(double v) { return nlohmann::json(v).dump(); }
std::string writer_text(double v) { return JsonWriter().value(v).take(); }

TEST(JsonWriter, DoublesPrintAsNlohmannPrintsThem) {
  for (double v : {0.0, 1.0, -1.0, 70.0, 175.5, 22.857142857142858, 0.1, 0.30000000000000004, 1e-4, 0.00012345,
                   123456789.125, 99999999999999.0, -3.25, 1e-7, 1e20, 2.5e-10})
    EXPECT_EQ(writer_text(v), nlohmann_text(v)) << v;
  // the figures the API prints most (whole, one or two decimals) and their neighbours, both signs
  for (long long units = -200000; units <= 200000; units += 7)
    for (double scale : {1.0, 10.0, 100.0, 1000.0}) {
      const double v = static_cast<double>(units) / scale;
      ASSERT_EQ(writer_text(v), nlohmann_text(v)) << v;
      // a neighbour takes the general path: the shortest digits that read back the same (nlohmann's grisu2 may
      // print one digit more there, e.g. -8189.5999999999995 for -8189.599999999999)
      const double next = std::nextafter(v, 1e300);
      ASSERT_EQ(nlohmann::json::parse(writer_text(next)).get<double>(), next) << writer_text(next);
      ASSERT_LE(writer_text(next).size(), nlohmann_text(next).size()) << next;
    }
  for (double v : {-0.0, 999999999.99, 1e9 + 0.5, 0.01, 0.005, 4503599627370.5, 123456.78})
    EXPECT_EQ(writer_text(v), nlohmann_text(v)) << v;
  EXPECT_EQ(writer_text(std::nan("")), "null");
  EXPECT_EQ(writer_text(std::numeric_limits<double>::infinity()), "null");
}

TEST(JsonWriter, NestedStructureIsValidJsonWithTheGivenValues) {
  JsonWriter w;
  w.begin_object()
      .field("id", 7)
      .field("name", std::string("김철수 \"Kim\"\n"))
      .field("email", std::optional<std::string>())
      .field("score", std::optional<double>(81.5))
      .field("active", true)
      .key("items")
      .begin_array()
      .value(std::int64_t{-9007199254740993})
      .begin_object()
      .end_object()
      .begin_array()
      .end_array()
      .end_array()
      .field("bad", std::string("a\xff" "b"))
      .end_object();
  auto parsed = nlohmann::json::parse(w.text());
  EXPECT_EQ(parsed["id"], 7);
  EXPECT_EQ(parsed["name"], "김철수 \"Kim\"\n");
  EXPECT_TRUE(parsed["email"].is_null());
  EXPECT_EQ(parsed["score"], 81.5);
  EXPECT_EQ(parsed["active"], true);
  EXPECT_EQ(parsed["items"][0], -9007199254740993LL);
  EXPECT_TRUE(parsed["items"][1].is_object() && parsed["items"][1].empty());
  EXPECT_TRUE(parsed["items"][2].is_array() && parsed["items"][2].empty());
  EXPECT_EQ(parsed["bad"], "a\xEF\xBF\xBD" "b");  // invalid UTF-8 becomes U+FFFD, as dump_json does
  EXPECT_EQ(w.text().find('\n'), std::string::npos);  // compact, like the rest of the API
}

TEST(JsonWriter, EmptyContainersAndTopLevelValues) {
  EXPECT_EQ(JsonWriter().begin_array().end_array().take(), "[]");
  EXPECT_EQ(JsonWriter().begin_object().end_object().take(), "{}");
  EXPECT_EQ(JsonWriter().value("x").take(), "\"x\"");
  EXPECT_EQ(JsonWriter().begin_array().value(1).value(2).null().end_array().take(), "[1,2,null]");
}

TEST(JsonWriter, KeysAreWrittenAsGiven) {
  EXPECT_EQ(JsonWriter().begin_object().field("latest_overall_score", 81.0).end_object().take(),
            R"({"latest_overall_score":81.0})");
}

// Every byte value at every position of strings longer than one 8-byte step, on plain ASCII and on Korean: the
// writer skips plain runs 8 bytes at a time, and a byte to escape or replace must be found wherever it falls.
TEST(JsonWriter, EveryByteIsEscapedOrReplacedWhereverItFalls) {
  // What the writer must give for one byte b: itself, its escape, or U+FFFD when it cannot stand alone in UTF-8.
  auto expected_for = [](unsigned char b) -> std::string {
    switch (b) {
      case '"': return "\\\"";
      case '\\': return "\\\\";
      case '\n': return "\\n";
      case '\r': return "\\r";
      case '\t': return "\\t";
      case '\b': return "\\b";
      case '\f': return "\\f";
    }
    if (b < 0x20 || b == 0x7f) {
      static const char hex[] = "0123456789abcdef";
      return std::string("\\u00") + hex[b >> 4] + hex[b & 15];
    }
    if (b >= 0x80) return "\xEF\xBF\xBD";
    return std::string(1, static_cast<char>(b));
  };
  for (const std::string& base : {std::string("2026-12-05T10:00:00+09:00 a@b.kr"), std::string("김민수 박서연 이지은 최")}) {
    for (std::size_t at = 0; at <= base.size(); ++at)
      for (int b = 0; b < 256; ++b) {
        if (at < base.size() && (static_cast<unsigned char>(base[at]) & 0xC0) == 0x80) continue;  // between characters
        std::string s = base.substr(0, at) + static_cast<char>(b) + base.substr(at);
        const std::string want = "\"" + base.substr(0, at) + expected_for(static_cast<unsigned char>(b)) +
                                 base.substr(at) + "\"";
        ASSERT_EQ(json_quote(s), want) << "byte " << b << " at " << at;
      }
    EXPECT_EQ(json_quote(base), "\"" + base + "\"");
  }
}

// json_text(tree) is what every API response built as an nlohmann tree now goes through (http::dump_json).
TEST(JsonTree, WritesWhatNlohmannDumpWrites) {
  nlohmann::json tree = {
      {"id", 7}, {"big", 18446744073709551615ULL}, {"negative", -9007199254740993LL}, {"score", 81.5},
      {"whole", 70.0}, {"tiny", 1e-7}, {"huge", 1e20}, {"none", nullptr}, {"yes", true}, {"no", false},
      {"name", "김철수 \"Kim\"\n\t\\ \x01"}, {"키 \"escaped\"", "value"},
      {"items", {1, 2.25, "셋", nullptr, nlohmann::json::array(), nlohmann::json::object(), {{"b", 1}, {"a", 2}}}},
      {"empty", nlohmann::json::object()}};
  EXPECT_EQ(json_text(tree), tree.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  EXPECT_EQ(json_text(nlohmann::json(std::string("a\xff" "b"))), "\"a\xEF\xBF\xBD" "b\"");  // invalid UTF-8 → U+FFFD
  EXPECT_EQ(json_text(nlohmann::json(std::nan(""))), "null");
  // runs of Korean, ASCII and escapes mixed, an invalid byte inside a run and a sequence cut short at the end
  EXPECT_EQ(json_quote("김민수 \"abc\" 이\x80서\t\x7f끝\xea\xb9"), "\"김민수 \\\"abc\\\" 이\xEF\xBF\xBD서\\t\\u007f끝\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(json_text(nlohmann::json(-0.0)), nlohmann::json(-0.0).dump());
}

}  // namespace
}  // namespace the5hc
