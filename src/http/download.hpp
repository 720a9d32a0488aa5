#pragma once
// A file sent to the browser (PDF reports for the API, the web pages and the public share page): the ASCII name
// for old clients and the UTF-8 one (RFC 6266 filename*) for the rest, never cached.
#include <string>

#include "http/message.hpp"

namespace the5hc::http {

// `ascii_name` must be plain ASCII without quotes; `utf8_name` is percent-encoded here.
Response file_download(const std::string& content_type, std::string bytes, const std::string& ascii_name,
                       const std::string& utf8_name, bool inline_view);

}  // namespace the5hc::http
