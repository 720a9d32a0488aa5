#include "http/urls.hpp"

namespace the5hc::http {

std::string absolute_url(const Request& req, std::string_view path) {
  return std::string(req.secure ? "https://" : "http://") + req.host + std::string(path);
}

}  // namespace the5hc::http
