#include "domain/client_rules.hpp"

#include <cctype>

#include "domain/messages.hpp"
#include "domain/rounding.hpp"

namespace the5hc::domain {

std::optional<double> bmi(double height_cm, double weight_kg) {
  if (height_cm <= 0 || weight_kg <= 0) return std::nullopt;
  double m = height_cm / 100.0;
  return round1(weight_kg / (m * m));
}

namespace {
// Upper bounds (exclusive) of the categories in order; severely obese has none.
constexpr double kBmiUpper[] = {18.5, 23, 25, 30};
}  // namespace

BmiCategory bmi_category(double b) {
  for (int i = 0; i < 4; ++i)
    if (b < kBmiUpper[i]) return static_cast<BmiCategory>(i);
  return BmiCategory::severely_obese;
}

std::pair<double, double> bmi_category_range(BmiCategory c) {
  auto i = static_cast<int>(c);
  return {i == 0 ? 0.0 : kBmiUpper[i - 1], i == 4 ? 1000.0 : kBmiUpper[i]};
}

namespace {
constexpr std::array<Label, 5> bmi_labels{{{"underweight", "저체중", "Underweight"},
                                           {"normal", "정상", "Normal"},
                                           {"overweight", "과체중", "Overweight"},
                                           {"obese", "비만", "Obese"},
                                           {"severely_obese", "고도비만", "Severely obese"}}};
constexpr std::array<Label, 2> gender_labels{{{"male", "남성", "Male"}, {"female", "여성", "Female"}}};
}  // namespace

const Label& bmi_category_label(BmiCategory c) { return label_of(bmi_labels, c); }
std::optional<BmiCategory> parse_bmi_category(std::string_view code) { return parse_code<BmiCategory>(bmi_labels, code); }

std::optional<std::string> format_phone(std::string_view raw) {
  std::string d;
  for (char c : raw)
    if (c >= '0' && c <= '9') d += c;
  if ((d.size() != 10 && d.size() != 11) || d.compare(0, 2, "01") != 0) return std::nullopt;
  std::size_t middle = d.size() == 11 ? 4 : 3;
  return d.substr(0, 3) + "-" + d.substr(3, middle) + "-" + d.substr(3 + middle);
}

std::optional<Gender> parse_gender(std::string_view code) { return parse_code<Gender>(gender_labels, code); }

const Label& gender_label(Gender g) { return label_of(gender_labels, g); }

std::string trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool is_valid_email(std::string_view email) {
  auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : email)
    if (std::isspace(static_cast<unsigned char>(c))) return false;
  auto domain = email.substr(at + 1);
  auto dot = domain.rfind('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size();
}

FieldErrors validate_client(const ClientInput& in) {
  FieldErrors e;
  std::string name = trim(in.name);
  if (name.empty())
    e["name"].push_back("Please enter a name.");  // 이름을 입력해주세요.
  else if (char_count(name) < 2 || char_count(name) > 200)
    e["name"].push_back("Name must be at least 2 characters.");  // 이름은 최소 2자 이상이어야 합니다.
  if (!in.age || *in.age < 1 || *in.age > 120)
    e["age"].push_back("Age must be between 1 and 120.");  // 나이는 1세 이상 120세 이하여야 합니다.
  if (!in.gender || !parse_gender(*in.gender))
    e["gender"].push_back("Please select a gender.");  // 성별을 선택해주세요.
  bool height_ok = in.height && *in.height >= 50 && *in.height <= 300;
  bool weight_ok = in.weight && *in.weight >= 20 && *in.weight <= 500;
  if (!height_ok)
    e["height"].push_back("Height must be between 50 cm and 300 cm.");  // 키는 50cm 이상 300cm 이하여야 합니다.
  if (!weight_ok)
    e["weight"].push_back("Weight must be between 20 kg and 500 kg.");  // 몸무게는 20kg 이상 500kg 이하여야 합니다.
  if (height_ok && weight_ok) {
    double b = *bmi(*in.height, *in.weight);
    if (b < 10 || b > 50)
      // 키와 몸무게를 확인해주세요. (BMI {x})
      e["non_field_errors"].push_back(fill("Please check the height and weight. (BMI {x})", {{"x", format1(b)}}));
  }
  if (in.phone && !trim(*in.phone).empty() && !format_phone(*in.phone))
    e["phone"].push_back("Enter a valid phone number.");  // 올바른 전화번호 형식이 아닙니다.
  if (in.email && !trim(*in.email).empty() && !is_valid_email(trim(*in.email)))
    e["email"].push_back("Enter a valid email address.");  // 올바른 이메일 주소를 입력해주세요.
  return e;
}

}  // namespace the5hc::domain
