#include "app/smtp_mailer.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <mutex>
#include <stdexcept>

#include "config/config.hpp"

namespace the5hc::app {
namespace {

const Poco::Timespan kTimeout(10, 0);  // connect and every reply; service::deliver retries on top

void fill(Poco::Net::MailMessage& msg, const Config& config, const service::MailMessage& m) {
  msg.setSender(config.default_from_email);
  msg.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, m.to));
  msg.setSubject(Poco::Net::MailMessage::encodeWord(m.subject, "UTF-8"));  // RFC 2047: the subject is Korean
  msg.setContentType("text/plain; charset=UTF-8");
  msg.setContent(m.body, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
}

void authenticate(Poco::Net::SMTPClientSession& session, const Config& config) {
  if (!config.email_user.empty())
    session.login(Poco::Net::SMTPClientSession::AUTH_LOGIN, config.email_user, config.email_password);
}

}  // namespace

SmtpMailer::SmtpMailer(const Config& config) : config_(config) {
  static std::once_flag ssl;
  std::call_once(ssl, [] { Poco::Net::initializeSSL(); });
}

void SmtpMailer::send(const service::MailMessage& message) {
  Poco::Net::MailMessage msg;
  fill(msg, config_, message);
  auto port = static_cast<Poco::UInt16>(config_.email_port);
  if (config_.email_use_tls) {
    // The host-name constructor, so that STARTTLS checks the certificate against EMAIL_HOST.
    Poco::Net::SecureSMTPClientSession session(config_.email_host, port);
    session.setTimeout(kTimeout);
    session.login();
    Poco::Net::Context::Ptr tls = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "",
                                                         Poco::Net::Context::VERIFY_RELAXED, 9, true);
    if (!session.startTLS(tls)) throw std::runtime_error("the SMTP server does not offer STARTTLS");
    authenticate(session, config_);
    session.sendMessage(msg);
    session.close();
    return;
  }
  Poco::Net::StreamSocket socket;
  socket.connect(Poco::Net::SocketAddress(config_.email_host, port), kTimeout);
  Poco::Net::SMTPClientSession session(socket);
  session.setTimeout(kTimeout);
  session.login();
  authenticate(session, config_);
  session.sendMessage(msg);
  session.close();
}

}  // namespace the5hc::app
