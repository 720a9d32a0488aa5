#include "common/error.hpp"

namespace the5hc {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::validation:
    case ErrorCode::bad_request:
    case ErrorCode::usage: return 400;
    case ErrorCode::not_authenticated:
    case ErrorCode::invalid_credentials:
    case ErrorCode::token_not_valid: return 401;
    case ErrorCode::permission_denied:
    case ErrorCode::account_locked:
    case ErrorCode::csrf_failed: return 403;
    case ErrorCode::not_found: return 404;
    case ErrorCode::method_not_allowed: return 405;
    case ErrorCode::conflict: return 409;
    case ErrorCode::payload_too_large: return 413;
    case ErrorCode::unsupported_media: return 415;
    case ErrorCode::throttled: return 429;
    case ErrorCode::unavailable:
    case ErrorCode::database_state: return 503;
    case ErrorCode::config:
    case ErrorCode::internal: return 500;
  }
  return 500;
}

int exit_code(ErrorCode code) {
  switch (code) {
    case ErrorCode::config: return 78;
    case ErrorCode::usage:
    case ErrorCode::validation:
    case ErrorCode::bad_request: return 2;
    case ErrorCode::unavailable:
    case ErrorCode::database_state: return 4;
    default: return 1;
  }
}

const char* code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::validation: return "invalid";
    case ErrorCode::bad_request: return "bad_request";
    case ErrorCode::not_authenticated: return "not_authenticated";
    case ErrorCode::invalid_credentials: return "invalid_credentials";
    case ErrorCode::token_not_valid: return "token_not_valid";
    case ErrorCode::permission_denied: return "permission_denied";
    case ErrorCode::account_locked: return "account_locked";
    case ErrorCode::csrf_failed: return "permission_denied";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::method_not_allowed: return "method_not_allowed";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::payload_too_large: return "payload_too_large";
    case ErrorCode::unsupported_media: return "unsupported_media_type";
    case ErrorCode::throttled: return "throttled";
    case ErrorCode::unavailable: return "service_unavailable";
    case ErrorCode::config: return "config";
    case ErrorCode::usage: return "usage";
    case ErrorCode::database_state: return "database_state";
    case ErrorCode::internal: return "error";
  }
  return "error";
}

}  // namespace the5hc
