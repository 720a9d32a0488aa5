#pragma once
// Build identity. Defined in a generated file (cmake/version.cpp.in) so that a new commit recompiles one file,
// not the whole tree.
namespace the5hc {
extern const char* const kVersion;  // "1.0.0"
extern const char* const kCommit;   // short git hash or "unknown"
}  // namespace the5hc
