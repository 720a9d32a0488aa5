#pragma once
// The OpenAPI 3.0.3 document of /api/v1/schema/ (API.md §1.8): openapi/base.json (info, security schemes, shared
// components) merged with every openapi/paths/*.json ({"paths": {...}, "components": {...}}), all embedded in the
// binary. Each resource area keeps its own paths file, so parallel work never edits one file.
#include <nlohmann/json.hpp>
#include <string>

namespace the5hc::api {

// The merged document. Throws std::logic_error naming the files when two of them define the same operation
// (path + method) or the same component name with different content — a mistake caught by the unit tests.
nlohmann::json openapi_document();

// The merged document serialized once (it never changes while the binary runs).
const std::string& openapi_json();

}  // namespace the5hc::api
