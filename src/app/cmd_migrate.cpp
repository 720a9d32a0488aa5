// `the5hc migrate [up|plan|status|down N]` (OPERATIONS.md §2).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/cli.hpp"
#include "common/error.hpp"
#include "store/migrations.hpp"

namespace the5hc::cli {
namespace {

int print_plan(Context& ctx, bool check) {
  store::Migrator m(ctx.database());
  auto st = m.status();
  std::cout << "schema version " << st.schema_version << " (this binary knows " << store::known_schema_version()
            << ")\n";
  for (const auto& a : st.applied)
    std::cout << "  [applied] " << a.version << " " << a.name << " (compatible: " << (a.compatible ? "yes" : "no")
              << ", " << a.applied_at << ")\n";
  for (const auto& p : st.pending)
    std::cout << "  [pending] " << p.version << " " << p.name << " (compatible: " << (p.compatible ? "yes" : "no")
              << ")\n";
  for (const auto& u : st.unknown) std::cout << "  [unknown, newer] " << u.version << " " << u.name << "\n";
  for (int v : st.checksum_mismatch) std::cout << "  [changed] " << v << " differs from the applied script\n";
  if (st.pending.empty()) std::cout << "no pending migrations\n";
  return check && !st.pending.empty() ? 1 : 0;
}

int apply_up(Context& ctx, std::optional<int> to) {
  store::Migrator m(ctx.database());
  auto done = m.up(to);
  for (const auto& d : done) std::cout << "applied " << d.version << " " << d.name << "\n";
  if (done.empty()) std::cout << "no pending migrations\n";
  return 0;
}

}  // namespace

void register_migrate(CLI::App& app, Context& ctx, Action& action) {
  auto* cmd = app.add_subcommand("migrate", "apply, plan or revert schema migrations (plain `migrate` = up)");
  static bool plan_flag = false;
  static bool check_flag = false;
  static int to_version = 0;
  static int down_n = 0;
  static bool yes = false;
  cmd->add_flag("--plan", plan_flag, "same as `migrate plan`");
  cmd->add_option("--to", to_version, "with up: stop after this version");

  auto* up = cmd->add_subcommand("up", "apply pending migrations in order, each in its own transaction");
  up->add_option("--to", to_version, "stop after this version");
  auto* plan = cmd->add_subcommand("plan", "list applied and pending migrations")->alias("status");
  plan->add_flag("--check", check_flag, "exit 1 when migrations are pending");
  auto* down = cmd->add_subcommand("down", "revert the N most recent migrations");
  down->add_option("N", down_n, "number of migrations to revert (999 = all)")->required()->check(CLI::PositiveNumber);
  down->add_flag("--yes", yes, "do not ask for confirmation");

  cmd->callback([&, cmd, up, plan, down] {
    auto to = to_version > 0 ? std::optional<int>(to_version) : std::nullopt;
    if (plan->parsed() || plan_flag) {
      action = [&ctx] { return print_plan(ctx, check_flag); };
    } else if (down->parsed()) {
      action = [&ctx] {
        if (!yes && isatty(STDIN_FILENO)) {
          std::cout << "Revert the " << down_n << " most recent migration(s)? Data in dropped tables is lost. [y/N] ";
          std::string answer;
          std::getline(std::cin, answer);
          if (answer != "y" && answer != "Y" && answer != "yes") {
            std::cout << "cancelled\n";
            return 1;
          }
        }
        store::Migrator m(ctx.database());
        for (const auto& r : m.down(down_n)) std::cout << "reverted " << r.version << " " << r.name << "\n";
        return 0;
      };
    } else {
      action = [&ctx, to] { return apply_up(ctx, to); };
    }
    (void)up;
    (void)cmd;
  });
}

}  // namespace the5hc::cli
