// Client validation, BMI and phone formatting (DOMAIN.md §8, §12 #47, #49).
#include <gtest/gtest.h>

#include "common/i18n.hpp"

#include "domain/client_rules.hpp"

namespace the5hc::domain {
namespace {

// §12 #47
TEST(Bmi, WorkedExamples) {
  struct Case {
    double height, weight, bmi;
    BmiCategory category;
    const char* label;
  };
  const Case cases[] = {{175, 70, 22.9, BmiCategory::normal, "정상"},
                        {160, 80, 31.3, BmiCategory::severely_obese, "고도비만"},
                        {180, 60, 18.5, BmiCategory::normal, "정상"},
                        {165, 62.6, 23.0, BmiCategory::overweight, "과체중"}};
  for (const auto& c : cases) {
    auto b = bmi(c.height, c.weight);
    ASSERT_TRUE(b);
    EXPECT_DOUBLE_EQ(*b, c.bmi);
    EXPECT_EQ(bmi_category(*b), c.category);
    EXPECT_STREQ(bmi_category_label(bmi_category(*b)).ko, c.label);
  }
}

TEST(Bmi, CategoryBoundaries) {
  EXPECT_EQ(bmi_category(18.4), BmiCategory::underweight);
  EXPECT_EQ(bmi_category(18.5), BmiCategory::normal);
  EXPECT_EQ(bmi_category(22.9), BmiCategory::normal);
  EXPECT_EQ(bmi_category(23.0), BmiCategory::overweight);
  EXPECT_EQ(bmi_category(24.9), BmiCategory::overweight);
  EXPECT_EQ(bmi_category(25.0), BmiCategory::obese);
  EXPECT_EQ(bmi_category(29.9), BmiCategory::obese);
  EXPECT_EQ(bmi_category(30.0), BmiCategory::severely_obese);
  EXPECT_STREQ(bmi_category_label(BmiCategory::severely_obese).code, "severely_obese");
  EXPECT_STREQ(bmi_category_label(BmiCategory::underweight).en, "Underweight");
  EXPECT_FALSE(bmi(0, 70));
}

// §12 #49
TEST(Phone, WorkedExamples) {
  EXPECT_EQ(format_phone("01012345678"), "010-1234-5678");
  EXPECT_EQ(format_phone("011 234 5678"), "011-234-5678");
  EXPECT_FALSE(format_phone("010-12"));
  EXPECT_EQ(format_phone("010-1234-5678"), "010-1234-5678");
  EXPECT_FALSE(format_phone("02-123-4567"));    // not a mobile number
  EXPECT_FALSE(format_phone("010123456789"));  // 12 digits
  EXPECT_FALSE(format_phone("021234567"));
  EXPECT_FALSE(format_phone(""));
}

ClientInput valid_client() { return {"김철수", 35, "male", 175.0, 70.0, "01012345678", "kim@example.com"}; }

TEST(ClientValidation, ValidClientHasNoErrors) { EXPECT_TRUE(validate_client(valid_client()).empty()); }

TEST(ClientValidation, Name) {
  auto c = valid_client();
  c.name = "  ";
  EXPECT_EQ(validate_client(c).at("name").front(), "Please enter a name.");
  c.name = " 김 ";  // one character after trimming (Korean counts as one)
  EXPECT_EQ(validate_client(c).at("name").front(), "Name must be at least 2 characters.");
  c.name = "김철";
  EXPECT_FALSE(validate_client(c).count("name"));
  c.name = std::string(200, 'a');
  EXPECT_FALSE(validate_client(c).count("name"));
  c.name = std::string(201, 'a');
  EXPECT_TRUE(validate_client(c).count("name"));
}

TEST(ClientValidation, RangesAtTheirEdges) {
  auto c = valid_client();
  for (int age : {1, 120}) {
    c.age = age;
    EXPECT_FALSE(validate_client(c).count("age")) << age;
  }
  for (int age : {0, 121}) {
    c.age = age;
    EXPECT_TRUE(validate_client(c).count("age")) << age;
  }
  c = valid_client();
  c.height = 49.9;
  EXPECT_TRUE(validate_client(c).count("height"));
  c.height = 300.1;
  EXPECT_TRUE(validate_client(c).count("height"));
  c = valid_client();
  c.weight = 19.9;
  EXPECT_TRUE(validate_client(c).count("weight"));
  c.weight = 500.1;
  EXPECT_TRUE(validate_client(c).count("weight"));
  c = valid_client();
  c.gender = "other";
  EXPECT_TRUE(validate_client(c).count("gender"));
  c.gender.reset();
  EXPECT_TRUE(validate_client(c).count("gender"));
}

TEST(ClientValidation, BmiMustBePlausible) {
  auto c = valid_client();
  c.height = 300;
  c.weight = 20;  // BMI 2.2
  EXPECT_EQ(the5hc::i18n::translate(the5hc::Lang::en, validate_client(c).at("non_field_errors").front()), "Please check the height and weight. (BMI 2.2)");
  c.height = 100;
  c.weight = 50;  // BMI 50.0 — allowed
  EXPECT_TRUE(validate_client(c).empty());
  c.weight = 50.1;
  EXPECT_TRUE(validate_client(c).count("non_field_errors"));
}

TEST(ClientValidation, OptionalContactFields) {
  auto c = valid_client();
  c.phone = "010-12";
  EXPECT_EQ(validate_client(c).at("phone").front(), "Enter a valid phone number.");
  c.phone = "";
  EXPECT_FALSE(validate_client(c).count("phone"));
  c.phone.reset();
  c.email = "not-an-email";
  EXPECT_TRUE(validate_client(c).count("email"));
  c.email = "a@b";
  EXPECT_TRUE(validate_client(c).count("email"));
  c.email = "a b@c.kr";
  EXPECT_TRUE(validate_client(c).count("email"));
  c.email = " kim@example.co.kr ";
  EXPECT_FALSE(validate_client(c).count("email"));
}

TEST(Text, TrimAndCount) {
  EXPECT_EQ(trim("  a b \n"), "a b");
  EXPECT_EQ(char_count("김철수"), 3u);
  EXPECT_EQ(char_count("abc"), 3u);
  EXPECT_EQ(parse_gender("female"), Gender::female);
  EXPECT_FALSE(parse_gender("여성"));
}

}  // namespace
}  // namespace the5hc::domain

namespace the5hc::domain {
namespace {

TEST(Labels, CodesRoundTrip) {
  for (auto g : {Gender::male, Gender::female}) EXPECT_EQ(parse_gender(gender_label(g).code), g);
  EXPECT_STREQ(gender_label(Gender::female).ko, "여성");
}

TEST(ClientRules, BmiCategoryRangesMatchTheCategories) {
  for (auto c : {BmiCategory::underweight, BmiCategory::normal, BmiCategory::overweight, BmiCategory::obese,
                 BmiCategory::severely_obese}) {
    auto [lo, hi] = bmi_category_range(c);
    EXPECT_EQ(bmi_category(lo), c);
    EXPECT_EQ(bmi_category(hi - 0.1), c);
    if (c != BmiCategory::underweight) {
      EXPECT_NE(bmi_category(lo - 0.1), c);
    }
    EXPECT_EQ(parse_bmi_category(bmi_category_label(c).code), c);
  }
  EXPECT_FALSE(parse_bmi_category("huge"));
}

}  // namespace
}  // namespace the5hc::domain
