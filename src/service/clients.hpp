#pragma once
// Client use cases (DOMAIN.md §1.5, §6, §8; API.md §3.1): list with filters, read, create, edit, delete,
// statistics. Visibility: owners and seniors see the organisation's clients, trainers and assistants their own.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "domain/permissions.hpp"
#include "service/context.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/organizations.hpp"
#include "store/packages.hpp"
#include "store/sessions.hpp"

namespace soci {
class session;
}

namespace the5hc::service {

struct ClientQuery {
  std::vector<std::string> search;
  std::optional<std::string> gender, bmi_category, activity, latest_score;  // codes, checked by the handler
  std::optional<std::int64_t> age_min, age_max, trainer_id;
  std::optional<std::string> created_from, created_to;  // dates in the organisation's zone
  store::Sort<store::ClientSort> sort;                  // empty: newest first
  int limit = 20, offset = 0;
  bool with_trainer_choices = false;  // ClientList::trainers, for the web list's filter (the API has no use for them)
};

// A client as shown: the row, the zone of its organisation (for timestamps) and whether it is active today.
struct ClientView {
  store::Client client;
  std::string zone;
  bool active = false;
};

// A trainer a client can be assigned to or filtered by (담당 트레이너).
using TrainerChoice = store::TrainerName;  // id and name of an active trainer

struct ClientList {
  std::int64_t count = 0;
  std::vector<ClientView> results;
  std::vector<TrainerChoice> trainers;  // with_trainer_choices: the organisation's active trainers, for owners and seniors
};

// PUT gives every field, PATCH only some; `email`/`phone` hold nullopt inside to clear them.
struct ClientChanges {
  std::optional<std::int64_t> trainer_id;
  std::optional<std::string> name, gender;
  std::optional<int> age;
  std::optional<double> height, weight;
  std::optional<std::optional<std::string>> email, phone;
  // Type errors found while reading the body; reported together with the rule checks, replacing them per field.
  FieldErrors input_errors;
};

struct ClientStatisticsView {
  std::int64_t total_assessments = 0;
  std::optional<std::int64_t> latest_id;
  std::optional<std::string> latest_date;
  std::optional<double> latest_overall, average_score;
  struct Point {
    std::string date;
    std::optional<double> overall, strength, mobility, balance, cardio;
  };
  std::vector<Point> score_trend;  // oldest first
  std::optional<store::ClientStatistics> money;  // null for assistants
};

// The zone of an organisation (the actor's own without a read); Config::time_zone without one.
std::string organization_zone(soci::session& sql, const Context& ctx, std::optional<std::int64_t> organization_id);

// Everything the client's page shows (WEB.md §4.3 detail), read in one transaction: the client, its statistics
// and score history, active packages, the 5 latest assessments and the 10 latest sessions. Packages and sessions
// stay empty for assistants (money_visible false).
struct ClientOverview {
  ClientView view;
  ClientStatisticsView statistics;
  bool money_visible = false;
  std::vector<store::Package> active_packages;
  std::vector<store::Assessment> recent_assessments;  // newest first
  std::vector<store::Session> recent_sessions;        // newest first
};
ClientOverview client_overview(const Context& ctx, std::int64_t id);

// The add/edit form (WEB.md §4.3): the client being edited (nullopt for a new one) and, for owners and seniors,
// the trainers to choose from.
struct ClientForm {
  std::optional<ClientView> client;
  std::vector<TrainerChoice> trainers;
};
ClientForm client_form(const Context& ctx, std::optional<std::int64_t> id);

// The whole filtered list sorted by name, for an export (WEB.md §6); audits `client_exported` with the filters
// (`description`, as the export's request shows them) and the row count.
ClientList export_clients(const Context& ctx, ClientQuery q, const std::string& description);

// Inline validation of one form field (WEB.md §4.3): "name" (a duplicate name is a warning), "email", "phone".
// nullopt when the value is fine; `client_id` is the client being edited.
struct FieldCheck {
  bool warning = false;  // false: an error
  std::string message;   // msgid
};
std::optional<FieldCheck> check_client_field(const Context& ctx, const std::string& field, const std::string& value,
                                             std::optional<std::int64_t> client_id);


ClientList list_clients(const Context& ctx, const ClientQuery& q);
ClientView get_client(const Context& ctx, std::int64_t id);
ClientView create_client(const Context& ctx, const ClientChanges& in);
ClientView update_client(const Context& ctx, std::int64_t id, const ClientChanges& changes);

// The web form's save (WEB.md §4.3): create (no id) or update, and when the input is refused (a validation error,
// nothing written) the error together with what the re-rendered form needs, so the page makes one call.
struct ClientSave {
  std::optional<ClientView> saved;
  std::optional<Error> rejected;        // validation only; any other error is thrown
  std::vector<TrainerChoice> trainers;  // with `rejected`: the form's trainer choices
};
ClientSave save_client(const Context& ctx, std::optional<std::int64_t> id, const ClientChanges& changes);
// Returns the deleted client's name (for the confirmation message).
std::string delete_client(const Context& ctx, std::int64_t id);
ClientStatisticsView client_statistics(const Context& ctx, std::int64_t id);

// Trainers and assistants see only their own clients (DOMAIN.md §6.1): their trainer id; nullopt for owners,
// seniors and superusers.
std::optional<std::int64_t> own_clients_only(const Actor& actor);

// The visible client, for use cases of its records (assessments, packages); 404 otherwise. Its row and trainer
// name only (store::find_client_record): the derived counts and dates stay empty.
store::Client visible_client(soci::session& sql, const Context& ctx, std::int64_t id, domain::Action action);

}  // namespace the5hc::service
