#pragma once
// Money (DOMAIN.md §4): integer KRW and basis-point rates; Korean prices include VAT. No floating point here.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/label.hpp"

namespace the5hc::domain {

using Krw = std::int64_t;

enum class PaymentMethod { cash, card, transfer, other };

inline constexpr int default_vat_rate_bp = 1000;      // 10 %
inline constexpr int default_card_fee_rate_bp = 350;  // 3.5 %
inline constexpr Krw max_amount = 1'000'000'000'000;  // 10¹²: keeps 2 × G × rate inside 64 bits

struct FeeBreakdown {
  Krw gross = 0, vat = 0, card_fee = 0, net = 0;
  int vat_rate_bp = 0, card_fee_rate_bp = 0;
  PaymentMethod method = PaymentMethod::card;
  Krw supply_value() const { return gross - vat; }  // 공급가액
};

std::optional<PaymentMethod> parse_payment_method(std::string_view code);
const Label& payment_method_label(PaymentMethod m);  // cash 현금 / card 카드 / transfer 계좌이체 / other 기타

// VAT = round0(G × v / (10000 + v)); card fee = round0(G × c / 10000) for card only; net = G − VAT − fee.
// Throws Error (validation) for gross outside 1 … 10¹², VAT rate outside 0–5000 bp or card rate outside 0–2000 bp.
FeeBreakdown fee_breakdown(Krw gross, PaymentMethod method, int vat_rate_bp = default_vat_rate_bp,
                           int card_fee_rate_bp = default_card_fee_rate_bp);

// "300,000" — amounts as shown in lists, PDFs and notifications ("₩{amount}").
std::string format_thousands(Krw amount);

// round0(total / count) for summaries ("평균"); 0 when there is nothing to average.
Krw average_amount(Krw total, std::int64_t count);

}  // namespace the5hc::domain
