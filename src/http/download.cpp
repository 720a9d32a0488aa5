#include "http/download.hpp"

namespace the5hc::http {

Response file_download(const std::string& content_type, std::string bytes, const std::string& ascii_name,
                       const std::string& utf8_name, bool inline_view) {
  auto response = Response::bytes(200, content_type, std::move(bytes));
  response.header("Content-Disposition", std::string(inline_view ? "inline" : "attachment") + "; filename=\"" +
                                             ascii_name + "\"; filename*=UTF-8''" + url_encode(utf8_name));
  response.header("Cache-Control", "private, no-store");
  return response;
}

}  // namespace the5hc::http
