# The layers of src/ and what each may include, lowest first: the one statement of the architecture rule
# (README "Layout"). CMakeLists.txt builds one static library per layer that sees only these directories, so a
# wrong #include fails to compile; tests/layers (check-layers.cmake) reports every violation with its file and line.
#
#   common, config      utilities and configuration
#   domain              pure rules
#   auth                password hashing, tokens, CSRF, rate limiting
#   store               the only SQL, one file per aggregate
#   http                server, router, middleware: no product layer
#   legacy              reading and mapping a legacy Streamlit database into store rows (the import use case
#                       itself is a service, so legacy sits below service rather than beside api)
#   report              PDF rendering from domain values
#   service             use cases
#   front               what both front ends share: request → service::Context, bearer and session authentication
#   api, web            JSON and HTML handlers, siblings that never include each other
#   app                 the `the5hc` command line and composition root
set(THE5HC_LAYERS common config domain auth store http legacy report service front api web app)

set(THE5HC_LAYER_USES_common)
set(THE5HC_LAYER_USES_config  common)
set(THE5HC_LAYER_USES_domain  common)
set(THE5HC_LAYER_USES_auth    common config)
set(THE5HC_LAYER_USES_store   common config domain)
set(THE5HC_LAYER_USES_http    common config)
set(THE5HC_LAYER_USES_legacy  common config domain store)
set(THE5HC_LAYER_USES_report  common config domain)
set(THE5HC_LAYER_USES_service common config domain auth store legacy report)
set(THE5HC_LAYER_USES_front   common config domain auth store http service)
set(THE5HC_LAYER_USES_api     common config domain auth store http service front)
set(THE5HC_LAYER_USES_web     common config domain auth store http service front)
set(THE5HC_LAYER_USES_app     common config domain auth store http legacy report service front api web)
