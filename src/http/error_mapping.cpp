#include "http/error_mapping.hpp"

#include "common/i18n.hpp"
#include "common/log.hpp"
#include "http/json_response.hpp"

namespace the5hc::http {

namespace {

const char* maintenance_message(const Request& req) {
  return req.is_api() ? "Service is under maintenance." : "Service is under maintenance. Please try again later.";
}

// Field errors → API.md §1.6 body. Errors of list items are keyed "responses.2.selected_choices" and shown nested
// (API.md §3.2): {"responses": {"2": {"selected_choices": [...]}}}.
nlohmann::json field_error_body(const Request& req, const Error& e, const std::map<std::string, std::string>& args) {
  nlohmann::json body = nlohmann::json::object();
  for (const auto& [field, messages] : e.fields()) {
    nlohmann::json* slot = &body;
    std::string_view rest = field;
    for (auto dot = rest.find('.'); dot != std::string_view::npos && slot->is_object(); dot = rest.find('.')) {
      slot = &(*slot)[std::string(rest.substr(0, dot))];
      if (slot->is_null()) *slot = nlohmann::json::object();
      rest.remove_prefix(dot + 1);
    }
    if (!slot->is_object()) slot = &body, rest = field;  // a plain field of that name already exists
    auto& list = (*slot)[std::string(rest)];
    if (!list.is_array()) list = nlohmann::json::array();
    for (const auto& m : messages) list.push_back(i18n::translate(req.lang, m, args));
  }
  return body;
}

}  // namespace

ErrorReply map_error(const Request& req, const Error& e) {
  ErrorReply reply;
  reply.status = http_status(e.code());
  if (reply.status >= 500 && e.code() != ErrorCode::unavailable && e.code() != ErrorCode::database_state) {
    reply.internal = true;
    reply.message = i18n::tr(req.lang, "A server error occurred.");
    reply.json_body = dump_json({{"detail", reply.message}});
    return reply;
  }
  reply.headers = e.headers;
  std::map<std::string, std::string> args = e.args;
  if (e.code() == ErrorCode::throttled) {
    auto wait = reply.headers.find("Retry-After");
    if (!args.count("n")) args["n"] = wait != reply.headers.end() ? wait->second : "60";
    if (wait == reply.headers.end()) reply.headers["Retry-After"] = args["n"];
  }
  reply.message = i18n::translate(req.lang, e.message(), args);
  if (e.code() == ErrorCode::database_state) {
    // Its text names hosts and schema versions: for operators (log), not for clients.
    log::error("db", "database unavailable", {{"error", i18n::translate(Lang::en, e.message(), args)}});
    reply.message = i18n::tr(req.lang, maintenance_message(req));
    reply.headers.try_emplace("Retry-After", "30");
  }

  nlohmann::json body;
  if (e.code() == ErrorCode::validation) {
    body = field_error_body(req, e, args);
    if (body.empty()) body["non_field_errors"] = nlohmann::json::array({reply.message});
  } else {
    body = {{"detail", reply.message}};
    if (reply.status == 401 || reply.status == 403 || reply.status == 429) body["code"] = code_name(e.code());
  }
  reply.json_body = dump_json(body);
  if (reply.status == 401 && req.is_api()) reply.headers.try_emplace("WWW-Authenticate", "Bearer realm=\"api\"");
  return reply;
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#x27;"; break;
      default: out += c;
    }
  }
  return out;
}

Response default_html_error_page(const Request& req, int status, const std::string& message,
                                 const std::string& detail) {
  if (req.headers.has("HX-Request")) {
    // WEB.md §2: HTMX requests get the message as a toast and keep the current page. Header values must stay
    // ASCII, hence ensure_ascii (\uXXXX for Korean).
    // a server error's toast names the request id too, for the operator (as the full page does)
    std::string text = message;
    if (status >= 500 && !req.request_id.empty())
      text += " (" + i18n::tr(req.lang, "Request ID") + ": " + req.request_id + ")";
    nlohmann::json trigger = {{"showMessage", {{"level", "error"}, {"text", text}}}};
    Response r = Response::html(status, "");
    r.headers.set("HX-Trigger", trigger.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
    r.headers.set("HX-Reswap", "none");
    return r;
  }
  std::string body = "<!doctype html>\n<html lang=\"" + std::string(lang_code(req.lang)) +
                     "\"><head><meta charset=\"utf-8\"><title>" + std::to_string(status) +
                     " - The5HC</title></head><body><h1>" + html_escape(message) + "</h1>";
  if (status >= 500 && !req.request_id.empty())
    body += "<p>" + html_escape(i18n::tr(req.lang, "Request ID")) + ": <code>" + html_escape(req.request_id) +
            "</code></p>";
  if (!detail.empty()) body += "<pre>" + html_escape(detail) + "</pre>";
  body += "</body></html>\n";
  return Response::html(status, std::move(body));
}

Response internal_error_response(const Request& req, const std::string& detail, const ErrorHandlerOptions& options) {
  log::error("app", "unhandled error", {{"error", detail}, {"method", req.method}, {"route", req.route}});
  if (req.is_api()) {
    nlohmann::json body = {{"detail", i18n::tr(req.lang, "A server error occurred.")}, {"request_id", req.request_id}};
    return json_response(500, body);
  }
  return options.html_page(req, 500, i18n::tr(req.lang, "An error occurred. Please try again later."),
                           options.debug ? detail : std::string());
}

Response error_response(const Request& req, const Error& e, const ErrorHandlerOptions& options) {
  ErrorReply reply = map_error(req, e);
  if (reply.internal) return internal_error_response(req, e.message(), options);

  Response res;
  if (req.is_api()) {
    res = Response::json(reply.status, reply.json_body);
  } else {
    std::string page_message = reply.message;
    if (reply.status == 404) page_message = i18n::tr(req.lang, "Page not found.");
    else if (e.code() == ErrorCode::permission_denied)  // CSRF and lockout pages keep their specific message
      page_message = i18n::tr(req.lang, "You do not have permission to access this page.");
    else if (e.code() == ErrorCode::validation && !e.fields().empty()) page_message = i18n::tr(req.lang, "Bad request.");
    res = options.html_page(req, reply.status, page_message, "");
  }
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.headers.set(name, value);
  return res;
}

Middleware error_handler(ErrorHandlerOptions options) {
  return [options = std::move(options)](Request& req, const Handler& next) {
    try {
      return next(req);
    } catch (const Error& e) {
      return error_response(req, e, options);
    } catch (const std::exception& e) {
      return internal_error_response(req, e.what(), options);
    } catch (...) {
      return internal_error_response(req, "unknown exception", options);
    }
  };
}

}  // namespace the5hc::http
