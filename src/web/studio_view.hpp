#pragma once
// The view model the package, session and payment pages share (WEB.md §4.5): rows of the three lists, the fee
// breakdown box, the choice lists of the forms and the reading of money fields. Pure functions of their input.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "domain/label.hpp"
#include "domain/money.hpp"
#include "http/message.hpp"
#include "service/studio.hpp"
#include "store/packages.hpp"
#include "store/payments.hpp"
#include "store/sessions.hpp"
#include "web/view.hpp"

namespace the5hc::web {

std::string label(const domain::Label& l, Lang lang);

// 공급가액, 부가세, 카드 수수료 (card only), 실 수령액 as ₩ texts, with the rates ("10%", "3.5%").
json fee_json(const domain::FeeBreakdown& b);

// A package as its list row, detail cards and client page show it, with 소진률 and the renewal flag.
json package_json(const store::Package& p, const std::string& zone, Lang lang);
// A session row; `actions` when the caller may act on it (scheduled).
json session_json(const store::Session& s, Lang lang);
json payment_json(const store::Payment& p, Lang lang);

// <option>s: payment methods (card first), the clients of a form, a client's packages for booking or payment.
json method_options(const std::string& selected, Lang lang);
json client_options(const std::vector<service::ClientChoice>& clients, std::optional<std::int64_t> selected);
json package_options(const std::vector<store::Package>& packages, std::optional<std::int64_t> selected, Lang lang);

// The amount and payment method fields with the live fee preview (templates/packages/_money_fields.html,
// _fee_box.html): the amount field's name, its translated label, the typed values and the amount's error.
json money_fields(const char* field, const std::string& label, const http::QueryParams& f, const json& errors, Lang lang);

// The errors of a rejected form as the templates show them, with the summary "입력 내용을 확인해주세요."; anything
// but a validation error is thrown on (called inside the catch block).
json rejected_form(const Error& e, Lang lang);

// A won amount typed into a form ("600000" or "600,000"); nullopt (and an error under `field`) otherwise. Empty
// and optional → nullopt without error.
std::optional<domain::Krw> won(const http::QueryParams& f, const char* field, bool required, FieldErrors& errors);
// A whole number field (sessions, minutes), the same way.
std::optional<int> whole(const http::QueryParams& f, const char* field, bool required, FieldErrors& errors);
// The form's payment method; card when absent or unknown.
domain::PaymentMethod method_of(const http::QueryParams& f, const char* field = "payment_method");

}  // namespace the5hc::web
