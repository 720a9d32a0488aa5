// the5hc — one binary: server, migrations, administration and scripting commands (OPERATIONS.md §2).
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "app/cli.hpp"
#include "common/error.hpp"
#include "common/version.hpp"

int main(int argc, char** argv) {
  using namespace the5hc;
  CLI::App app{"The5HC — fitness assessment and studio management"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(kVersion));
  cli::Context ctx;
  ctx.argv = argv;
  app.add_option("--env-file", ctx.env_file, "read configuration from this file instead of .env");
  cli::Action action;
  // One registrar per line: parallel work adds lines here without colliding.
  for (auto reg : {
           cli::register_version,
           cli::register_migrate,
           cli::register_check,
           cli::register_serve,
           cli::register_create_user,
           cli::register_score,
           cli::register_fees,
           cli::register_import_legacy,
           cli::register_recalculate,
           cli::register_demo_data,
           cli::register_backup,
           cli::register_seed_standards,
       })
    reg(app, ctx, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;  // CLI11's own codes are 100+; a usage error is 2 everywhere
  }
  try {
    return action ? action() : 0;
  } catch (const Error& e) {
    std::cerr << cli::error_text(e, cli::message_language());
    return exit_code(e.code());
  } catch (const std::exception& e) {
    std::cerr << "the5hc: " << e.what() << "\n";
    return 1;
  }
}
