// `the5hc create-user USERNAME [--email --name --password-stdin --superuser --organization SLUG
//  --create-organization NAME --role ROLE --update]` (OPERATIONS.md §2).
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/cli.hpp"
#include "auth/tokens.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/i18n.hpp"
#include "config/config.hpp"
#include "service/accounts.hpp"

namespace the5hc::cli {
namespace {

std::string prompt_hidden(const std::string& label) {
  std::cerr << label << std::flush;
  termios old{};
  bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  return line;
}

}  // namespace

void register_create_user(CLI::App& app, Context& ctx, Action& action) {
  auto* cmd = app.add_subcommand("create-user", "create (or with --update change) a user and their membership");
  static service::CreateUserRequest req;
  static bool password_stdin = false;
  static std::string org_slug, new_org, role;
  cmd->add_option("USERNAME", req.username, "login name")->required();
  cmd->add_option("--email", req.email, "e-mail address (required for a new user)");
  cmd->add_option("--name", req.name, "display name (default: the username)");
  cmd->add_flag("--password-stdin", password_stdin, "read the password from the first line of stdin");
  cmd->add_flag("--superuser", req.superuser, "platform superuser (all organisations)");
  cmd->add_option("--organization,--organisation", org_slug, "join the organisation with this slug");
  cmd->add_option("--create-organization,--create-organisation", new_org, "create an organisation and join it");
  cmd->add_option("--role", role, "owner|senior|trainer|assistant (default trainer; owner when creating)")
      ->check(CLI::IsMember({"owner", "senior", "trainer", "assistant"}));
  cmd->add_flag("--update", req.update, "change password/name/e-mail/role of an existing user");
  cmd->callback([&] {
    action = [&ctx] {
      if (!org_slug.empty()) req.organization_slug = org_slug;
      if (!new_org.empty()) req.create_organization_name = new_org;
      if (!role.empty()) req.role = role;
      bool generated = false;
      if (password_stdin) {
        std::getline(std::cin, req.password);
        if (!req.password.empty() && req.password.back() == '\r') req.password.pop_back();
      } else if (isatty(STDIN_FILENO)) {
        req.password = prompt_hidden("Password: ");
        if (prompt_hidden("Password (again): ") != req.password)
          throw Error(ErrorCode::usage, "The two passwords differ.");  // 두 비밀번호가 일치하지 않습니다.
      } else if (!req.update) {
        req.password = auth::base64url_encode(auth::random_bytes(12));  // 16 characters
        generated = true;
      }
      service::Context sctx{ctx.database(), ctx.config(), SystemClock::instance(), std::nullopt, {"", "cli", ""},
                            Lang::ko};
      service::CreateUserResult r;
      try {
        r = service::create_user(sctx, req);
      } catch (const Error& e) {
        // Duplicates and policy failures are runtime refusals (exit 1) with the reason, per OPERATIONS.md §2.
        std::cerr << error_text(e, message_language());
        return e.code() == ErrorCode::unavailable ? 4 : 1;
      }
      std::cout << (r.created ? "created user " : "updated user ") << req.username << " (id " << r.user_id << ")";
      if (r.organization_id)
        std::cout << ", " << r.role << " of organisation " << *r.organization_id
                  << (r.organization_created ? " (new)" : "");
      std::cout << "\n";
      if (generated) std::cout << "password: " << req.password << "\n";
      return 0;
    };
  });
}

}  // namespace the5hc::cli
