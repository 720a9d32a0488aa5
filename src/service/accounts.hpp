#pragma once
// Account administration use cases shared by the CLI (`create-user`) and, later, the API.
#include <cstdint>
#include <optional>
#include <string>

#include "service/context.hpp"

namespace the5hc::service {

struct CreateUserRequest {
  std::string username, email, name, password;
  bool superuser = false;
  std::optional<std::string> organization_slug;         // join this organisation
  std::optional<std::string> create_organization_name;  // create one and join it (as owner by default)
  std::optional<std::string> role;                      // owner | senior | trainer | assistant
  bool update = false;  // change password / name / e-mail / role of an existing user instead
};

struct CreateUserResult {
  std::int64_t user_id = 0;
  std::optional<std::int64_t> organization_id, trainer_id;
  std::string role;
  bool created = true;
  bool organization_created = false;
};

// Letters, digits and @.+-_, at most 150 characters (DOMAIN.md §1.2).
bool valid_username(const std::string& username);

// Validates (username characters, e-mail, password policy of DOMAIN.md §7.3, max_trainers) and writes the user,
// membership and audit rows in one transaction. Throws Error(validation) with field errors; nothing is written then.
CreateUserResult create_user(Context& ctx, const CreateUserRequest& req);

}  // namespace the5hc::service
