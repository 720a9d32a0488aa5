#include "domain/money.hpp"

#include <cstdint>
#include <string>

#include "common/error.hpp"
#include "domain/rounding.hpp"

namespace the5hc::domain {

namespace {
constexpr std::array<Label, 4> method_labels{{{"cash", "현금", "Cash"},
                                              {"card", "카드", "Card"},
                                              {"transfer", "계좌이체", "Bank transfer"},
                                              {"other", "기타", "Other"}}};
}  // namespace

std::optional<PaymentMethod> parse_payment_method(std::string_view code) {
  return parse_code<PaymentMethod>(method_labels, code);
}

const Label& payment_method_label(PaymentMethod m) { return label_of(method_labels, m); }

FeeBreakdown fee_breakdown(Krw gross, PaymentMethod method, int vat_rate_bp, int card_fee_rate_bp) {
  FieldErrors errors;
  if (gross < 1 || gross > max_amount)
    errors["gross"].push_back("Amount must be between 1 and 1000000000000.");  // 금액은 1 이상 1000000000000 이하여야 합니다.
  if (vat_rate_bp < 0 || vat_rate_bp > 5000)
    // 부가세율은 0 이상 5000bp 이하여야 합니다.
    errors["vat_rate_bp"].push_back("VAT rate must be between 0 and 5000 basis points.");
  if (card_fee_rate_bp < 0 || card_fee_rate_bp > 2000)
    errors["card_fee_rate_bp"].push_back(
        "Card fee rate must be between 0 and 2000 basis points.");  // 카드 수수료율은 0 이상 2000bp 이하여야 합니다.
  if (!errors.empty()) throw Error::validation(std::move(errors));

  FeeBreakdown b;
  b.gross = gross;
  b.method = method;
  b.vat_rate_bp = vat_rate_bp;
  b.card_fee_rate_bp = card_fee_rate_bp;
  b.vat = round_div(gross * vat_rate_bp, 10000 + vat_rate_bp);
  b.card_fee = method == PaymentMethod::card ? round_div(gross * card_fee_rate_bp, 10000) : 0;
  b.net = gross - b.vat - b.card_fee;
  return b;
}

std::string format_thousands(Krw amount) {
  // The magnitude in unsigned arithmetic: -amount overflows for the most negative value.
  std::uint64_t magnitude = amount < 0 ? 0 - static_cast<std::uint64_t>(amount) : static_cast<std::uint64_t>(amount);
  std::string digits = std::to_string(magnitude);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return amount < 0 ? "-" + out : out;
}

Krw average_amount(Krw total, std::int64_t count) {
  if (count <= 0) return 0;
  return total >= 0 ? round_div(total, count) : -round_div(-total, count);
}

}  // namespace the5hc::domain
