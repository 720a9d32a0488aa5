#pragma once
// Private share links to a client's results (issue 15): created and revoked by whoever may edit the client,
// listed by whoever may see them. The token is shown once, when the link is created; only its hash is kept.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/share_links.hpp"
#include "service/assessments.hpp"
#include "service/clients.hpp"
#include "service/context.hpp"
#include "service/views.hpp"
#include "store/share_links.hpp"

namespace the5hc::auth {
class RateLimiter;
}

namespace the5hc::service {

struct NewShareLink {
  int expires_in_days = domain::kShareLinkDefaultDays;
  bool consent = false;  // the client agreed to receive the link
  Lang language = Lang::ko;  // the client reads the page and the report in it
};

struct CreatedShareLink {
  store::ShareLink link;
  std::string token;  // 128 random bits, URL-safe base64 (22 characters); never stored
  std::string zone;   // for the link's timestamps
  std::vector<store::ShareLink> links;  // all of the client's links after this one, newest first (the web list)
};

CreatedShareLink create_share_link(const Context& ctx, std::int64_t client_id, const NewShareLink& in);
Rows<store::ShareLink> list_share_links(const Context& ctx, std::int64_t client_id);
// Revoking twice leaves the first revocation in place.
Shown<store::ShareLink> revoke_share_link(const Context& ctx, std::int64_t client_id, std::int64_t link_id);

// --- the public page /s/{token}/ (no login) ---------------------------------------------------------------------
// Every request of a token, known or not, counts against THROTTLE_ANON for the caller's IP (429, own counter), so
// tokens cannot be guessed by trying; an unknown token is 404. Only these facts of the one client leave the service.
struct SharedResults {
  bool gone = false;  // expired or revoked: nothing below is filled
  Lang lang = Lang::ko;
  std::string organization_name, client_name;
  std::optional<AssessmentView> latest;  // the client's newest assessment
  std::vector<ClientStatisticsView::Point> history;  // every assessment's scores, oldest first
  std::optional<std::string> next_retest;  // YYYY-MM-DD: the latest assessment + 90 days
  std::optional<std::int64_t> remaining_sessions;  // over the active packages; empty without one
};
// Counts the view (view_count, last_viewed_at) of an active link.
SharedResults shared_results(const Context& ctx, auth::RateLimiter& limiter, const std::string& token);

// The link of a public token for the shared report (service/reports): rate-limited and 404 like shared_results;
// empty when the link is expired or revoked. Counts the view of an active link.
std::optional<store::ShareLink> open_share_link(const Context& ctx, auth::RateLimiter& limiter, const std::string& token);

}  // namespace the5hc::service
