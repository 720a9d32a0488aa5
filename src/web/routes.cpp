#include "web/routes.hpp"

#include "web/accounts.hpp"
#include "web/assessments.hpp"
#include "web/audit.hpp"
#include "web/clients.hpp"
#include "web/dashboard.hpp"
#include "web/invitations.hpp"
#include "web/notifications.hpp"
#include "web/organization.hpp"
#include "web/packages.hpp"
#include "web/payments.hpp"
#include "web/reports.hpp"
#include "web/sessions.hpp"
#include "web/share.hpp"
#include "web/trainers.hpp"

namespace the5hc::web {

void register_routes(http::Router& router, const service::Dependencies& deps) {
  register_account_routes(router, deps);
  register_dashboard_routes(router, deps);
  register_client_routes(router, deps);
  register_assessment_routes(router, deps);
  register_notification_routes(router, deps);
  register_invitation_routes(router, deps);
  register_package_routes(router, deps);
  register_session_routes(router, deps);
  register_payment_routes(router, deps);
  register_trainer_routes(router, deps);
  register_organization_routes(router, deps);
  register_audit_routes(router, deps);
  register_report_routes(router, deps);
  register_share_routes(router, deps);
}

}  // namespace the5hc::web
