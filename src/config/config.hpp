#pragma once
// Runtime configuration (OPERATIONS.md §1): built-in defaults, then a .env file, then the process environment.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace the5hc {

struct Rate {  // "100/hour" -> {100, 3600}
  int count = 0;
  int period_seconds = 0;
};

struct DatabaseUrl {
  enum class Engine { sqlite, postgres } engine = Engine::sqlite;
  std::string sqlite_path;        // for sqlite
  std::string host = "localhost";  // for postgres
  int port = 5432;
  std::string user, password, dbname;
  std::map<std::string, std::string> options;  // ?sslmode=require...
  std::string raw;

  std::string redacted() const;       // the URL with its password replaced by ***
  std::string soci_connect() const;   // "dbname=... host=..." for SOCI's postgresql backend or the sqlite path
};

DatabaseUrl parse_database_url(const std::string& url);  // throws Error(config) on a malformed URL

struct Config {
  std::string secret_key;
  bool secret_key_generated = false;  // development key from .the5hc-dev-secret
  bool debug = true;
  DatabaseUrl database;
  std::vector<std::string> allowed_hosts;
  std::vector<std::string> csrf_trusted_origins;
  std::vector<std::string> cors_allowed_origins;
  std::string email_host, email_user, email_password, default_from_email = "The5HC <noreply@localhost>";
  int email_port = 587;
  bool email_use_tls = true;
  std::string log_level = "info";
  std::string redis_url;
  int jwt_access_minutes = 60;
  int jwt_refresh_minutes = 10080;
  int port = 8000;
  std::string host = "127.0.0.1";  // loopback unless HOST / serve --host say otherwise
  std::string site_url;
  std::string time_zone = "Asia/Seoul";
  bool secure_ssl_redirect = false;
  int secure_hsts_seconds = 0;
  bool session_cookie_secure = false;
  std::vector<std::string> trusted_proxies;
  Rate throttle_anon{100, 3600};
  Rate throttle_user{1000, 3600};
  Rate login_rate_limit{20, 900};
  int worker_threads = 64;
  int db_pool_size = 8;
  int db_pool_timeout = 5;  // DB_POOL_TIMEOUT: seconds a request waits for a pooled connection, then 503
  std::string backup_dir = "./backups";
  int backup_retention_days = 7;
  std::string backup_schedule;
  std::string metrics_token;
  bool maintenance_mode = false;
  int shutdown_timeout = 30;
};

// `env` is the process environment (tests pass their own). `env_file` empty = ".env" when it exists.
// Throws Error(ErrorCode::config, "<VARIABLE>: <reason>") for an invalid value.
Config load_config(const std::map<std::string, std::string>& env, const std::string& env_file = "");
std::map<std::string, std::string> process_environment();
std::map<std::string, std::string> parse_env_file(const std::string& text);  // KEY=VALUE, # comments, quotes
Rate parse_rate(const std::string& variable, const std::string& value);

}  // namespace the5hc
