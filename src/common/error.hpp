#pragma once
// The one error type of The5HC. Raised anywhere (domain, store, service, handlers); mapped to an HTTP status and
// body in one place (http/error_mapping) and to an exit code by the CLI.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace the5hc {

enum class ErrorCode {
  validation,         // 400  {"field": ["msg"], "non_field_errors": [...]}
  bad_request,        // 400  {"detail": ...}
  not_authenticated,  // 401
  invalid_credentials,// 401
  token_not_valid,    // 401
  permission_denied,  // 403
  account_locked,     // 403
  csrf_failed,        // 403
  not_found,          // 404
  method_not_allowed, // 405
  conflict,           // 409
  payload_too_large,  // 413
  unsupported_media,  // 415
  throttled,          // 429
  unavailable,        // 503
  config,             // CLI exit 78
  usage,              // CLI exit 2
  database_state,     // CLI exit 4 (unreachable, not migrated, schema newer)
  internal,           // 500 / exit 1
};

// Field name -> messages. Messages are msgids (English) translated at the edge (see common/i18n.hpp).
using FieldErrors = std::map<std::string, std::vector<std::string>>;

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message, FieldErrors fields = {})
      : std::runtime_error(message), code_(code), message_(std::move(message)), fields_(std::move(fields)) {}

  static Error validation(FieldErrors fields) { return Error(ErrorCode::validation, "validation failed", std::move(fields)); }
  static Error field(const std::string& name, const std::string& message) {
    return Error(ErrorCode::validation, message, FieldErrors{{name, {message}}});
  }
  static Error not_found(std::string message = "Not found.") { return Error(ErrorCode::not_found, std::move(message)); }

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const FieldErrors& fields() const { return fields_; }
  // Values for `{name}` placeholders of the message and of field messages, besides those encoded with
  // i18n::args() (which travel inside the message string itself).
  std::map<std::string, std::string> args;
  // Response headers the error sets when it is answered over HTTP (Retry-After, Allow, WWW-Authenticate,
  // Location); ignored elsewhere (CLI). See http/error_mapping.hpp.
  std::map<std::string, std::string> headers;

 private:
  ErrorCode code_;
  std::string message_;
  FieldErrors fields_;
};

int http_status(ErrorCode code);
int exit_code(ErrorCode code);
const char* code_name(ErrorCode code);  // "not_authenticated", "account_locked", ... as in API.md §1.6

}  // namespace the5hc
