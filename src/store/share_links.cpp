#include "store/share_links.hpp"

#include "store/query.hpp"
#include "store/row.hpp"

namespace the5hc::store {
namespace {

const char* kSelect =
    "SELECT l.id, l.organization_id, l.client_id, l.created_by_id, l.revoked_by_id, l.created_at, l.expires_at, "
    "l.consent_at, l.revoked_at, l.last_viewed_at, l.view_count, u.name, c.trainer_id, l.language "
    "FROM client_share_links l JOIN clients c ON c.id = l.client_id LEFT JOIN users u ON u.id = l.created_by_id ";

ShareLink to_link(const Row& r) {
  ShareLink l;
  l.id = get_int(r, 0);
  l.organization_id = get_int(r, 1);
  l.client_id = get_int(r, 2);
  l.created_by_id = get_opt_int(r, 3);
  l.revoked_by_id = get_opt_int(r, 4);
  l.created_at = get_text(r, 5);
  l.expires_at = get_text(r, 6);
  l.consent_at = get_text(r, 7);
  l.revoked_at = get_opt_text(r, 8);
  l.last_viewed_at = get_opt_text(r, 9);
  l.view_count = get_int(r, 10);
  l.created_by_name = get_text(r, 11);
  l.client_trainer_id = get_int(r, 12);
  l.language = get_text(r, 13);
  return l;
}

std::vector<ShareLink> select_links(soci::session& sql, const std::string& where, SqlParams& p) {
  std::vector<ShareLink> out;
  for_each_row(sql, std::string(kSelect) + "WHERE " + where, p, [&](const Row& r) { out.push_back(to_link(r)); });
  return out;
}

}  // namespace

std::int64_t insert_share_link(soci::session& sql, const ShareLink& link, const std::string& token_sha256) {
  long long org = link.organization_id, client = link.client_id, id = 0;
  OptionalParam<long long> by(link.created_by_id ? std::optional<long long>(*link.created_by_id) : std::nullopt);
  sql << "INSERT INTO client_share_links (organization_id, client_id, created_by_id, token_sha256, created_at, "
         "expires_at, consent_at, language) VALUES (:org, :client, :by, :token, :created, :expires, :consent, :lang) "
         "RETURNING id",
      soci::use(org), soci::use(client), soci::use(by.value, by.ind), soci::use(token_sha256),
      soci::use(link.created_at), soci::use(link.expires_at), soci::use(link.consent_at), soci::use(link.language),
      soci::into(id);
  return id;
}

std::optional<ShareLink> find_share_link(soci::session& sql, std::int64_t id) {
  SqlParams p;
  auto rows = select_links(sql, "l.id = " + p.add(id), p);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<ShareLink> client_share_links(soci::session& sql, std::int64_t client_id) {
  SqlParams p;
  return select_links(sql, "l.client_id = " + p.add(client_id) + " ORDER BY l.created_at DESC, l.id DESC", p);
}

std::optional<ShareLink> find_share_link_by_token(soci::session& sql, const std::string& token_sha256) {
  SqlParams p;
  auto rows = select_links(sql, "l.token_sha256 = " + p.add(token_sha256), p);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

void record_share_link_view(soci::session& sql, std::int64_t id, const std::string& now) {
  SqlParams p;
  execute(sql,
          "UPDATE client_share_links SET view_count = view_count + 1, last_viewed_at = " + p.add(now) +
              " WHERE id = " + p.add(id),
          p);
}

void revoke_share_link(soci::session& sql, std::int64_t id, std::int64_t revoked_by, const std::string& now) {
  SqlParams p;
  execute(sql,
          "UPDATE client_share_links SET revoked_at = " + p.add(now) + ", revoked_by_id = " + p.add(revoked_by) +
              " WHERE id = " + p.add(id) + " AND revoked_at IS NULL",
          p);
}

}  // namespace the5hc::store
