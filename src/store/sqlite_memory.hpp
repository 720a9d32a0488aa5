#pragma once
// Bytes SQLite holds in this process, over all its connections (page caches, prepared statements): the part of the
// heap that is meant to grow until every connection's cache (cache_size) is full, for /metrics
// (the5hc_sqlite_memory_bytes) and the soak test, which tells it apart from a leak. 0 before SQLite is used.
#include <cstdint>

namespace the5hc::store {

std::int64_t sqlite_memory_used();

}  // namespace the5hc::store
