#pragma once
// A soci::row filled by hand, so rows read through the statement caches (SQLite in query.cpp, PostgreSQL in
// pg_statements.cpp) look to store code exactly like rows SOCI reads (store/row.hpp accessors). The columns are laid
// out once per statement and their values overwritten for each row, instead of building a row per row.
#include <soci/soci.h>

#include <string>
#include <vector>

namespace the5hc::store {

class RowBuilder {
 public:
  // Column types are soci::dt_long_long, dt_double or dt_string; name_of(i) gives column i's name (const char*).
  template <class NameOf>
  void layout(std::vector<soci::data_type> types, NameOf name_of) {
    types_ = std::move(types);
    const std::size_t n = types_.size();
    row_.clean_up();
    ints_.assign(n, nullptr);
    reals_.assign(n, nullptr);
    texts_.assign(n, nullptr);
    indicators_.assign(n, nullptr);
    for (std::size_t i = 0; i < n; ++i) {
      soci::column_properties props;
      props.set_name(name_of(i));
      props.set_data_type(types_[i]);
      row_.add_properties(props);
      // soci::row owns (and deletes) the values and indicators it is given; these vectors only point at them.
      indicators_[i] = new soci::indicator(soci::i_ok);
      switch (types_[i]) {
        case soci::dt_long_long: row_.add_holder(ints_[i] = new long long(0), indicators_[i]); break;
        case soci::dt_double: row_.add_holder(reals_[i] = new double(0), indicators_[i]); break;
        default: row_.add_holder(texts_[i] = new std::string(), indicators_[i]);
      }
    }
  }
  const std::vector<soci::data_type>& types() const { return types_; }
  std::size_t size() const { return types_.size(); }

  void set_null(std::size_t i) { *indicators_[i] = soci::i_null; }
  void set_int(std::size_t i, long long v) {
    *indicators_[i] = soci::i_ok;
    *ints_[i] = v;
  }
  void set_real(std::size_t i, double v) {
    *indicators_[i] = soci::i_ok;
    *reals_[i] = v;
  }
  void set_text(std::size_t i, const char* text, std::size_t size) {
    *indicators_[i] = soci::i_ok;
    texts_[i]->assign(text, size);
  }
  const soci::row& row() const { return row_; }

 private:
  soci::row row_;
  std::vector<soci::data_type> types_;
  std::vector<long long*> ints_;
  std::vector<double*> reals_;
  std::vector<std::string*> texts_;
  std::vector<soci::indicator*> indicators_;
};

}  // namespace the5hc::store
