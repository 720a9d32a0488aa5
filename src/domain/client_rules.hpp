#pragma once
// Client validation, BMI and phone formatting (DOMAIN.md §8).
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/error.hpp"
#include "domain/assessment.hpp"
#include "domain/label.hpp"

namespace the5hc::domain {

enum class BmiCategory { underweight, normal, overweight, obese, severely_obese };

// round1(weight / (height / 100)²); NULL unless both are positive.
std::optional<double> bmi(double height_cm, double weight_kg);
// From the rounded BMI: < 18.5, < 23, < 25, < 30, else severely obese.
BmiCategory bmi_category(double rounded_bmi);
const Label& bmi_category_label(BmiCategory c);  // underweight 저체중 … severely_obese 고도비만
std::optional<BmiCategory> parse_bmi_category(std::string_view code);
// [min, max) of the rounded BMI in the category (list filters); severely obese ends at 1000.
std::pair<double, double> bmi_category_range(BmiCategory c);

// "01012345678" → "010-1234-5678", "011 234 5678" → "011-234-5678"; NULL unless 10–11 digits starting with 01.
std::optional<std::string> format_phone(std::string_view raw);

std::optional<Gender> parse_gender(std::string_view code);  // male / female
const Label& gender_label(Gender g);                        // male 남성 / female 여성

// Trims ASCII white space at both ends.
std::string trim(std::string_view s);
// Length in characters (UTF-8 code points).
std::size_t char_count(std::string_view s);
// A plausible address: one @, a non-empty local part, a dotted domain, no spaces.
bool is_valid_email(std::string_view email);

struct ClientInput {
  std::string name;
  std::optional<int> age;
  std::optional<std::string> gender;  // code as given
  std::optional<double> height;       // cm
  std::optional<double> weight;       // kg
  std::optional<std::string> phone;
  std::optional<std::string> email;
};

// Field errors of DOMAIN.md §8 (uniqueness of the e-mail and the same-name warning need the store).
FieldErrors validate_client(const ClientInput& in);

}  // namespace the5hc::domain
