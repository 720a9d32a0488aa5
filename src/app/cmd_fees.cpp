// `the5hc fees` — the fee breakdown of DOMAIN.md §4 for one gross amount (OPERATIONS.md §2).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli.hpp"
#include "domain/money.hpp"

namespace the5hc::cli {

namespace {

// Options are taken as text and converted here so that a bad value gives the same one-line error as a value out
// of range ("--gross: A valid integer is required.").
struct FeesOptions {
  std::string gross, method = "card", vat_bp = "1000", card_bp = "350";
};

std::optional<std::int64_t> parse_integer(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

int run_fees(const FeesOptions& o) {
  FieldErrors errors;
  auto integer = [&](const char* option, const std::string& text) -> std::int64_t {
    auto v = parse_integer(text);
    if (!v) errors[option].push_back("A valid integer is required.");  // 유효한 정수를 입력하세요.
    return v.value_or(0);
  };
  std::int64_t gross = integer("--gross", o.gross);
  std::int64_t vat_bp = integer("--vat-bp", o.vat_bp);
  std::int64_t card_bp = integer("--card-bp", o.card_bp);
  auto method = domain::parse_payment_method(o.method);
  if (!method || *method == domain::PaymentMethod::other)
    errors["--method"].push_back(i18n::args("\"{v}\" is not a valid choice.", {{"v", o.method}}));
  if (!errors.empty()) throw input_error(errors);

  // rates beyond int are out of range like any other too-large rate
  auto rate = [](std::int64_t bp) { return static_cast<int>(std::clamp<std::int64_t>(bp, -1, 1'000'000)); };
  domain::FeeBreakdown b;
  try {
    b = domain::fee_breakdown(gross, *method, rate(vat_bp), rate(card_bp));
  } catch (const Error& e) {
    if (e.fields().empty()) throw;
    FieldErrors named;  // the domain's field names, said as the options the user typed
    for (const auto& [field, msgs] : e.fields())
      named[field == "gross" ? "--gross" : field == "vat_rate_bp" ? "--vat-bp" : "--card-bp"] = msgs;
    throw input_error(named);
  }
  nlohmann::ordered_json out{{"gross", b.gross}, {"vat", b.vat}, {"card_fee", b.card_fee}, {"net", b.net}};
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace

void register_fees(CLI::App& app, Context&, Action& action) {
  auto opts = std::make_shared<FeesOptions>();
  auto* cmd = app.add_subcommand("fees", "print the VAT, card fee and net amount of a gross amount (KRW)");
  cmd->add_option("--gross", opts->gross, "gross amount in KRW, VAT included")->required();
  cmd->add_option("--method", opts->method, "payment method: card (default), cash or transfer");
  cmd->add_option("--vat-bp", opts->vat_bp, "VAT rate in basis points (default 1000 = 10 %)");
  cmd->add_option("--card-bp", opts->card_bp, "card fee rate in basis points (default 350 = 3.5 %)");
  cmd->callback([opts, &action] { action = [opts] { return run_fees(*opts); }; });
}

}  // namespace the5hc::cli
