#pragma once
// Private share links to a client's results (issue 15): created and revoked by whoever may edit the client,
// listed by whoever may see them. The token is shown once, when the link is created; only its hash is kept.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/share_links.hpp"
#include "service/context.hpp"
#include "service/views.hpp"
#include "store/share_links.hpp"

namespace the5hc::service {

struct NewShareLink {
  int expires_in_days = domain::kShareLinkDefaultDays;
  bool consent = false;  // the client agreed to receive the link
};

struct CreatedShareLink {
  store::ShareLink link;
  std::string token;  // 128 random bits, URL-safe base64 (22 characters); never stored
  std::string zone;   // for the link's timestamps
};

CreatedShareLink create_share_link(const Context& ctx, std::int64_t client_id, const NewShareLink& in);
Rows<store::ShareLink> list_share_links(const Context& ctx, std::int64_t client_id);
// Revoking twice leaves the first revocation in place.
Shown<store::ShareLink> revoke_share_link(const Context& ctx, std::int64_t client_id, std::int64_t link_id);

}  // namespace the5hc::service
