// `the5hc fees` — the fee breakdown of DOMAIN.md §4 for one gross amount (OPERATIONS.md §2).
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli.hpp"
#include "domain/money.hpp"

namespace the5hc::cli {

namespace {

struct FeesOptions {
  std::int64_t gross = 0;
  std::string method = "card";
  int vat_bp = domain::default_vat_rate_bp;
  int card_bp = domain::default_card_fee_rate_bp;
};

}  // namespace

void register_fees(CLI::App& app, Context&, Action& action) {
  auto opts = std::make_shared<FeesOptions>();
  auto* cmd = app.add_subcommand("fees", "print the VAT, card fee and net amount of a gross amount (KRW)");
  cmd->add_option("--gross", opts->gross, "gross amount in KRW, VAT included")->required();
  cmd->add_option("--method", opts->method, "payment method")->check(CLI::IsMember({"card", "cash", "transfer"}));
  cmd->add_option("--vat-bp", opts->vat_bp, "VAT rate in basis points (1000 = 10 %)");
  cmd->add_option("--card-bp", opts->card_bp, "card fee rate in basis points (350 = 3.5 %)");
  cmd->callback([opts, &action] {
    action = [opts] {
      domain::FeeBreakdown b;
      try {
        b = domain::fee_breakdown(opts->gross, *domain::parse_payment_method(opts->method), opts->vat_bp,
                                  opts->card_bp);
      } catch (const Error& e) {
        if (e.fields().empty()) throw;
        // name the options as the user typed them
        FieldErrors named;
        for (const auto& [field, msgs] : e.fields())
          named[field == "gross" ? "--gross" : field == "vat_rate_bp" ? "--vat-bp" : "--card-bp"] = msgs;
        throw input_error(named);
      }
      nlohmann::ordered_json out{{"gross", b.gross}, {"vat", b.vat}, {"card_fee", b.card_fee}, {"net", b.net}};
      std::cout << out.dump() << "\n";
      return 0;
    };
  });
}

}  // namespace the5hc::cli
