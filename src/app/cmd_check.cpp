// `the5hc check [--deploy] [--json] [--fail-level error|warning] [--url URL]` (OPERATIONS.md §8).
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/checks.hpp"
#include "app/cli.hpp"
#include "common/embedded.hpp"
#include "common/i18n.hpp"
#include "report/pdf_report.hpp"
#include "store/backup.hpp"
#include "store/migrations.hpp"

namespace the5hc::cli {
namespace {

bool writable_dir(const std::string& dir) {
  // Without creating anything: an existing directory must be writable, a missing one creatable.
  std::filesystem::path p = std::filesystem::absolute(dir);
  while (!p.empty() && !std::filesystem::exists(p) && p != p.parent_path()) p = p.parent_path();
  return access(p.c_str(), W_OK) == 0;
}

int get_url(const std::string& url) {
  try {
    Poco::URI uri(url);
    Poco::Net::HTTPClientSession s(uri.getHost(), uri.getPort());
    s.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest req("GET", uri.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
    s.sendRequest(req);
    Poco::Net::HTTPResponse res;
    s.receiveResponse(res);
    std::cout << url << " → " << res.getStatus() << "\n";
    return res.getStatus() == 200 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << url << ": " << e.what() << "\n";
    return 1;
  }
}

CheckFacts gather(Context& ctx) {
  CheckFacts f;
  const auto& c = ctx.config();
  f.example_secret_keys = {"change-me-to-a-long-random-value-of-at-least-fifty-characters"};
  f.database_reachable = ctx.database().ping();
  if (f.database_reachable) {
    auto st = store::Migrator(ctx.database()).status();
    f.pending_migrations = static_cast<int>(st.pending.size());
    f.schema_newer = !st.unknown.empty();
  }
  // Every embedded file against its build-time checksum, and the ones the server cannot run without.
  f.assets_ok = store::known_schema_version() > 0 && i18n::catalog_size() > 0 &&
                embedded::damaged({"templates/layout.html", "static/app.js", "static/app.css",
                                   "static/vendor/htmx.min.js", "locale/ko/LC_MESSAGES/the5hc.po",
                                   "openapi/base.json"})
                    .empty();
  f.fonts_ok = report::report_fonts_embedded();
  f.backup_dir_writable = writable_dir(c.backup_dir);
  if (c.database.engine == DatabaseUrl::Engine::postgres) {
    // W004: pg_dump refuses servers newer than itself, so an older client means no backups.
    int client = store::client_major_version("pg_dump");
    int server = f.database_reachable ? store::server_major_version(ctx.database()) : 0;
    f.pg_dump_ok = client > 0 && client >= server;
  }
  return f;
}

}  // namespace

void register_check(CLI::App& app, Context& ctx, Action& action) {
  auto* cmd = app.add_subcommand("check", "check the configuration, database, migrations and embedded files");
  static bool deploy = false, json = false;
  static std::string fail_level = "error", url;
  cmd->add_flag("--deploy", deploy, "also apply the production rules");
  cmd->add_flag("--json", json, "print the findings as JSON");
  cmd->add_option("--fail-level", fail_level, "exit 5 on errors (error) or also on warnings (warning)")
      ->check(CLI::IsMember({"error", "warning"}));
  cmd->add_option("--url", url, "GET this URL and succeed on 200 (container health check)");
  cmd->callback([&] {
    action = [&ctx] {
      if (!url.empty()) return get_url(url);
      bool en = message_language() == Lang::en;
      auto findings = run_checks(ctx.config(), gather(ctx), deploy, en);
      int errors = 0, warnings = 0;
      for (const auto& f : findings) (f.level == "error" ? errors : warnings)++;
      if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& f : findings)
          out.push_back({{"id", "the5hc." + f.id}, {"level", f.level}, {"message", f.message}, {"hint", f.hint}});
        std::cout << out.dump(2) << "\n";
      } else {
        for (const auto& f : findings) std::cout << "the5hc." << f.id << ": " << f.message << " (" << f.hint << ")\n";
        if (en) std::cout << "System check: " << errors << " error(s), " << warnings << " warning(s)\n";
        else std::cout << "시스템 점검 결과: 오류 " << errors << "개, 경고 " << warnings << "개\n";
      }
      return errors > 0 || (fail_level == "warning" && warnings > 0) ? 5 : 0;
    };
  });
}

}  // namespace the5hc::cli
