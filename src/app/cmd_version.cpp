#include <CLI/CLI.hpp>
#include <iostream>

#include "app/cli.hpp"

namespace the5hc::cli {

void register_version(CLI::App& app, Context&, Action& action) {
  auto* cmd = app.add_subcommand("version", "print the version, git commit and build date");
  cmd->callback([&action] {
    action = [] {
      std::cout << "the5hc " << THE5HC_VERSION << " (commit " << THE5HC_COMMIT << ", built " << __DATE__ << ")\n";
      return 0;
    };
  });
}

}  // namespace the5hc::cli
