#pragma once
// Outgoing e-mail (OPERATIONS.md §1, issue 14 item 7). Use cases see only this interface; the SMTP implementation
// is composed in src/app, so nothing below the application talks to a mail server and tests of the rules need none.
#include <string>
#include <string_view>

namespace the5hc::service {

struct MailMessage {
  std::string to, subject, body;  // UTF-8 plain text
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Sends one message; throws (any std::exception) when the server refuses it or cannot be reached.
  virtual void send(const MailMessage& message) = 0;
};

enum class Delivery { not_configured, sent, failed };

// Sends outside any transaction with a few retries (transient SMTP failures are common), logging every failed
// attempt and the final failure; never throws. A null mailer (no EMAIL_HOST) is `not_configured`.
Delivery deliver(Mailer* mailer, const MailMessage& message, std::string_view purpose);

}  // namespace the5hc::service
