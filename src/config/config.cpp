#include "config/config.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "common/error.hpp"

extern char** environ;

namespace the5hc {
namespace {

[[noreturn]] void invalid(const std::string& var, const std::string& why) {
  throw Error(ErrorCode::config, var + ": " + why);
}

std::string trim(std::string s) {
  auto ws = [](unsigned char c) { return std::isspace(c); };
  while (!s.empty() && ws(s.back())) s.pop_back();
  size_t i = 0;
  while (i < s.size() && ws(s[i])) ++i;
  return s.substr(i);
}

std::vector<std::string> split_list(const std::string& v) {
  std::vector<std::string> out;
  std::stringstream ss(v);
  std::string item;
  while (std::getline(ss, item, ',')) {
    item = trim(item);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

bool parse_bool(const std::string& var, const std::string& v) {
  std::string l;
  for (char c : trim(v)) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (l == "1" || l == "true" || l == "yes" || l == "on") return true;
  if (l == "0" || l == "false" || l == "no" || l == "off" || l.empty()) return false;
  invalid(var, "expected true or false, got '" + v + "'");
}

int parse_int(const std::string& var, const std::string& v, int lo, int hi) {
  std::string t = trim(v);
  if (t.empty() || t.size() > 9 || t.find_first_not_of("0123456789") != std::string::npos)
    invalid(var, "expected an integer, got '" + v + "'");
  int n = std::stoi(t);
  if (n < lo || n > hi) invalid(var, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  return n;
}

std::string percent_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string random_secret() {
  if (sodium_init() < 0) throw Error(ErrorCode::internal, "libsodium initialisation failed");
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#%^&*(-_=+)";
  std::string s;
  for (int i = 0; i < 64; ++i) s += alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
  return s;
}

// DEBUG-only development key, persisted so that sessions and tokens survive restarts (OPERATIONS.md §1).
std::string dev_secret(const DatabaseUrl& db) {
  std::filesystem::path dir = ".";
  if (db.engine == DatabaseUrl::Engine::sqlite) {
    auto parent = std::filesystem::path(db.sqlite_path).parent_path();
    if (!parent.empty()) dir = parent;
  }
  auto file = dir / ".the5hc-dev-secret";
  std::ifstream in(file);
  std::string key;
  if (in && std::getline(in, key) && trim(key).size() >= 50) return trim(key);
  key = random_secret();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  {
    std::ofstream out(file, std::ios::trunc);
    out << key << "\n";
  }
  ::chmod(file.c_str(), 0600);
  return key;
}

}  // namespace

std::string DatabaseUrl::redacted() const {
  if (engine == Engine::sqlite || password.empty()) return raw;
  auto at = raw.rfind('@');
  auto scheme_end = raw.find("://");
  auto colon = raw.find(':', scheme_end + 3);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return raw;
  return raw.substr(0, colon + 1) + "***" + raw.substr(at);
}

std::string DatabaseUrl::soci_connect() const {
  if (engine == Engine::sqlite) return sqlite_path;
  auto quote = [](const std::string& v) {
    std::string q = "'";
    for (char c : v) {
      if (c == '\'' || c == '\\') q += '\\';
      q += c;
    }
    return q + "'";
  };
  std::string s = "host=" + quote(host) + " port=" + std::to_string(port) + " dbname=" + quote(dbname);
  if (!user.empty()) s += " user=" + quote(user);
  if (!password.empty()) s += " password=" + quote(password);
  for (const auto& [k, v] : options) s += " " + k + "=" + quote(v);
  return s;
}

DatabaseUrl parse_database_url(const std::string& url) {
  DatabaseUrl d;
  d.raw = url;
  const std::string var = "DATABASE_URL";
  if (url.rfind("sqlite:///", 0) == 0) {
    d.engine = DatabaseUrl::Engine::sqlite;
    d.sqlite_path = url.substr(10);  // sqlite:///rel/path, sqlite:////abs/path
    if (d.sqlite_path.empty()) invalid(var, "missing the SQLite file path (sqlite:///the5hc.db)");
    return d;
  }
  std::string rest;
  if (url.rfind("postgres://", 0) == 0) rest = url.substr(11);
  else if (url.rfind("postgresql://", 0) == 0) rest = url.substr(13);
  else invalid(var, "expected sqlite:///path or postgres://user:pass@host:port/db");
  d.engine = DatabaseUrl::Engine::postgres;
  auto q = rest.find('?');
  std::string query = q == std::string::npos ? "" : rest.substr(q + 1);
  rest = rest.substr(0, q);
  auto slash = rest.find('/');
  if (slash == std::string::npos || slash + 1 >= rest.size()) invalid(var, "missing the database name");
  d.dbname = percent_decode(rest.substr(slash + 1));
  std::string authority = rest.substr(0, slash);
  auto at = authority.rfind('@');
  if (at != std::string::npos) {
    std::string userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    auto c = userinfo.find(':');
    d.user = percent_decode(userinfo.substr(0, c));
    if (c != std::string::npos) d.password = percent_decode(userinfo.substr(c + 1));
  }
  auto c = authority.rfind(':');
  if (c != std::string::npos && authority.find(']') == std::string::npos) {
    d.port = parse_int(var + " port", authority.substr(c + 1), 1, 65535);
    authority = authority.substr(0, c);
  }
  if (!authority.empty()) d.host = authority;
  std::stringstream qs(query);
  std::string pair;
  while (std::getline(qs, pair, '&')) {
    if (pair.empty()) continue;
    auto e = pair.find('=');
    std::string k = pair.substr(0, e);
    // libpq's TLS settings (sslmode=verify-full&sslrootcert=/etc/the5hc/db-ca.pem) and two harmless ones.
    static const std::set<std::string> known{"sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl",
                                             "connect_timeout", "application_name"};
    if (!known.contains(k)) invalid(var, "unsupported option '" + k + "'");
    d.options[k] = e == std::string::npos ? "" : percent_decode(pair.substr(e + 1));
  }
  static const std::set<std::string> sslmodes{"disable", "allow", "prefer", "require", "verify-ca", "verify-full"};
  if (auto m = d.options.find("sslmode"); m != d.options.end() && !sslmodes.contains(m->second))
    invalid(var, "sslmode must be disable, allow, prefer, require, verify-ca or verify-full");
  return d;
}

Rate parse_rate(const std::string& var, const std::string& value) {
  auto slash = value.find('/');
  if (slash == std::string::npos) invalid(var, "expected N/period, e.g. 100/hour");
  Rate r;
  r.count = parse_int(var, value.substr(0, slash), 1, 100000000);
  std::string p = trim(value.substr(slash + 1));
  if (p == "second") r.period_seconds = 1;
  else if (p == "minute") r.period_seconds = 60;
  else if (p == "hour") r.period_seconds = 3600;
  else if (p == "day") r.period_seconds = 86400;
  else {
    if (p.size() < 2) invalid(var, "unknown period '" + p + "'");
    char unit = p.back();
    int mult = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : unit == 'd' ? 86400 : 0;
    if (mult == 0) invalid(var, "unknown period '" + p + "'");
    r.period_seconds = parse_int(var, p.substr(0, p.size() - 1), 1, 1000000) * mult;
  }
  return r;
}

std::map<std::string, std::string> parse_env_file(const std::string& text) {
  std::map<std::string, std::string> out;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("export ", 0) == 0) line = trim(line.substr(7));
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = trim(line.substr(0, eq));
    std::string value = trim(line.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    } else {
      auto hash = value.find(" #");
      if (hash != std::string::npos) value = trim(value.substr(0, hash));
    }
    out[key] = value;
  }
  return out;
}

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string kv = *e;
    auto eq = kv.find('=');
    if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return env;
}

Config load_config(const std::map<std::string, std::string>& process_env, const std::string& env_file) {
  std::map<std::string, std::string> env;
  std::string file = env_file.empty() ? ".env" : env_file;
  std::ifstream in(file);
  if (in) {
    std::stringstream buf;
    buf << in.rdbuf();
    env = parse_env_file(buf.str());
  } else if (!env_file.empty()) {
    throw Error(ErrorCode::config, "--env-file: cannot read " + env_file);
  }
  for (const auto& [k, v] : process_env) env[k] = v;
  auto get = [&](const std::string& k) -> std::optional<std::string> {
    auto it = env.find(k);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };

  Config c;
  auto secret = get("SECRET_KEY");
  c.debug = get("DEBUG") ? parse_bool("DEBUG", *get("DEBUG")) : !secret.has_value();
  c.database = parse_database_url(get("DATABASE_URL").value_or("sqlite:///the5hc.db"));
  if (secret && !trim(*secret).empty()) {
    c.secret_key = trim(*secret);
  } else if (c.debug) {
    c.secret_key = dev_secret(c.database);
    c.secret_key_generated = true;
  } else {
    invalid("SECRET_KEY", "required when DEBUG is false");
  }
  c.allowed_hosts = get("ALLOWED_HOSTS") ? split_list(*get("ALLOWED_HOSTS"))
                    : c.debug           ? std::vector<std::string>{"localhost", "127.0.0.1", "[::1]"}
                                        : std::vector<std::string>{};
  if (!c.debug)
    for (const auto& h : c.allowed_hosts)
      if (h == "*") invalid("ALLOWED_HOSTS", "'*' is allowed only in DEBUG");
  c.csrf_trusted_origins = split_list(get("CSRF_TRUSTED_ORIGINS").value_or(""));
  c.cors_allowed_origins = split_list(get("CORS_ALLOWED_ORIGINS").value_or(""));
  c.email_host = get("EMAIL_HOST").value_or("");
  if (auto v = get("EMAIL_PORT")) c.email_port = parse_int("EMAIL_PORT", *v, 1, 65535);
  // Django's names (issue 14) first; the shorter EMAIL_USER / EMAIL_PASSWORD of OPERATIONS.md §1 still work.
  c.email_user = get("EMAIL_HOST_USER").value_or(get("EMAIL_USER").value_or(""));
  c.email_password = get("EMAIL_HOST_PASSWORD").value_or(get("EMAIL_PASSWORD").value_or(""));
  if (auto v = get("EMAIL_USE_TLS")) c.email_use_tls = parse_bool("EMAIL_USE_TLS", *v);
  if (auto v = get("DEFAULT_FROM_EMAIL")) c.default_from_email = *v;
  c.log_level = get("LOG_LEVEL").value_or("info");
  if (c.log_level != "debug" && c.log_level != "info" && c.log_level != "warning" && c.log_level != "error")
    invalid("LOG_LEVEL", "expected debug, info, warning or error");
  c.redis_url = get("REDIS_URL").value_or("");
  if (auto v = get("JWT_ACCESS_TOKEN_LIFETIME")) c.jwt_access_minutes = parse_int("JWT_ACCESS_TOKEN_LIFETIME", *v, 1, 525600);
  if (auto v = get("JWT_REFRESH_TOKEN_LIFETIME")) c.jwt_refresh_minutes = parse_int("JWT_REFRESH_TOKEN_LIFETIME", *v, 1, 5256000);
  if (auto v = get("PORT")) c.port = parse_int("PORT", *v, 0, 65535);
  if (auto v = get("HOST")) c.host = trim(*v);
  c.site_url = get("SITE_URL").value_or("");
  c.time_zone = get("TIME_ZONE").value_or("Asia/Seoul");
  c.secure_ssl_redirect = get("SECURE_SSL_REDIRECT") ? parse_bool("SECURE_SSL_REDIRECT", *get("SECURE_SSL_REDIRECT")) : !c.debug;
  c.secure_hsts_seconds = get("SECURE_HSTS_SECONDS") ? parse_int("SECURE_HSTS_SECONDS", *get("SECURE_HSTS_SECONDS"), 0, 999999999)
                                                     : (c.debug ? 0 : 31536000);
  c.session_cookie_secure = get("SESSION_COOKIE_SECURE") ? parse_bool("SESSION_COOKIE_SECURE", *get("SESSION_COOKIE_SECURE")) : !c.debug;
  c.trusted_proxies = split_list(get("TRUSTED_PROXIES").value_or("127.0.0.1,::1"));
  if (auto v = get("THROTTLE_ANON")) c.throttle_anon = parse_rate("THROTTLE_ANON", *v);
  if (auto v = get("THROTTLE_USER")) c.throttle_user = parse_rate("THROTTLE_USER", *v);
  if (auto v = get("LOGIN_RATE_LIMIT")) c.login_rate_limit = parse_rate("LOGIN_RATE_LIMIT", *v);
  if (auto v = get("WORKER_THREADS")) c.worker_threads = parse_int("WORKER_THREADS", *v, 1, 4096);
  if (auto v = get("DB_POOL_SIZE")) c.db_pool_size = parse_int("DB_POOL_SIZE", *v, 1, 1000);
  if (auto v = get("DB_POOL_TIMEOUT")) c.db_pool_timeout = parse_int("DB_POOL_TIMEOUT", *v, 0, 300);
  c.backup_dir = get("BACKUP_DIR").value_or("./backups");
  if (auto v = get("BACKUP_RETENTION_DAYS")) c.backup_retention_days = parse_int("BACKUP_RETENTION_DAYS", *v, 1, 36500);
  c.backup_schedule = get("BACKUP_SCHEDULE").value_or("");
  if (!c.backup_schedule.empty()) {
    const auto& s = c.backup_schedule;
    bool ok = s.size() == 5 && s[2] == ':' && std::isdigit((unsigned char)s[0]) && std::isdigit((unsigned char)s[1]) &&
              std::isdigit((unsigned char)s[3]) && std::isdigit((unsigned char)s[4]) && std::stoi(s.substr(0, 2)) < 24 &&
              std::stoi(s.substr(3, 2)) < 60;
    if (!ok) invalid("BACKUP_SCHEDULE", "expected HH:MM, e.g. 02:00");
  }
  c.metrics_token = get("METRICS_TOKEN").value_or("");
  if (auto v = get("MAINTENANCE_MODE")) c.maintenance_mode = parse_bool("MAINTENANCE_MODE", *v);
  if (auto v = get("SHUTDOWN_TIMEOUT")) c.shutdown_timeout = parse_int("SHUTDOWN_TIMEOUT", *v, 0, 3600);
  return c;
}

}  // namespace the5hc
