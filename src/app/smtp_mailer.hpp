#pragma once
// service::Mailer over SMTP (POCO Net): EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
// EMAIL_USE_TLS (STARTTLS, as Django's setting means), DEFAULT_FROM_EMAIL (OPERATIONS.md §1). One connection per
// message: invitations are rare, and a fresh session cannot be left half-broken by an earlier failure.
#include "service/mail.hpp"

namespace the5hc {
struct Config;
}

namespace the5hc::app {

class SmtpMailer final : public service::Mailer {
 public:
  explicit SmtpMailer(const Config& config);
  void send(const service::MailMessage& message) override;

 private:
  const Config& config_;
};

}  // namespace the5hc::app
