// `the5hc recalculate` (OPERATIONS.md §2): the command line around service::recalculate.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/cli.hpp"
#include "common/clock.hpp"
#include "config/config.hpp"
#include "service/recalculate.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

namespace the5hc::cli {
namespace {

struct RecalculateArgs {
  long long id = 0;
  std::string organization;
  service::RecalculateOptions options;
};

int run_recalculate(Context& ctx, RecalculateArgs& args, bool id_given, bool org_given) {
  auto& db = ctx.database();
  if (!store::Migrator(db).status().pending.empty())
    throw Error(ErrorCode::database_state, "Run `the5hc migrate up` first.");  // 먼저 `the5hc migrate up`을 실행하세요.
  if (id_given) args.options.id = args.id;
  if (org_given) args.options.organization_slug = args.organization;
  service::Context sctx{db, ctx.config(), SystemClock::instance(), std::nullopt, {}, Lang::ko};
  auto r = service::recalculate(sctx, args.options);
  std::cout << "examined " << r.examined << ", changed " << r.changed << ", unchanged " << r.unchanged
            << (args.options.dry_run ? " (dry run: nothing written)" : "") << "\n";
  return 0;
}

}  // namespace

void register_recalculate(CLI::App& app, Context& ctx, Action& action) {
  static RecalculateArgs args;
  auto* cmd = app.add_subcommand("recalculate", "rescore stored assessments with today's rules (DOMAIN.md §2.6)");
  auto* id = cmd->add_option("--id", args.id, "only this assessment");
  auto* org = cmd->add_option("--organization,--organisation", args.organization, "only this organisation (slug)");
  cmd->add_flag("--include-legacy", args.options.include_legacy, "also rescore imported legacy assessments");
  cmd->add_flag("--dry-run", args.options.dry_run, "count what would change, write nothing");
  cmd->callback([&ctx, &action, id, org] {
    bool id_given = id->count() > 0, org_given = org->count() > 0;
    action = [&ctx, id_given, org_given] { return run_recalculate(ctx, args, id_given, org_given); };
  });
}

}  // namespace the5hc::cli
