#include "web/routes.hpp"

#include "web/accounts.hpp"
#include "web/clients.hpp"
#include "web/dashboard.hpp"
#include "web/invitations.hpp"
#include "web/notifications.hpp"
#include "web/reports.hpp"
#include "web/share.hpp"

namespace the5hc::web {

void register_routes(http::Router& router, const service::Dependencies& deps) {
  register_account_routes(router, deps);
  register_dashboard_routes(router, deps);
  register_client_routes(router, deps);
  register_notification_routes(router, deps);
  register_invitation_routes(router, deps);
  register_report_routes(router, deps);
  register_share_routes(router, deps);
}

}  // namespace the5hc::web
