#pragma once
// Registration of the `the5hc` subcommands. Each cmd_*.cpp adds its subcommand(s) to the CLI11 app; the callback it
// registers runs after parsing and returns the process exit code (OPERATIONS.md §2).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/i18n.hpp"

namespace CLI {
class App;
}

namespace the5hc {
struct Config;
namespace store {
class Database;
}

namespace cli {

struct Context {
  std::string env_file;  // --env-file
  char** argv = nullptr;  // the command line as given: `serve` starts itself again once with it (cmd_serve.cpp)
  // Loads the configuration (OPERATIONS.md §1) on first use; commands that need no configuration never call it.
  const Config& config();
  // The configured database (opened lazily, pool sized by DB_POOL_SIZE).
  store::Database& database();

 private:
  std::shared_ptr<Config> config_;
  std::shared_ptr<store::Database> database_;
};

using Action = std::function<int()>;
using Registrar = void (*)(CLI::App& app, Context& ctx, Action& action);

// Every command module exposes one registrar; main.cpp lists them.
void register_version(CLI::App&, Context&, Action&);
void register_migrate(CLI::App&, Context&, Action&);
void register_check(CLI::App&, Context&, Action&);
void register_serve(CLI::App&, Context&, Action&);
void register_create_user(CLI::App&, Context&, Action&);
void register_score(CLI::App&, Context&, Action&);
void register_fees(CLI::App&, Context&, Action&);

// Unacceptable input of a scripting command (`score`, `fees`): exit code 2 with ONE line naming the fields,
// "field: message; other_field: message", the messages in message_language().
Error input_error(const FieldErrors& errors);
void register_import_legacy(CLI::App&, Context&, Action&);
void register_recalculate(CLI::App&, Context&, Action&);
void register_demo_data(CLI::App&, Context&, Action&);
void register_backup(CLI::App&, Context&, Action&);
void register_seed_standards(CLI::App&, Context&, Action&);

// Language of a command's own messages (OPERATIONS.md §2): English when LC_ALL / LC_MESSAGES / LANG (the first one
// set) starts with "en", else Korean.
Lang message_language();

// What the CLI prints on stderr for an error, in `lang` (message_language(), OPERATIONS.md §2): "the5hc: <message>"
// and "  <field>: <message>" per field error, every msgid translated and its `{name}` values filled in.
std::string error_text(const Error& e, Lang lang);

}  // namespace cli
}  // namespace the5hc
