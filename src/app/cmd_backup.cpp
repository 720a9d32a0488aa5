// `the5hc backup create|list|restore|prune` (OPERATIONS.md §2, §6).
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/i18n.hpp"
#include "config/config.hpp"
#include "store/backup.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

namespace the5hc::cli {
namespace {

std::string say(std::string_view msgid, std::initializer_list<std::pair<std::string_view, std::string>> values = {}) {
  return i18n::translate(message_language(), i18n::args(msgid, values));
}

std::string local_time(const std::string& created_at, const std::string& zone) {
  auto t = parse_timestamp(created_at);
  return t ? iso8601(*t, zone_offset_minutes(zone, *t)) : created_at;
}

void print_created(const store::BackupInfo& b) {
  std::cout << say("Backup created: {file} ({size} bytes, schema version {version})",
                   {{"file", b.file}, {"size", std::to_string(b.size)}, {"version", std::to_string(b.schema_version)}})
            << "\n";
}

int prune(Context& ctx, int keep_days) {
  const auto& c = ctx.config();
  auto deleted = store::prune_backups(c.backup_dir, keep_days > 0 ? keep_days : c.backup_retention_days,
                                      SystemClock::instance().now());
  for (const auto& b : deleted) std::cout << say("Deleted {file}", {{"file", b.file}}) << "\n";
  std::cout << say("{n} backup(s) deleted.", {{"n", std::to_string(deleted.size())}}) << "\n";
  return 0;
}

int create(Context& ctx, const std::string& output, const std::string& label, bool and_prune) {
  const auto& c = ctx.config();
  auto b = store::create_backup(ctx.database(), c.database, {.dir = c.backup_dir, .output = output, .label = label},
                                SystemClock::instance().now());
  print_created(b);
  return and_prune ? prune(ctx, 0) : 0;
}

int list(Context& ctx, bool json) {
  const auto& c = ctx.config();
  auto all = store::list_backups(c.backup_dir);
  if (json) {
    auto out = nlohmann::json::array();
    for (const auto& b : all)
      out.push_back({{"file", b.file}, {"created_at", b.created_at},
                     {"created_at_local", local_time(b.created_at, c.time_zone)}, {"engine", b.engine},
                     {"schema_version", b.schema_version}, {"app_version", b.app_version}, {"size", b.size},
                     {"sha256", b.sha256}, {"label", b.label}});
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  if (all.empty()) std::cout << say("No backups in {dir}.", {{"dir", c.backup_dir}}) << "\n";
  for (const auto& b : all)
    std::cout << b.file << "  " << b.created_at << "  (" << local_time(b.created_at, c.time_zone) << ")  " << b.engine
              << "  schema " << b.schema_version << "  " << b.size << " B" << (b.label.empty() ? "" : "  " + b.label)
              << "\n";
  return 0;
}

bool live_database_exists(const Config& c) {
  return c.database.engine != DatabaseUrl::Engine::sqlite || std::filesystem::exists(c.database.sqlite_path);
}

int restore(Context& ctx, const std::string& file, bool yes) {
  if (!yes) throw Error(ErrorCode::usage, "backup restore replaces the whole database: confirm with --yes.");
  const auto& c = ctx.config();
  auto& db = ctx.database();
  auto backup = store::verify_backup(file, db.dialect());  // exit 2 before anything is touched
  if (live_database_exists(c)) {
    auto safety = store::create_backup(db, c.database, {.dir = c.backup_dir, .label = "pre-restore"},
                                       SystemClock::instance().now());
    std::cout << say("Safety backup of the current database: {file}", {{"file", safety.file}}) << "\n";
  }
  int version = store::restore_backup(db, c.database, backup);
  std::cout << say("Restored {file}: schema version {version}.", {{"file", file}, {"version", std::to_string(version)}})
            << "\n";
  if (version < store::known_schema_version())
    std::cout << say("This binary knows schema version {known}: run `the5hc migrate up`.",
                     {{"known", std::to_string(store::known_schema_version())}})
              << "\n";
  return 0;
}

}  // namespace

void register_backup(CLI::App& app, Context& ctx, Action& action) {
  auto* cmd = app.add_subcommand("backup", "create, list, restore and prune database backups");
  cmd->require_subcommand(1);
  static std::string output, label, file;
  static bool and_prune = false, json = false, yes = false;
  static int keep_days = 0;

  auto* create_cmd = cmd->add_subcommand("create", "back up the database into BACKUP_DIR (or --output)");
  create_cmd->add_option("--output", output, "write the backup to this file");
  create_cmd->add_option("--label", label, "a label appended to the file name (letters, digits, . _ -)");
  create_cmd->add_flag("--prune", and_prune, "then delete backups older than BACKUP_RETENTION_DAYS");
  create_cmd->callback([&] { action = [&ctx] { return create(ctx, output, label, and_prune); }; });

  auto* list_cmd = cmd->add_subcommand("list", "list the backups of BACKUP_DIR, newest first");
  list_cmd->add_flag("--json", json, "print JSON");
  list_cmd->callback([&] { action = [&ctx] { return list(ctx, json); }; });

  auto* restore_cmd = cmd->add_subcommand("restore", "replace the database by a backup (a safety backup first)");
  restore_cmd->add_option("FILE", file, "the backup file")->required();
  restore_cmd->add_flag("--yes", yes, "confirm: the current content is replaced");
  restore_cmd->callback([&] { action = [&ctx] { return restore(ctx, file, yes); }; });

  auto* prune_cmd = cmd->add_subcommand("prune", "delete old backups (the newest one is always kept)");
  prune_cmd->add_option("--keep-days", keep_days, "age limit in days (default BACKUP_RETENTION_DAYS)")
      ->check(CLI::Range(1, 36500));
  prune_cmd->callback([&] { action = [&ctx] { return prune(ctx, keep_days); }; });
}

}  // namespace the5hc::cli
