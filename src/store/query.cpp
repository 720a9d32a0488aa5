#include "store/query.hpp"

#include <soci/soci.h>

#include <cctype>

#include "store/row.hpp"

namespace the5hc::store {

std::string SqlParams::next_name() {
  names_.push_back("p" + std::to_string(names_.size() + 1));
  return names_.back();
}

std::string SqlParams::add(std::int64_t v) {
  ints_.push_back(v);
  order_.emplace_back('i', ints_.size() - 1);
  return ":" + next_name();
}

std::string SqlParams::add(double v) {
  reals_.push_back(v);
  order_.emplace_back('r', reals_.size() - 1);
  return ":" + next_name();
}

std::string SqlParams::add(const std::string& v) {
  texts_.push_back(v);
  order_.emplace_back('t', texts_.size() - 1);
  return ":" + next_name();
}

void SqlParams::bind(soci::statement& st) {
  for (std::size_t i = 0; i < order_.size(); ++i) {
    auto [kind, index] = order_[i];
    const std::string& name = names_[i];
    if (kind == 'i') st.exchange(soci::use(ints_[index], name));
    else if (kind == 'r') st.exchange(soci::use(reals_[index], name));
    else st.exchange(soci::use(texts_[index], name));
  }
}

void for_each_row(soci::session& sql, const std::string& query, SqlParams& params,
                  const std::function<void(const soci::row&)>& on_row) {
  soci::row row;
  soci::statement st(sql);
  st.alloc();
  params.bind(st);
  st.exchange(soci::into(row));
  st.prepare(query);
  st.define_and_bind();
  if (!st.execute(true)) return;
  do {
    on_row(row);
  } while (st.fetch());
}

std::int64_t fetch_int(soci::session& sql, const std::string& query, SqlParams& params) {
  std::int64_t out = 0;
  bool first = true;
  for_each_row(sql, query, params, [&](const soci::row& r) {
    if (first) out = get_int(r, 0);
    first = false;
  });
  return out;
}

long long execute(soci::session& sql, const std::string& query, SqlParams& params) {
  soci::statement st(sql);
  st.alloc();
  params.bind(st);
  st.prepare(query);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

std::string like_pattern(const std::string& term) {
  std::string p = "%";
  for (unsigned char c : term) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += static_cast<char>(c < 128 ? std::tolower(c) : c);
  }
  return p + "%";
}

}  // namespace the5hc::store
