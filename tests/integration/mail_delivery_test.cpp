// Invitation e-mail when the SMTP server cannot be reached (issue 14 item 7): the invitation is committed anyway,
// sending is retried and each failure logged, and the inviter still gets the link. (Delivery to a real SMTP server
// is the browser test tests/e2e/admin.test.mjs, against aiosmtpd on loopback.)
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "support/org_world.hpp"
#include "support/suite_server.hpp"

using namespace the5hc;
using namespace the5hc::testing;
using nlohmann::json;

namespace {

class MailDelivery : public SuiteFixture<MailDelivery> {
 public:
  // Port 1 on loopback: nothing listens there, so every connection is refused at once.
  static Env suite_env() {
    return {{"EMAIL_HOST", "127.0.0.1"}, {"EMAIL_PORT", "1"}, {"EMAIL_USE_TLS", "false"}, {"LOG_LEVEL", "info"}};
  }
};

TEST_F(MailDelivery, AnUnreachableServerIsRetriedLoggedAndTheInvitationStays) {
  OrgWorld world(*suite_);
  auto start = std::chrono::steady_clock::now();
  auto sent = world.call("a_owner", "POST", "/api/v1/invitations/", {{"email", "unlucky@example.com"}, {"role", "trainer"}});
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_NE(json::parse(sent.body)["accept_url"].get<std::string>().find("/invitations/accept/"), std::string::npos);
  EXPECT_GE(elapsed, std::chrono::seconds(4)) << "three attempts, 1 s and 3 s apart";
  auto log = server_->output();
  std::size_t retries = 0;
  for (auto at = log.find("e-mail attempt failed, retrying"); at != std::string::npos;
       at = log.find("e-mail attempt failed, retrying", at + 1))
    ++retries;
  EXPECT_EQ(retries, 2u) << log;
  EXPECT_NE(log.find("e-mail could not be sent"), std::string::npos);
  auto pending = world.get("a_owner", "/api/v1/invitations/?status=pending");
  EXPECT_EQ(pending["count"], 1);
}

}  // namespace
