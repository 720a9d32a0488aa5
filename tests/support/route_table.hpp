#pragma once
// Every route of the application `the5hc serve` runs, read from its router (app::Application), for the suites that
// sweep all routes (isolation, hostile input): a new route is in this list the moment it is registered.
#include <string>
#include <vector>

namespace the5hc::testing {

struct RouteTemplate {
  std::string method;  // GET, POST, PUT, PATCH, DELETE (implicit HEAD/OPTIONS excluded)
  std::string path;    // the router's template: "/api/v1/clients/{id:int}/share-links/{link_id:int}/revoke/"

  struct Param {
    std::string name;   // "id", "link_id", "code"
    std::string owner;  // the literal segment before it ("clients" for the first {id} above); "" at the start
  };
  std::vector<Param> params() const;  // in path order
  bool api() const { return path.starts_with("/api/"); }
  // The template with each parameter replaced by its value, in path order.
  std::string fill(const std::vector<std::string>& values) const;
  // The literal segments after the last parameter, joined by '/' ("share-links/revoke" → "revoke"); "" when none.
  std::string tail() const;
};

// The routes in registration order. The application is built once per process with an SQLite database that is
// never opened (the database connects lazily).
const std::vector<RouteTemplate>& application_routes();

}  // namespace the5hc::testing
