#include <CLI/CLI.hpp>
#include <iostream>

#include "app/cli.hpp"
#include "common/version.hpp"

namespace the5hc::cli {

void register_version(CLI::App& app, Context&, Action& action) {
  auto* cmd = app.add_subcommand("version", "print the version, git commit and build date");
  cmd->callback([&action] {
    action = [] {
      std::cout << "the5hc " << kVersion << " (commit " << kCommit << ", built " << __DATE__ << ")\n";
      return 0;
    };
  });
}

}  // namespace the5hc::cli
