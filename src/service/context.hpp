#pragma once
// What every use case receives: the database, configuration, clock, who is acting and from where.
#include <cstdint>
#include <optional>
#include <string>

#include "common/i18n.hpp"

namespace the5hc {
struct Config;
class Clock;
namespace store {
class Database;
}
namespace auth {
class RateLimiter;
}

namespace service {
class Mailer;

// The organisation of an active membership, read together with it when the actor is loaded (one read per request):
// what use cases need of it without going back to the database (zone for dates and rendering, fee rates, name).
struct ActorOrganization {
  std::int64_t id = 0;
  std::string name;
  std::string timezone;
  int vat_rate_bp = 0, card_fee_rate_bp = 0;
};

// The authenticated person and their membership (DOMAIN.md §6). A user without a membership has no
// organization_id; a platform superuser may have none and still sees every organisation.
struct Actor {
  std::int64_t user_id = 0;
  std::string username, name, email;
  bool is_superuser = false;
  std::optional<std::int64_t> organization_id;
  std::optional<std::int64_t> trainer_id;
  std::string role;  // owner | senior | trainer | assistant | "" (no membership)
  std::optional<ActorOrganization> organization;  // set exactly when organization_id is
  bool trainer_active = true;
  bool must_change_password = false;
  std::string language = "ko";
};

// What the front ends (API, web pages, CLI) need to build a Context: passed by reference, owned by whoever runs
// the program (`serve`, a CLI command, a test). It lives here, below its users, so that api/ and web/ never reach
// up into app/ for it.
struct Dependencies {
  const Config& config;
  store::Database& db;
  const Clock& clock;
  auth::RateLimiter& limiter;  // per-IP login limit and API throttles (keys are prefixed by purpose)
  Mailer* mailer = nullptr;    // outgoing e-mail (SMTP); null when EMAIL_HOST is unset
};

// Where a request came from, for the audit log.
struct Origin {
  std::string ip, user_agent, request_id;
};

struct Context {
  store::Database& db;
  const Config& config;
  const Clock& clock;
  std::optional<Actor> actor;  // empty for anonymous requests and system jobs
  Origin origin;
  Lang lang = Lang::ko;
};

}  // namespace service
}  // namespace the5hc
