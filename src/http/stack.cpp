#include "http/stack.hpp"

#include "common/metrics.hpp"
#include "config/config.hpp"
#include "http/text_input.hpp"

namespace the5hc::http {

StackOptions StackOptions::from_config(const Config& config) {
  StackOptions o;
  o.debug = config.debug;
  o.hsts_seconds = config.secure_hsts_seconds;
  o.trusted_proxies = config.trusted_proxies;
  o.allowed_hosts = config.allowed_hosts;
  o.cors_allowed_origins = config.cors_allowed_origins;
  o.ssl_redirect = config.secure_ssl_redirect;
  if (config.maintenance_mode) o.maintenance = [] { return true; };
  return o;
}

Handler standard_chain(const StackOptions& options, std::vector<Middleware> application, Handler inner) {
  std::vector<Middleware> chain;
  chain.push_back(forwarded(options.trusted_proxies));
  chain.push_back(request_id());
  chain.push_back(access_log());
  chain.push_back(http_metrics(options.registry ? *options.registry : metrics::Registry::global()));
  chain.push_back(security_headers({options.hsts_seconds, options.debug}));
  if (!options.cors_allowed_origins.empty()) chain.push_back(cors(options.cors_allowed_origins));
  chain.push_back(language());
  chain.push_back(error_handler({options.debug, options.html_error_page}));
  if (options.allowed_hosts) chain.push_back(allowed_hosts(*options.allowed_hosts));
  if (options.ssl_redirect) chain.push_back(ssl_redirect());
  if (options.maintenance) chain.push_back(maintenance(options.maintenance));
  chain.push_back(body_limit());
  chain.push_back(text_input());
  for (auto& m : application) chain.push_back(std::move(m));
  return compose(std::move(chain), std::move(inner));
}

}  // namespace the5hc::http
