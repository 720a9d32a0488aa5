// The command line's shared context: configuration and database opened on first use, and the language of the
// commands' own messages. Kept out of main.cpp so that the command modules, which the tests link, are complete
// without it.
#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "app/cli.hpp"
#include "config/config.hpp"
#include "store/database.hpp"

namespace the5hc::cli {
const Config& Context::config() {
  if (!config_) config_ = std::make_shared<Config>(load_config(process_environment(), env_file));
  return *config_;
}
store::Database& Context::database() {
  if (!database_) {
    const auto& c = config();
    // SQLite has one writer anyway; a few connections let readers run beside it.
    int size = c.database.engine == DatabaseUrl::Engine::sqlite ? std::max(4, c.db_pool_size) : c.db_pool_size;
    database_ = std::make_shared<store::Database>(c.database, size);
  }
  return *database_;
}
Lang message_language() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* v = std::getenv(var); v && *v) return std::string_view(v).starts_with("en") ? Lang::en : Lang::ko;
  return Lang::ko;
}
}  // namespace the5hc::cli
