#include "store/batch_insert.hpp"

namespace the5hc::store::detail {

void Insert::add_column(const char* name) {
  if (groups_ == 0) groups_ = 1;
  if (groups_ == 1) cols_.emplace_back(name);
  // Distinct names per group: values are bound by position, and a repeated name could be taken for one parameter.
  placeholders_.push_back(":" + std::string(name) + "_" + std::to_string(groups_));
}

void Insert::prepare() {
  std::string names, values;
  for (size_t i = 0; i < cols_.size(); ++i) names += (i ? ", " : "") + cols_[i];
  for (size_t i = 0; i < placeholders_.size(); ++i) {
    bool first = i % cols_.size() == 0, last = (i + 1) % cols_.size() == 0;
    if (first) values += (i ? ", (" : "(");
    values += placeholders_[i] + (last ? ")" : ", ");
  }
  std::string q = "INSERT INTO " + table_ + " (" + names + ") VALUES " + values;
  if (dialect_ == Dialect::postgres && returning_) {
    q += " RETURNING id";
    st_.exchange(soci::into(id_));
  }
  st_.alloc();
  st_.prepare(q);
  st_.define_and_bind();
}

long long Insert::run() {
  for (auto& s : slots_) s->sync();
  st_.execute(true);
  if (dialect_ == Dialect::sqlite) sql_.get_last_insert_id(table_, id_);
  return id_;
}

}  // namespace the5hc::store::detail
