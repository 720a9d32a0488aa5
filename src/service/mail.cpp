#include "service/mail.hpp"

#include <chrono>
#include <exception>
#include <thread>

#include "common/log.hpp"

namespace the5hc::service {

namespace {
// Three attempts: at once, after 1 s, after 3 s more; with the SMTP client's own 10 s timeouts an unreachable server
// costs the inviter at most about half a minute, and a refused connection about four seconds.
constexpr std::chrono::milliseconds kBackoff[] = {std::chrono::milliseconds(1000), std::chrono::milliseconds(3000)};
constexpr int kAttempts = 3;
}  // namespace

Delivery deliver(Mailer* mailer, const MailMessage& message, std::string_view purpose) {
  if (!mailer) return Delivery::not_configured;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    try {
      mailer->send(message);
      log::info("mail", "e-mail sent", {{"purpose", purpose}, {"to", message.to}, {"attempt", attempt}});
      return Delivery::sent;
    } catch (const std::exception& e) {
      bool last = attempt == kAttempts;
      log::write(last ? log::Level::error : log::Level::warning, "mail",
                 last ? "e-mail could not be sent" : "e-mail attempt failed, retrying",
                 {{"purpose", purpose}, {"to", message.to}, {"attempt", attempt}, {"error", e.what()}});
      if (!last) std::this_thread::sleep_for(kBackoff[attempt - 1]);
    }
  }
  return Delivery::failed;
}

}  // namespace the5hc::service
