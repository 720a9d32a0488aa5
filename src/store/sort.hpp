#pragma once
// Typed list ordering. Every list names its sort keys as an enum next to its filter; callers choose keys and
// directions, and only the store knows the columns they stand for (no SQL text outside src/store).
//   store::Sort<store::PackageSort> sort = {{store::PackageSort::total_amount, true}};  // largest first
// An empty Sort is the list's documented default order; every order ends with the id, descending, as tie-breaker.
#include <string>
#include <string_view>
#include <vector>

namespace the5hc::store {

template <class Key>
struct SortKey {
  Key key;
  bool descending = false;
};

template <class Key>
using Sort = std::vector<SortKey<Key>>;

// For the store's list functions: "<term 1>, <term 2>, <id_column> DESC", where `term(key, descending)` is the
// ORDER BY term of one key (e.g. "p.total_amount DESC").
template <class Key, class Term>
std::string order_by_sql(const Sort<Key>& sort, Term term, std::string_view id_column) {
  std::string sql;
  for (const auto& k : sort) sql += term(k.key, k.descending) + ", ";
  return sql + std::string(id_column) + " DESC";
}

// "<column> ASC" or "<column> DESC".
inline std::string directed(std::string_view column, bool descending) {
  return std::string(column) + (descending ? " DESC" : " ASC");
}

}  // namespace the5hc::store
