#pragma once
// Absolute links for responses (the API's download_url, a share link to send by KakaoTalk).
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace the5hc::http {

// "https://host/path": the request's own scheme and host (a trusted proxy's when behind one).
std::string absolute_url(const Request& req, std::string_view path);

}  // namespace the5hc::http
