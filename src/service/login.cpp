#include "service/login.hpp"

#include <soci/soci.h>

#include "auth/password.hpp"
#include "auth/password_policy.hpp"
#include "auth/rate_limiter.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/log.hpp"
#include "common/metrics.hpp"
#include "common/time.hpp"
#include "config/config.hpp"
#include "service/audit.hpp"
#include "service/identity.hpp"
#include "store/database.hpp"
#include "store/users.hpp"

namespace the5hc::service {
namespace {

constexpr int kMaxFailures = 5;

// the5hc_login_attempts_total{result} (OPERATIONS.md §5.2): success, failure, locked, throttled.
void count_attempt(const char* result) {
  metrics::Registry::global()
      .counter("the5hc_login_attempts_total", "Login attempts by result.", {"result"})
      .with({result})
      .inc();
}
constexpr auto kLockDuration = std::chrono::minutes(30);

Error invalid_credentials() {
  // 아이디(이메일) 또는 비밀번호가 올바르지 않습니다.
  return Error(ErrorCode::invalid_credentials, "Invalid username (e-mail) or password.");
}

Error locked(TimePoint now, TimePoint until) {
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(until - now).count();
  auto minutes = std::max<long long>(1, (seconds + 59) / 60);
  // 로그인 5회 실패로 계정이 잠겼습니다. {m}분 후 다시 시도하세요.
  Error e(ErrorCode::account_locked, i18n::args("Account locked after 5 failed logins. Try again in {m} minutes.",
                                                {{"m", std::to_string(minutes)}}));
  e.headers["Retry-After"] = std::to_string(std::max<long long>(1, seconds));
  return e;
}

}  // namespace

LoginResult login(Context& ctx, auth::RateLimiter& limiter, const std::string& identifier,
                  const std::string& password) {
  const TimePoint now = ctx.clock.now();
  auto decision = limiter.hit("login:" + ctx.origin.ip, ctx.config.login_rate_limit, now);
  if (!decision.allowed) {
    log::warning("security", "login rate limit", {{"ip", ctx.origin.ip}});
    count_attempt("throttled");
    // 로그인 시도가 너무 많습니다. 잠시 후 다시 시도하세요.
    Error e(ErrorCode::throttled, "Too many login attempts. Please try again later.");
    e.headers["Retry-After"] = std::to_string(decision.retry_after);
    throw e;
  }

  auto user = ctx.db.read([&](soci::session& sql) { return store::find_user_by_login(sql, identifier); });
  auto record_failure = [&](const std::string& action, std::optional<std::int64_t> user_id, AuditChange change) {
    ctx.db.write([&](soci::session& sql) {
      audit(sql, ctx, action, "user", user_id, identifier, std::nullopt, change);
    });
  };

  std::optional<TimePoint> locked_until;
  if (user && user->locked_until) locked_until = parse_timestamp(*user->locked_until);
  bool lock_active = locked_until && *locked_until > now;
  bool ok = false;
  {
    // Hashing is expensive; the gate bounds how many run at once so logins cannot starve other requests, and the
    // request's shared read ends first so that its pooled connection serves others meanwhile.
    ctx.db.end_shared_read();
    auto permit = auth::HashingGate::shared().acquire();
    if (!user || lock_active) auth::dummy_verify(password);
    else ok = auth::verify_password(password, user->password_hash);
  }
  if (lock_active) {
    log::warning("security", "login refused: account locked", {{"user_id", user->id}});
    count_attempt("locked");
    AuditChange reason;
    reason.extra = R"({"reason":"locked"})";
    record_failure("login_failed", user->id, reason);
    throw locked(now, *locked_until);
  }
  if (!user || !ok || !user->is_active) {
    log::warning("security", "login failed", {{"identifier", identifier}, {"ip", ctx.origin.ip}});
    count_attempt("failure");
    if (!user || !user->is_active) {
      record_failure("login_failed", user ? std::optional<std::int64_t>(user->id) : std::nullopt, {});
      throw invalid_credentials();
    }
    // An expired lock restarts the count (DOMAIN.md §7.1 rule 4).
    int failures = (locked_until ? 0 : user->failed_login_attempts) + 1;
    std::optional<std::string> lock;
    if (failures >= kMaxFailures) lock = format_timestamp(now + kLockDuration);
    ctx.db.write([&](soci::session& sql) {
      store::record_login_failure(sql, user->id, failures, lock, format_timestamp(now));
      audit(sql, ctx, "login_failed", "user", user->id, identifier, std::nullopt);
      if (lock) audit(sql, ctx, "account_locked", "user", user->id, user->username, std::nullopt);
    });
    if (lock) log::warning("security", "account locked", {{"user_id", user->id}});
    throw invalid_credentials();
  }

  bool upgrade = auth::needs_upgrade(user->password_hash);
  std::string new_hash;
  bool must_change = user->must_change_password;
  if (upgrade) {
    ctx.db.end_shared_read();
    auto permit = auth::HashingGate::shared().acquire();
    new_hash = auth::hash_password(password);
    must_change = must_change || !auth::check_password_policy(password, user->username, user->email).empty();
  }
  auto actor = ctx.db.write([&](soci::session& sql) {
    std::string ts = format_timestamp(now);
    store::record_login_success(sql, user->id, ts);
    auto loaded = load_actor(sql, user->id);
    Context as_user = ctx;
    as_user.actor = loaded;
    if (upgrade) {
      store::upgrade_password_hash(sql, user->id, new_hash, must_change);
      audit(sql, as_user, "password_upgraded", "user", user->id, user->username, loaded ? loaded->organization_id : std::nullopt);
    }
    audit(sql, as_user, "login_success", "user", user->id, user->username, loaded ? loaded->organization_id : std::nullopt);
    return loaded;
  });
  if (!actor) throw invalid_credentials();
  count_attempt("success");
  actor->must_change_password = must_change;
  return LoginResult{*actor};
}

SignedInWeb login_for_web_session(Context& ctx, auth::RateLimiter& limiter, const std::string& identifier,
                                  const std::string& password, bool remember_me,
                                  const std::optional<std::string>& previous_session_id) {
  auto actor = login(ctx, limiter, identifier, password).actor;
  return {start_web_session(ctx, actor.user_id, remember_me, previous_session_id), std::move(actor)};
}

SignedIn login_for_tokens(Context& ctx, auth::RateLimiter& limiter, const std::string& identifier,
                          const std::string& password) {
  auto user_id = login(ctx, limiter, identifier, password).actor.user_id;
  return ctx.db.write([&](soci::session& sql) {
    auto tokens = issue_tokens(sql, ctx, user_id, "");
    auto profile = load_profile(sql, ctx, user_id);
    if (!profile) throw Error::not_found();
    return SignedIn{*profile, tokens};
  });
}

}  // namespace the5hc::service
