// `the5hc demo-data [--force]` (OPERATIONS.md §2): the demo studio for a newcomer; `make run` calls it on every
// start, so a second run writes nothing and only repeats the login.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/cli.hpp"
#include "app/demo_data.hpp"
#include "common/clock.hpp"
#include "common/i18n.hpp"
#include "config/config.hpp"

namespace the5hc::cli {
namespace {

void print_login(Lang lang) {
  std::cout << i18n::translate(lang, i18n::args("Demo login: {users} (password {password})",
                                                {{"users", "demo, demo-trainer, demo-assistant"},
                                                 {"password", app::kDemoPassword}}))
            << "\n";
}

}  // namespace

void register_demo_data(CLI::App& app, Context& ctx, Action& action) {
  auto* cmd = app.add_subcommand("demo-data", "create the demo studio (DEBUG only unless --force; once)");
  static bool force = false;
  cmd->add_flag("--force", force, "also outside DEBUG (never on a real studio's database)");
  cmd->callback([&] {
    action = [&ctx] {
      Lang lang = message_language();
      const Config& config = ctx.config();
      if (!config.debug && !force) {
        // A refusal, not a usage error: the same command succeeds in development.
        std::cerr << "the5hc: " << i18n::translate(lang, "demo-data runs only with DEBUG=true (or --force).") << "\n";
        return 1;
      }
      auto summary = app::load_demo_data(ctx.database(), config, SystemClock::instance().now());
      if (!summary.created) {
        std::cout << i18n::translate(lang, "The demo studio already exists; nothing was changed.") << "\n";
      } else {
        std::cout << i18n::translate(
                         lang, i18n::args("Created the demo studio \"{name}\": {clients} clients, {assessments} "
                                          "assessments ({mcq} with questionnaire), {packages} packages, {sessions} "
                                          "sessions, {payments} payments.",
                                          {{"name", app::kDemoOrganization},
                                           {"clients", std::to_string(summary.clients)},
                                           {"assessments", std::to_string(summary.assessments)},
                                           {"mcq", std::to_string(summary.questionnaires)},
                                           {"packages", std::to_string(summary.packages)},
                                           {"sessions", std::to_string(summary.sessions)},
                                           {"payments", std::to_string(summary.payments)}}))
                  << "\n";
      }
      print_login(lang);
      return 0;
    };
  });
}

}  // namespace the5hc::cli
