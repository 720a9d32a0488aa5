#include "app/checks.hpp"

#include <algorithm>
#include <set>

namespace the5hc::cli {
namespace {

bool https_origin(const std::string& o) { return o.rfind("https://", 0) == 0 && o.size() > 8; }

}  // namespace

bool database_on_loopback(const DatabaseUrl& url) {
  const auto& h = url.host;
  return h == "localhost" || h == "::1" || h.rfind("127.", 0) == 0 || h.empty() || h.front() == '/';  // '/' = socket
}

bool database_requires_tls(const DatabaseUrl& url) {
  auto it = url.options.find("sslmode");
  return it != url.options.end() && (it->second == "require" || it->second == "verify-ca" || it->second == "verify-full");
}

std::vector<Finding> run_checks(const Config& c, const CheckFacts& f, bool deploy, bool en) {
  std::vector<Finding> out;
  auto add = [&](const char* id, const char* level, const char* ko, const char* english, const char* hint_ko,
                 const char* hint_en) {
    out.push_back(Finding{id, level, en ? english : ko, en ? hint_en : hint_ko});
  };
  // E008 and E009 are also the base checks.
  if (!f.database_reachable)
    add("E008", "error", "데이터베이스에 연결할 수 없습니다.", "The database is unreachable.",
        "DATABASE_URL과 데이터베이스 서버를 확인하세요.", "Check DATABASE_URL and the database server.");
  else if (f.schema_newer)
    add("E008", "error", "데이터베이스 스키마가 이 프로그램보다 최신입니다.", "The database schema is newer than this binary.",
        "새 버전의 the5hc를 사용하세요.", "Use the newer the5hc binary.");
  else if (f.pending_migrations > 0)
    add("E008", "error", "미적용 마이그레이션이 있습니다.", "Migrations are pending.", "`the5hc migrate up`을 실행하세요.",
        "Run `the5hc migrate up`.");
  if (!f.assets_ok || !f.fonts_ok)
    add("E009", "error", "내장 파일 또는 글꼴이 없거나 손상되었습니다.", "Embedded files or fonts are missing or corrupt.",
        "fonts-nanum 패키지를 설치하고 바이너리를 다시 빌드하세요.", "Install fonts-nanum and rebuild the binary.");
  if (!deploy) return out;

  if (c.debug)
    add("E001", "error", "DEBUG가 켜져 있습니다. 운영 환경에서는 DEBUG=false로 설정하세요.", "DEBUG is on.",
        "DEBUG=false", "Set DEBUG=false in production.");
  std::set<char> distinct(c.secret_key.begin(), c.secret_key.end());
  bool example = std::find(f.example_secret_keys.begin(), f.example_secret_keys.end(), c.secret_key) !=
                 f.example_secret_keys.end();
  if (c.secret_key.empty() || c.secret_key_generated || example || c.secret_key.size() < 50 || distinct.size() < 5)
    add("E002", "error", "SECRET_KEY가 없거나 너무 짧거나 기본값입니다.", "SECRET_KEY is unset, short or a default value.",
        "`openssl rand -base64 64`로 50자 이상의 값을 만드세요.", "Generate one with `openssl rand -base64 64` (≥ 50 characters).");
  bool star = std::find(c.allowed_hosts.begin(), c.allowed_hosts.end(), "*") != c.allowed_hosts.end();
  if (c.allowed_hosts.empty() || star)
    add("E003", "error", "ALLOWED_HOSTS가 비어 있거나 '*'를 포함합니다.", "ALLOWED_HOSTS is empty or contains '*'.",
        "서비스 도메인을 ALLOWED_HOSTS에 지정하세요.", "List the site's host names in ALLOWED_HOSTS.");
  if (!c.secure_ssl_redirect)
    add("E004", "error", "SECURE_SSL_REDIRECT가 꺼져 있습니다.", "SECURE_SSL_REDIRECT is off.", "SECURE_SSL_REDIRECT=true",
        "Set SECURE_SSL_REDIRECT=true.");
  if (!c.session_cookie_secure)
    add("E005", "error", "SESSION_COOKIE_SECURE가 꺼져 있습니다.", "SESSION_COOKIE_SECURE is off.",
        "SESSION_COOKIE_SECURE=true", "Set SESSION_COOKIE_SECURE=true.");
  if (c.secure_hsts_seconds < 31536000)
    add("E006", "error", "SECURE_HSTS_SECONDS가 31536000보다 작습니다.", "SECURE_HSTS_SECONDS is below 31536000.",
        "SECURE_HSTS_SECONDS=31536000", "Set SECURE_HSTS_SECONDS=31536000.");
  bool bad_origin = false;
  for (const auto& o : c.csrf_trusted_origins) bad_origin |= !https_origin(o);
  for (const auto& o : c.cors_allowed_origins) bad_origin |= !https_origin(o) || o == "*";
  if (bad_origin)
    add("E007", "error", "CSRF_TRUSTED_ORIGINS 또는 CORS_ALLOWED_ORIGINS에 https:// 가 아닌 출처가 있습니다.",
        "An entry of CSRF_TRUSTED_ORIGINS or CORS_ALLOWED_ORIGINS is not an https:// origin.",
        "https://로 시작하는 정확한 출처만 사용하세요.", "Use exact https:// origins only.");
  if (c.trusted_proxies.empty())
    add("W001", "warning", "TRUSTED_PROXIES가 비어 있습니다 (전달 헤더 무시).", "TRUSTED_PROXIES is empty (forwarded headers ignored).",
        "프록시 뒤에서 실행할 때 설정하세요.", "Set it when running behind a proxy.");
  if (c.email_host.empty())
    add("W002", "warning", "EMAIL_HOST가 설정되지 않았습니다 (초대 메일을 보낼 수 없음).", "EMAIL_HOST is unset (invitations cannot be e-mailed).",
        "SMTP 서버를 설정하세요.", "Configure an SMTP server.");
  if (c.backup_schedule.empty() || !f.backup_dir_writable)
    add("W003", "warning", "BACKUP_SCHEDULE이 없거나 BACKUP_DIR에 쓸 수 없습니다.", "BACKUP_SCHEDULE is unset or BACKUP_DIR is not writable.",
        "BACKUP_SCHEDULE=02:00 처럼 설정하세요.", "Set e.g. BACKUP_SCHEDULE=02:00.");
  if (c.database.engine == DatabaseUrl::Engine::postgres && !f.pg_dump_ok)
    add("W004", "warning", "pg_dump가 없거나 서버보다 오래된 버전입니다.", "pg_dump is missing or older than the server.",
        "postgresql-client를 설치하세요.", "Install a matching postgresql-client.");
  if (c.database.engine == DatabaseUrl::Engine::sqlite && !c.redis_url.empty())
    add("W005", "warning", "SQLite와 REDIS_URL을 함께 사용합니다 (SQLite는 단일 노드만 지원).", "SQLite with REDIS_URL set (SQLite supports one node).",
        "여러 노드에는 PostgreSQL을 사용하세요.", "Use PostgreSQL for several nodes.");
  if (c.metrics_token.empty())
    add("W006", "warning", "METRICS_TOKEN이 설정되지 않았습니다.", "METRICS_TOKEN is unset (metrics readable by anyone).",
        "METRICS_TOKEN을 설정하세요.", "Set METRICS_TOKEN.");
  if (c.jwt_access_minutes > 1440 || c.jwt_refresh_minutes > 43200)
    add("W007", "warning", "JWT 토큰 수명이 너무 깁니다.", "JWT token lifetimes are too long.",
        "JWT_ACCESS_TOKEN_LIFETIME ≤ 1440, JWT_REFRESH_TOKEN_LIFETIME ≤ 43200", "Access ≤ 1440 and refresh ≤ 43200 minutes.");
  if (c.database.engine == DatabaseUrl::Engine::postgres && !database_on_loopback(c.database) &&
      !database_requires_tls(c.database))
    add("W008", "warning", "원격 PostgreSQL 연결에 TLS가 필수로 설정되지 않았습니다.",
        "The PostgreSQL server is not on this machine and DATABASE_URL does not require TLS.",
        "DATABASE_URL에 ?sslmode=require 또는 ?sslmode=verify-full&sslrootcert=...를 추가하세요.",
        "Add ?sslmode=require (or verify-full with sslrootcert) to DATABASE_URL.");
  return out;
}

}  // namespace the5hc::cli
