// `the5hc seed-standards` (alias `seed`) [--only standards|norms|mcq] [--reset] [--dry-run] (OPERATIONS.md §2).
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/cli.hpp"
#include "common/i18n.hpp"
#include "store/migrations.hpp"
#include "store/seed_standards.hpp"

namespace the5hc::cli {

void register_seed_standards(CLI::App& app, Context& ctx, Action& action) {
  auto* cmd = app.add_subcommand("seed-standards", "insert or update the reference data of DOMAIN.md §3 (idempotent)")
                  ->alias("seed");
  static std::string only;
  static bool reset = false, dry_run = false;
  cmd->add_option("--only", only, "seed one part only")->check(CLI::IsMember({"standards", "norms", "mcq"}));
  cmd->add_flag("--reset", reset, "also restore values that were edited");
  cmd->add_flag("--dry-run", dry_run, "report what would change, write nothing");
  cmd->callback([&] {
    action = [&ctx] {
      store::SeedOptions o{.standards = only.empty() || only == "standards",
                           .norms = only.empty() || only == "norms",
                           .mcq = only.empty() || only == "mcq",
                           .reset = reset,
                           .dry_run = dry_run};
      Lang lang = message_language();
      if (!store::Migrator(ctx.database()).status().pending.empty())
        throw Error(ErrorCode::database_state, "Run `the5hc migrate up` first.");
      for (const auto& c : store::seed_reference_data(ctx.database(), o)) {
        std::cout << i18n::translate(lang, i18n::args("{table}: {inserted} inserted, {updated} updated, {unchanged} "
                                                      "unchanged",
                                                      {{"table", c.table},
                                                       {"inserted", std::to_string(c.inserted)},
                                                       {"updated", std::to_string(c.updated)},
                                                       {"unchanged", std::to_string(c.unchanged)}}));
        if (c.differing > 0)
          std::cout << " " << i18n::translate(lang, i18n::args("({n} edited, kept; --reset restores them)",
                                                               {{"n", std::to_string(c.differing)}}));
        std::cout << "\n";
      }
      if (dry_run) std::cout << i18n::translate(lang, "Dry run: nothing was written.") << "\n";
      return 0;
    };
  });
}

}  // namespace the5hc::cli
