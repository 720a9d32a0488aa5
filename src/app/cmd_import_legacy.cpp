// `the5hc import-legacy PATH` (LEGACY.md §7): the command line around service::import_legacy.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "app/cli.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/i18n.hpp"
#include "service/legacy_import.hpp"

namespace the5hc::cli {
namespace {

struct ImportArgs {
  service::LegacyImportOptions options;
  std::string organisation_name, owner, report_path;
  long long organisation_id = 0;
};

int run_import(Context& ctx, ImportArgs& args, bool name_given, bool id_given) {
  auto& o = args.options;
  if (o.source.empty()) throw Error(ErrorCode::usage, "--source must not be empty.");  // --source는 비어 있을 수 없습니다.
  if (name_given) o.organisation_name = args.organisation_name;
  if (id_given) o.organisation_id = args.organisation_id;
  if (!args.owner.empty()) o.owner = args.owner;
  o.progress = [](const service::LegacyImportProgress& p) {
    std::fprintf(stderr, "import-legacy: %lld rows (%s), %.0f rows/s\n", p.rows, p.table.c_str(), p.rows_per_second);
  };
  auto started = std::chrono::steady_clock::now();
  service::Context sctx{ctx.database(), ctx.config(), SystemClock::instance(), std::nullopt, {"", "cli", ""},
                        Lang::ko};
  legacy::Report report = service::import_legacy(sctx, o);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::cout << report.text();
  if (!args.report_path.empty()) {
    std::ofstream out(args.report_path, std::ios::binary | std::ios::trunc);
    out << report.json() << "\n";
    if (!out) throw Error(ErrorCode::internal, i18n::args("Cannot write the report to {path}.", {{"path", args.report_path}}));
  }
  long long rows = report.totals().read;
  std::fprintf(stderr, "import-legacy: %lld rows in %.2f s (%.0f rows/s)\n", rows, seconds,
               seconds > 0 ? rows / seconds : 0.0);
  if (report.failed) {
    std::cout << "실패: " << report.failed->table << " " << report.failed->id << ": " << report.failed->message << "\n"
              << "가져온 데이터 없음\n";
    return 1;
  }
  if (o.dry_run) std::cout << "시험 실행 — 아무것도 기록하지 않았습니다.\n";
  return 0;
}

}  // namespace

void register_import_legacy(CLI::App& app, Context& ctx, Action& action) {
  static ImportArgs args;
  auto* cmd = app.add_subcommand("import-legacy", "import a legacy Streamlit SQLite database (LEGACY.md §7)");
  cmd->add_option("PATH", args.options.path, "the legacy SQLite file (opened read-only)")->required();
  auto* name = cmd->add_option("--organisation,--organization", args.organisation_name,
                               "import into this organisation (created if it does not exist)");
  auto* id = cmd->add_option("--organisation-id,--organization-id", args.organisation_id,
                             "import into the organisation with this id");
  name->excludes(id);
  cmd->add_option("--owner", args.owner, "legacy username that becomes the organisation's owner");
  cmd->add_option("--source", args.options.source, "namespace of the idempotency keys (default streamlit)");
  cmd->add_flag("--link-existing-users", args.options.link_existing_users,
                "link trainers to existing users with the same username and e-mail instead of renaming");
  cmd->add_flag("--dry-run", args.options.dry_run, "do everything, print the report, then roll back");
  cmd->add_option("--report", args.report_path, "also write the report as JSON to this file");
  cmd->callback([&ctx, &action, name, id] {
    bool name_given = name->count() > 0, id_given = id->count() > 0;
    action = [&ctx, name_given, id_given] { return run_import(ctx, args, name_given, id_given); };
  });
}

}  // namespace the5hc::cli
