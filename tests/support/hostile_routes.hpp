#pragma once
// The hostile-input corpus's table of write routes (issue 17 part 4): every POST/PUT/PATCH/DELETE route of the real
// router with the user that calls it, the shape of its body and a path with fixture placeholders. A route of the
// router that is missing here fails the corpus with its name, so a new write route is covered as soon as it exists.
//
// Placeholders, replaced by the ids of the corpus's fixtures: {client} {package} {session} {assessment} {report}
// {payment} {invitation} {code} {link} {trainer} {notification} {org} {category} {question}. In a JSON body a
// string value that is exactly a placeholder becomes the integer id; in a form it becomes its decimal text.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace the5hc::testing {

enum class BodyShape {
  json,  // API: a JSON object; `base` is a body that passes parsing (its fields are mutated one at a time)
  form,  // web: application/x-www-form-urlencoded; `base` maps field → value
  none,  // an action without a body (delete, activate, read): only hostile ids, CSRF and tokens apply
};

struct WriteRoute {
  std::string method, route;  // as the router spells them
  std::string who;            // OrgWorld user ("" = anonymous)
  BodyShape shape;
  std::string path;           // with placeholders
  nlohmann::json base = nlohmann::json::object();
};

const std::vector<WriteRoute>& hostile_write_routes();

}  // namespace the5hc::testing
