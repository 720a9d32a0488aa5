#include "store/pg_statements.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/query.hpp"
#include "store/row.hpp"

namespace the5hc::store::pg {
namespace {

constexpr std::size_t kMaxStatements = 256;  // per connection; queries with literal LIMIT/OFFSET vary
constexpr std::string_view kStatementMissing = "26000";  // invalid_sql_statement_name: DEALLOCATE ALL, DISCARD ALL
constexpr std::string_view kPlanChanged = "0A000";       // "cached plan must not change result type" (DDL)

// The query with its :pN placeholders rewritten to $1, $2 … in order of first use, and which :pN each $k is.
// Quoted strings, quoted identifiers, comments and :: casts are left alone.
struct Rewritten {
  std::string text;
  std::vector<std::size_t> param_of;  // $k (from 0) → N of :pN
};

Rewritten rewrite(const std::string& query) {
  Rewritten out;
  out.text.reserve(query.size());
  const std::size_t n = query.size();
  for (std::size_t i = 0; i < n;) {
    const char c = query[i];
    if (c == '\'' || c == '"') {
      std::size_t end = query.find(c, i + 1);
      end = end == std::string::npos ? n : end + 1;
      out.text.append(query, i, end - i);
      i = end;
    } else if (c == '-' && i + 1 < n && query[i + 1] == '-') {
      std::size_t end = query.find('\n', i);
      end = end == std::string::npos ? n : end;
      out.text.append(query, i, end - i);
      i = end;
    } else if (c == ':' && i + 1 < n && query[i + 1] == ':') {
      out.text += "::";
      i += 2;
    } else if (c == ':' && i + 2 < n && query[i + 1] == 'p' && std::isdigit(static_cast<unsigned char>(query[i + 2]))) {
      std::size_t number = 0;
      auto [end, ec] = std::from_chars(query.data() + i + 2, query.data() + n, number);
      std::size_t k = 0;
      while (k < out.param_of.size() && out.param_of[k] != number) ++k;
      if (k == out.param_of.size()) out.param_of.push_back(number);
      out.text += '$' + std::to_string(k + 1);
      i = static_cast<std::size_t>(end - query.data());
    } else {
      out.text += c;
      ++i;
    }
  }
  return out;
}

// How a result column is read (int2/int4/int8/bool/oid → integer, float4/float8/numeric → real, the rest — dates,
// times, json — text), as SOCI reads these types; store/row.hpp converts whatever arrives.
Row::Type kind_of(Oid type) {
  switch (type) {
    case 16:    // bool
    case 20:    // int8
    case 21:    // int2
    case 23:    // int4
    case 26:    // oid
      return Row::Type::integer;
    case 700:   // float4
    case 701:   // float8
    case 1700:  // numeric
      return Row::Type::real;
    default:
      return Row::Type::text;
  }
}

// The result's column names and how each column is read: once per statement (or per nested use of it).
struct Layout {
  Row row;
  std::vector<Row::Type> kinds;
};

void lay_out(Layout& l, const PGresult* res) {
  const int n = PQnfields(res);
  std::vector<std::string> names;
  l.kinds.resize(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    names.emplace_back(PQfname(res, i));
    l.kinds[static_cast<std::size_t>(i)] = kind_of(PQftype(res, i));
  }
  l.row.lay_out(std::move(names));
}

// Row r of the result into the layout's Row: text as a view of libpq's buffer (alive as long as the result).
void fill(Layout& l, const PGresult* res, int r) {
  for (std::size_t i = 0; i < l.kinds.size(); ++i) {
    const int col = static_cast<int>(i);
    if (PQgetisnull(res, r, col)) {
      l.row.set_null(i);
      continue;
    }
    const char* value = PQgetvalue(res, r, col);
    const std::size_t size = static_cast<std::size_t>(PQgetlength(res, r, col));
    switch (l.kinds[i]) {
      case Row::Type::integer: {
        long long v = 0;
        if (value[0] == 't' || value[0] == 'f') v = value[0] == 't';  // bool, as SOCI reads it
        else std::from_chars(value, value + size, v);
        l.row.set_int(i, v);
        break;
      }
      case Row::Type::real: {
        double v = 0;
        auto [end, ec] = std::from_chars(value, value + size, v);
        if (ec != std::errc()) v = std::strtod(value, nullptr);  // numeric beyond a double's range
        l.row.set_real(i, v);
        break;
      }
      default: l.row.set_text(i, value, size);
    }
  }
}

struct Prepared {
  std::string name;
  std::vector<std::size_t> param_of;
  Layout layout;
  bool laid_out = false;
  bool busy = false;  // its rows are being read (a query run again inside its own callback)
};
struct Connection {
  // shared: a query run inside another's callback may empty the map while the outer one still reads its rows
  std::unordered_map<std::string, std::shared_ptr<Prepared>> by_query;
  unsigned long long next = 0;  // statement names are never reused on a connection
  int backend = 0;              // the server process they were prepared in (PQbackendPID)
};
// A connection is used by one thread at a time (the pool), so only the map of connections needs the lock.
std::mutex cache_mutex;
std::unordered_map<PGconn*, Connection> cache;

PGconn* handle(soci::session& sql) {
  if (sql.get_backend_name() != "postgresql") return nullptr;
  return static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
}

Connection& statements_of(PGconn* conn) {
  Connection* mine;
  {
    std::lock_guard lock(cache_mutex);
    mine = &cache[conn];  // node-based map: the address stays valid while other connections come and go
  }
  // A connection closed without forget() (a session outside the pool) whose address a new one reuses: its
  // statements are not on this server process.
  if (int backend = PQbackendPID(conn); mine->backend != backend) {
    mine->by_query.clear();
    mine->backend = backend;
  }
  return *mine;
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

std::string sqlstate_of(const PGresult* res) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  return state ? state : "     ";  // none: the connection failed (SOCI reports it the same way)
}

// The error SOCI throws for a failed statement: its message ("ERROR: … DETAIL: …", which store/constraints reads)
// and SQLSTATE.
[[noreturn]] void throw_error(PGconn* conn, const PGresult* res) {
  std::string message = "Cannot execute query. ";
  message += res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  throw soci::postgresql_soci_error(message, sqlstate_of(res).c_str());
}

bool succeeded(const PGresult* res) {
  if (!res) return false;
  auto status = PQresultStatus(res);
  return status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK;
}

std::shared_ptr<Prepared> prepare(PGconn* conn, Connection& mine, const std::string& query) {
  if (mine.by_query.size() >= kMaxStatements && PQtransactionStatus(conn) != PQTRANS_INERROR) {
    Result done(PQexec(conn, "DEALLOCATE ALL"));
    if (!succeeded(done.get())) throw_error(conn, done.get());
    mine.by_query.clear();
  }
  Rewritten rewritten = rewrite(query);
  std::string name = "the5hc_" + std::to_string(++mine.next);
  Result prepared(PQprepare(conn, name.c_str(), rewritten.text.c_str(), 0, nullptr));
  if (!succeeded(prepared.get())) throw_error(conn, prepared.get());
  auto p = std::make_shared<Prepared>();
  p->name = std::move(name);
  p->param_of = std::move(rewritten.param_of);
  mine.by_query[query] = p;
  return p;
}

Result execute(PGconn* conn, const Prepared& p, const SqlParams& params) {
  const std::size_t n = p.param_of.size();
  std::vector<std::string> scratch(n);
  std::vector<const char*> values(n);
  for (std::size_t k = 0; k < n; ++k) {
    if (p.param_of[k] == 0 || p.param_of[k] > params.size())
      throw soci::soci_error("No value for placeholder :p" + std::to_string(p.param_of[k]) + ".");
    values[k] = params.text_of(p.param_of[k], scratch[k]);
  }
  return Result(PQexecPrepared(conn, p.name.c_str(), static_cast<int>(n), values.data(), nullptr, nullptr, 0));
}

}  // namespace

bool run(soci::session& sql, const std::string& query, const SqlParams& params,
         const std::function<void(const Row&)>& on_row, long long* changed) {
  PGconn* conn = handle(sql);
  if (!conn) return false;
  Connection& mine = statements_of(conn);
  const bool outside_transaction = PQtransactionStatus(conn) == PQTRANS_IDLE;
  auto found = mine.by_query.find(query);
  std::shared_ptr<Prepared> p = found != mine.by_query.end() ? found->second : prepare(conn, mine, query);
  Result res = execute(conn, *p, params);
  if (!succeeded(res.get())) {
    const std::string state = sqlstate_of(res.get());
    if (state == kStatementMissing) mine.by_query.clear();  // the server forgot them all (DISCARD/DEALLOCATE ALL)
    else if (state == kPlanChanged) mine.by_query.erase(query);  // a table it reads changed shape
    // Once more, newly prepared, unless the failure has aborted the caller's transaction.
    if ((state != kStatementMissing && state != kPlanChanged) || !outside_transaction) throw_error(conn, res.get());
    p = prepare(conn, mine, query);
    res = execute(conn, *p, params);
    if (!succeeded(res.get())) throw_error(conn, res.get());
  }
  if (changed) {
    const char* count = PQcmdTuples(res.get());
    *changed = count[0] ? std::atoll(count) : 0;
  }
  const int rows = PQntuples(res.get());
  if (rows == 0) return true;
  // The cached row layout, unless this statement's rows are already being read further up the stack.
  Layout own;
  Layout* layout = &own;
  if (!p->busy) {
    layout = &p->layout;
    if (!p->laid_out || layout->kinds.size() != static_cast<std::size_t>(PQnfields(res.get()))) {
      lay_out(*layout, res.get());
      p->laid_out = true;
    }
  } else {
    lay_out(own, res.get());
  }
  struct Busy {
    Prepared* p;
    bool was;
    ~Busy() { p->busy = was; }
  } busy{p.get(), p->busy};
  p->busy = true;
  for (int r = 0; r < rows; ++r) {
    fill(*layout, res.get(), r);
    on_row(layout->row);
  }
  return true;
}

bool control(soci::session& sql, const std::string& statement) {
  PGconn* conn = handle(sql);
  if (!conn) return false;
  Result res(PQexec(conn, statement.c_str()));
  if (!succeeded(res.get())) throw_error(conn, res.get());
  return true;
}

bool lost(soci::session& sql) noexcept {
  PGconn* conn = handle(sql);
  return conn && PQstatus(conn) == CONNECTION_BAD;
}

void forget(soci::session& sql) noexcept {
  PGconn* conn = handle(sql);
  if (!conn) return;
  std::lock_guard lock(cache_mutex);
  cache.erase(conn);
}

}  // namespace the5hc::store::pg
