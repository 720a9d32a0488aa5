#include <CLI/CLI.hpp>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli.hpp"
#include "common/embedded.hpp"
#include "common/version.hpp"

namespace the5hc::cli {
namespace {

// "htmx.org 2.0.11, chart.js 4.6.1, …": the front-end packages compiled in, as locked in package-lock.json.
std::string npm_packages() {
  auto lock = embedded::find("package-lock.json");
  if (!lock) return "none";
  auto doc = nlohmann::json::parse(*lock);
  const auto& packages = doc["packages"];
  std::string out;
  for (const auto& [name, range] : packages[""]["dependencies"].items()) {
    auto entry = packages.find("node_modules/" + name);
    std::string version = entry != packages.end() ? (*entry)["version"].get<std::string>() : "?";
    out += (out.empty() ? "" : ", ") + name + " " + version;
  }
  return out;
}

}  // namespace

void register_version(CLI::App& app, Context&, Action& action) {
  auto* cmd = app.add_subcommand("version", "print the version, git commit, build date and embedded npm packages");
  cmd->callback([&action] {
    action = [] {
      std::cout << "the5hc " << kVersion << " (commit " << kCommit << ", built " << __DATE__ << ")\n"
                << "npm packages: " << npm_packages() << "\n";
      return 0;
    };
  });
}

}  // namespace the5hc::cli
