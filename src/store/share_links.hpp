#pragma once
// Clients' private share links (migrations 0003, 0008): only the SHA-256 of a token is stored.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace the5hc::store {

struct ShareLink {
  std::int64_t id = 0, organization_id = 0, client_id = 0;
  std::optional<std::int64_t> created_by_id, revoked_by_id;
  std::string created_at, expires_at, consent_at;
  std::optional<std::string> revoked_at, last_viewed_at;
  std::int64_t view_count = 0;
  std::string language = "ko";  // the client reads the shared page and report in it
  // joined
  std::string created_by_name;
  std::int64_t client_trainer_id = 0;
};

// `link` gives organisation, client, creator, language and the three timestamps.
std::int64_t insert_share_link(soci::session& sql, const ShareLink& link, const std::string& token_sha256);
std::optional<ShareLink> find_share_link(soci::session& sql, std::int64_t id);
// The client's links, newest first.
std::vector<ShareLink> client_share_links(soci::session& sql, std::int64_t client_id);
// The link whose token hashes to `token_sha256`, whatever its state.
std::optional<ShareLink> find_share_link_by_token(soci::session& sql, const std::string& token_sha256);
void record_share_link_view(soci::session& sql, std::int64_t id, const std::string& now);
void revoke_share_link(soci::session& sql, std::int64_t id, std::int64_t revoked_by, const std::string& now);

}  // namespace the5hc::store
