#pragma once
// Authentication of API requests (API.md §1.3): `Authorization: Bearer <access token>` sets the request's actor;
// an invalid bearer token is 401 token_not_valid even when a session cookie is present. Anonymous requests pass
// through; use cases that need a user refuse them (service::require_actor → 401).
#include "http/handler.hpp"
#include "service/context.hpp"
#include "service/web_sessions.hpp"

namespace the5hc::front {

http::Middleware bearer_authentication(const service::Dependencies& deps);

// Who is asking: the actor, and for a web session its CSRF secret (pages put a masked token for it in their forms;
// empty for bearer tokens), its cookie id, the flash it holds and the superuser's organisation choices. An anonymous
// web session (it only carries a flash after logging out) has no actor.
struct Principal {
  std::optional<service::Actor> actor;
  std::string csrf_secret;
  std::string session_id;
  std::optional<service::Flash> flash;
  std::vector<service::OrganizationChoice> organization_choices;
};

// Makes `actor` the request's principal (bearer token or web session): the actor for handlers, the user id for
// the access log, and the user's language unless the request names one.
void authenticate(http::Request& req, const service::Actor& actor, std::string csrf_secret = "");
void authenticate(http::Request& req, Principal principal);

// The authenticated actor of the request; nullptr when anonymous.
const service::Actor* actor(const http::Request& req);
const Principal* principal(const http::Request& req);

}  // namespace the5hc::front
