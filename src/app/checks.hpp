#pragma once
// The rules of `the5hc check [--deploy]` (OPERATIONS.md §8), evaluated over the configuration and observed facts
// so that they can be tested without a machine set up for production.
#include <string>
#include <vector>

#include "config/config.hpp"

namespace the5hc::cli {

struct CheckFacts {
  bool database_reachable = true;
  int pending_migrations = 0;
  bool schema_newer = false;
  bool assets_ok = true;
  bool fonts_ok = true;
  bool backup_dir_writable = true;
  bool pg_dump_ok = true;  // PostgreSQL only: pg_dump present and not older than the server
  std::vector<std::string> example_secret_keys;  // SECRET_KEY values shown in .env.example
};

struct Finding {
  std::string id;     // "E001"
  std::string level;  // "error" | "warning"
  std::string message, hint;
};

// W008: a PostgreSQL server elsewhere must be reached over TLS (sslmode require, verify-ca or verify-full).
bool database_on_loopback(const DatabaseUrl& url);
bool database_requires_tls(const DatabaseUrl& url);

// Base checks always; the deploy rules when deploy is true. english selects the message language.
std::vector<Finding> run_checks(const Config& c, const CheckFacts& facts, bool deploy, bool english);

}  // namespace the5hc::cli
