// Client search through the index of non-ASCII characters (migration 0012, issue 11) on the selected engine: after
// every kind of write the search answers exactly what the plain substring rule answers — every word a
// case-insensitive substring of the name, the e-mail or the phone (as written or without dashes) — in the same order,
// with the same count and pages; and the index holds, for every client, the distinct non-ASCII characters of its
// search_text, whoever wrote the row (API, direct SQL, legacy import, demo data, the migration's backfill).
#include <gtest/gtest.h>

#include <map>

#include <soci/soci.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>

#include "config/config.hpp"
#include "store/clients.hpp"
#include "store/database.hpp"
#include "support/records.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {

// The characters of a UTF-8 string (a lead byte with its continuation bytes).
std::vector<std::string> characters(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = 1;
    while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string ascii_lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string percent_encoded(const std::string& s) {
  std::ostringstream out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_') out << c;
    else out << '%' << std::uppercase << std::hex << (c >> 4) << (c & 15) << std::dec;
  }
  return out.str();
}

// "client_id ch" per row of the index, and the same computed here from each client's search_text: its distinct
// non-ASCII characters among its first 1024 characters, with '' marking a longer text.
std::string index_rows(const std::string& url) {
  the5hc::store::Database db(the5hc::parse_database_url(url), 1);
  std::vector<std::string> lines;
  db.read([&](soci::session& sql) {
    soci::rowset<std::string> rows = sql.prepare << "SELECT CAST(organization_id AS TEXT) || ' ' || "
                                                    "CAST(client_id AS TEXT) || ' [' || ch || ']' FROM client_search_chars";
    for (const auto& r : rows) lines.push_back(r);
  });
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string expected_index_rows(const std::string& url) {
  the5hc::store::Database db(the5hc::parse_database_url(url), 1);
  std::vector<std::string> lines;
  db.read([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        sql.prepare << "SELECT CAST(organization_id AS TEXT) || ' ' || CAST(id AS TEXT), search_text FROM clients";
    for (const auto& r : rows) {
      const std::string prefix = r.get<std::string>(0);
      auto chars = characters(r.get<std::string>(1));
      std::set<std::string> distinct;
      if (chars.size() > 1024) {
        chars.resize(1024);
        distinct.insert("");
      }
      for (const auto& ch : chars)
        if (static_cast<unsigned char>(ch[0]) >= 0x80) distinct.insert(ch);
      for (const auto& ch : distinct) lines.push_back(prefix + " [" + ch + "]");
    }
  });
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

class ClientSearch : public RecordsApiTest {
 protected:
  struct Listed {
    long long count = 0;
    std::vector<long long> ids;  // in the listed order
  };

  // Every page of a list request (page_size 100).
  static Listed all_pages(const std::string& who, const std::string& query) {
    Listed out;
    for (int page = 1;; ++page) {
      auto r = call(who, "GET", "/api/v1/clients/?page_size=100&page=" + std::to_string(page) + query);
      EXPECT_EQ(r.status, 200) << r.raw;
      if (r.status != 200) return out;
      out.count = r.body["count"].get<long long>();
      for (const auto& c : r.body["results"]) out.ids.push_back(c["id"].get<long long>());
      if (r.body["next"].is_null()) return out;
    }
  }

  // What the plain substring rule keeps of `who`'s unsearched list, in its order.
  static Listed by_substrings(const std::string& who, const std::vector<std::string>& words,
                              const std::string& more = "") {
    Listed out;
    for (int page = 1;; ++page) {
      auto r = call(who, "GET", "/api/v1/clients/?page_size=100&page=" + std::to_string(page) + more);
      EXPECT_EQ(r.status, 200) << r.raw;
      if (r.status != 200) return out;
      for (const auto& c : r.body["results"]) {
        std::string phone = c["phone"].is_string() ? c["phone"].get<std::string>() : "";
        std::string digits = phone;
        digits.erase(std::remove(digits.begin(), digits.end(), '-'), digits.end());
        const std::string fields[] = {ascii_lower(c["name"].get<std::string>()),
                                      c["email"].is_string() ? ascii_lower(c["email"].get<std::string>()) : "", phone,
                                      digits};
        bool all = true;
        for (const auto& w : words) {
          bool any = false;
          for (const auto& f : fields) any = any || f.find(ascii_lower(w)) != std::string::npos;
          all = all && any;
        }
        if (all) out.ids.push_back(c["id"].get<long long>());
      }
      if (r.body["next"].is_null()) break;
    }
    out.count = static_cast<long long>(out.ids.size());
    return out;
  }

  static std::string joined(const std::vector<std::string>& words) {
    std::string s;
    for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
    return s;
  }

  // The search of `words` by `who` answers what the substring rule does; returns the ids found.
  static std::vector<long long> expect_search(const std::string& who, const std::vector<std::string>& words,
                                              const std::string& step, const std::string& more = "") {
    auto found = all_pages(who, "&search=" + percent_encoded(joined(words)) + more);
    auto want = by_substrings(who, words, more);
    EXPECT_EQ(found.ids, want.ids) << step << ": " << who << " searching \"" << joined(words) << "\"" << more;
    EXPECT_EQ(found.count, want.count) << step << ": " << who << " searching \"" << joined(words) << "\"" << more;
    return found.ids;
  }

  static void expect_every_search(const std::string& step) {
    static const std::vector<std::vector<std::string>> searches = {
        {"김"}, {"민준"}, {"준"}, {"김김"}, {"김", "MINJUN"}, {"minjun", "김"}, {"박"}, {"서연"}, {"이"},
        {"김", "이"}, {"zz김"}, {"치"}, {"jisoo"}, {"Jisoo", "김"}, {"010"}, {"5678"}, {"01012345678"},
        {"검색용"}, {"é"}, {"민준", "@example"}};
    for (const char* who : {"owner1", "trainer1", "owner2"})
      for (const auto& words : searches) expect_search(who, words, step);
    EXPECT_EQ(index_rows(db_->url()), expected_index_rows(db_->url())) << step;
  }

  static bool contains(const std::vector<long long>& ids, long long id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }
};

}  // namespace

TEST_F(ClientSearch, EveryWriteKeepsTheSearchEqualToTheSubstringRule) {
  auto minjun = client("owner1", {{"name", "김민준"}, {"email", "MinJun@Example.com"}, {"phone", "010-1234-5678"}});
  auto seoyeon = client("owner1", {{"name", "이서연"}, {"email", "seoyeon@example.com"}});
  auto repeated = client("owner1", {{"name", "김김김"}});
  auto spaced = client("owner1", {{"name", "박 김치"}});
  auto ascii = client("owner1", {{"name", "Kim Jisoo"}, {"email", "jisoo@example.com"}});
  auto trainers = client("trainer1", {{"name", "김서연"}});
  auto accented = client("owner1", {{"name", "Chloé 김"}});
  auto elsewhere = client("owner2", {{"name", "김민준"}, {"email", "minjun@example.com"}, {"phone", "010-1234-5678"}});
  expect_every_search("created");
  auto kim = expect_search("owner1", {"김"}, "created");
  for (auto id : {minjun, repeated, spaced, trainers, accented}) EXPECT_TRUE(contains(kim, id)) << id;
  for (auto id : {seoyeon, ascii, elsewhere}) EXPECT_FALSE(contains(kim, id)) << id;
  EXPECT_EQ(expect_search("owner2", {"김"}, "created"), std::vector<long long>{elsewhere})
      << "another organisation's client with the same syllable never appears";
  EXPECT_EQ(expect_search("trainer1", {"김"}, "created"), std::vector<long long>{trainers}) << "a trainer's own";
  EXPECT_EQ(expect_search("owner1", {"김김"}, "created"), std::vector<long long>{repeated});
  EXPECT_EQ(expect_search("owner1", {"김", "MINJUN"}, "created"), std::vector<long long>{minjun});
  EXPECT_EQ(sql_count("SELECT count(*) FROM client_search_chars WHERE client_id = " + std::to_string(repeated)), 1)
      << "a repeated syllable is one row";
  EXPECT_EQ(sql_count("SELECT count(*) FROM client_search_chars WHERE client_id = " + std::to_string(ascii)), 0);

  // a rename: the old syllable no longer finds the client, the new one does
  ASSERT_EQ(call("owner1", "PATCH", "/api/v1/clients/" + std::to_string(minjun) + "/", {{"name", "박민준"}}).status, 200);
  expect_every_search("renamed");
  EXPECT_FALSE(contains(expect_search("owner1", {"김"}, "renamed"), minjun));
  EXPECT_TRUE(contains(expect_search("owner1", {"박"}, "renamed"), minjun));
  EXPECT_TRUE(contains(expect_search("owner1", {"김"}, "renamed"), repeated));

  // the e-mail and the phone
  ASSERT_EQ(call("owner1", "PATCH", "/api/v1/clients/" + std::to_string(seoyeon) + "/",
                 {{"email", "검색용@example.com"}, {"phone", "010-9999-8888"}}).status, 200);
  expect_every_search("e-mail changed");
  EXPECT_EQ(expect_search("owner1", {"검색용"}, "e-mail changed"), std::vector<long long>{seoyeon});
  ASSERT_EQ(call("owner1", "PATCH", "/api/v1/clients/" + std::to_string(seoyeon) + "/", {{"email", nullptr}}).status,
            200);
  expect_every_search("e-mail removed");
  EXPECT_TRUE(expect_search("owner1", {"검색용"}, "e-mail removed").empty());

  // deleted
  ASSERT_EQ(call("owner1", "DELETE", "/api/v1/clients/" + std::to_string(spaced) + "/").status, 204);
  expect_every_search("deleted");
  EXPECT_EQ(sql_count("SELECT count(*) FROM client_search_chars WHERE client_id = " + std::to_string(spaced)), 0);

  // what no API does but any writer may: rename by SQL, move a client to another organisation
  sql_exec("UPDATE clients SET name = '치즈김밥' WHERE id = " + std::to_string(ascii));
  sql_exec("UPDATE clients SET organization_id = (SELECT organization_id FROM clients WHERE id = " +
           std::to_string(elsewhere) + ") WHERE id = " + std::to_string(repeated));
  expect_every_search("changed by SQL");
  EXPECT_TRUE(contains(expect_search("owner1", {"치"}, "changed by SQL"), ascii));
  EXPECT_FALSE(contains(expect_search("owner1", {"김김"}, "changed by SQL"), repeated));
  EXPECT_TRUE(contains(expect_search("owner2", {"김김"}, "changed by SQL"), repeated));
}

// A search word holding a syllable, with other filters, orderings and pages: the same pages and count as the rule.
TEST_F(ClientSearch, PagesCountsFiltersAndOrdersAgree) {
  for (int i = 0; i < 27; ++i)
    client(i % 3 ? "owner1" : "trainer1",
           {{"name", (i % 4 ? "페이지" : "다른쪽") + std::to_string(i)}, {"age", 20 + i}, {"gender", i % 2 ? "male" : "female"}});
  EXPECT_EQ(expect_search("owner1", {"페이"}, "pages").size(), 20u);
  for (const char* who : {"owner1", "trainer1"})
    for (const std::string& more : std::vector<std::string>{"&ordering=name", "&ordering=-age", "&gender=female", "&age_min=30&ordering=age",
                                   "&trainer=" + std::to_string(sql_count("SELECT min(id) FROM trainers"))})
      expect_search(who, {"페이"}, "filtered", more);
  for (int size : {1, 7, 10}) {
    std::vector<long long> paged;
    for (int page = 1;; ++page) {
      auto r = call("owner1", "GET", "/api/v1/clients/?search=" + percent_encoded("페이 지") + "&ordering=age&page_size=" +
                                         std::to_string(size) + "&page=" + std::to_string(page));
      ASSERT_EQ(r.status, 200) << r.raw;
      EXPECT_EQ(r.body["count"], 20) << "page " << page << " of " << size;
      for (const auto& c : r.body["results"]) paged.push_back(c["id"].get<long long>());
      if (r.body["next"].is_null()) {
        EXPECT_EQ(call("owner1", "GET", "/api/v1/clients/?search=" + percent_encoded("페이") + "&page_size=" +
                                            std::to_string(size) + "&page=" + std::to_string(page + 1)).status, 404);
        break;
      }
    }
    EXPECT_EQ(paged, by_substrings("owner1", {"페이", "지"}, "&ordering=age").ids) << "page size " << size;
  }
}

// The plain list — no filter — reads its count from the organisation's or the trainer's counter in the page's own
// statement: every page agrees with SQL, for an owner (the studio) and a trainer (their own clients), and a page past
// the last is a 404.
TEST_F(ClientSearch, ThePlainListCountsWhatItPages) {
  for (int i = 0; i < 23; ++i) client(i % 3 ? "owner1" : "trainer1", {{"name", "목록" + std::to_string(i)}});
  const std::string of_studio = "(SELECT t.organization_id FROM trainers t JOIN users u ON u.id = t.user_id "
                                "WHERE u.username = 'owner1')";
  const std::map<std::string, std::string> in_scope = {
      {"owner1", "SELECT count(*) FROM clients WHERE organization_id = " + of_studio},
      {"trainer1", "SELECT count(*) FROM clients WHERE trainer_id = (SELECT t.id FROM trainers t JOIN users u "
                   "ON u.id = t.user_id WHERE u.username = 'trainer1')"}};
  for (const auto& [who, counting] : in_scope) {
    const long long want = sql_count(counting);
    ASSERT_GT(want, 0) << who;
    for (int size : {1, 7, 100}) {
      std::vector<long long> paged;
      int page = 1;
      for (;; ++page) {
        auto r = call(who, "GET", "/api/v1/clients/?page_size=" + std::to_string(size) + "&page=" + std::to_string(page));
        ASSERT_EQ(r.status, 200) << r.raw;
        EXPECT_EQ(r.body["count"], want) << who << " page " << page << " of " << size;
        for (const auto& c : r.body["results"]) paged.push_back(c["id"].get<long long>());
        if (r.body["next"].is_null()) break;
      }
      EXPECT_EQ(static_cast<long long>(paged.size()), want) << who << " page size " << size;
      EXPECT_EQ(call(who, "GET", "/api/v1/clients/?page_size=" + std::to_string(size) + "&page=" +
                                     std::to_string(page + 1)).status, 404) << who;
    }
  }
}

// A search_text longer than the index's walk of 1024 characters — not from the API (254 characters of e-mail at most),
// but legacy data or any other writer may hold one — is still found by a syllable beyond that point.
TEST_F(ClientSearch, ALongEmailIsSearchedToItsEnd) {
  auto id = client("owner1", {{"name", "긴주소"}});
  sql_exec("UPDATE clients SET email = '" + std::string(1100, 'a') + "꽁@example.com' WHERE id = " + std::to_string(id));
  EXPECT_EQ(expect_search("owner1", {"꽁"}, "long e-mail"), std::vector<long long>{id});
  // Its name's syllables are indexed as well as the mark: found once, not once per index row.
  EXPECT_EQ(expect_search("owner1", {"긴"}, "long e-mail, a syllable of the name"), std::vector<long long>{id});
  EXPECT_EQ(index_rows(db_->url()), expected_index_rows(db_->url()));
}

// The legacy importer and demo data write with the trigger in place; the migration's backfill builds the same index
// again after down and up — including for clients written while it was down — and its down migration removes it.
TEST(ClientSearchMigration, ImportDemoDataBackfillAndDown) {
  TestDatabase db;
  auto env = base_env(db);
  auto imported = migrate_and_import_legacy_fixture(db, env);
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  auto demo = run_the5hc({"demo-data"}, env, db.dir());
  ASSERT_EQ(demo.exit_code, 0) << demo.out << demo.err;
  SqlProbe probe(db);
  EXPECT_GT(probe.count("SELECT count(DISTINCT client_id) FROM client_search_chars"), 10);
  const auto kept = index_rows(db.url());
  EXPECT_EQ(kept, expected_index_rows(db.url())) << "the trigger kept it";

  // Back to before 0012: every migration from 0012 on, counted from the migrations directory.
  std::set<std::string> since_0012;
  for (const auto& f : std::filesystem::directory_iterator(std::string(THE5HC_SOURCE_DIR) + "/migrations"))
    if (auto name = f.path().filename().string(); name.size() > 4 && name.substr(0, 4) >= "0012") since_0012.insert(name.substr(0, 4));
  auto down = run_the5hc({"migrate", "down", std::to_string(since_0012.size()), "--yes"}, env, db.dir());
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_EQ(probe.count(db.postgres() ? "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '%search%'"
                                       : "SELECT count(*) FROM sqlite_master WHERE name LIKE '%search_chars%' "
                                         "OR name LIKE '%search_text_positions%'"),
            0);
  // a trigger left behind would fail on the missing table
  probe.exec("UPDATE clients SET name = '내려간동안' WHERE id = (SELECT min(id) FROM clients)");
  EXPECT_EQ(probe.count("SELECT count(*) FROM clients WHERE name = '내려간동안'"), 1) << "no trigger is left behind";

  auto up = run_the5hc({"migrate", "up"}, env, db.dir());
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  const auto rebuilt = index_rows(db.url());
  EXPECT_EQ(rebuilt, expected_index_rows(db.url())) << "the backfill";
  EXPECT_NE(rebuilt.find(" [내]"), std::string::npos) << "a client renamed while the index was down";
}

// A PostgreSQL database in SQL_ASCII holds bytes, not characters: the index marks every client as a candidate there,
// so a search by a syllable still finds what the substring test finds.
TEST(ClientSearchEncoding, ASqlAsciiDatabaseStillFindsTheSubstrings) {
  if (!postgres_selected()) GTEST_SKIP() << "SQLite text has no server encoding";
  TestDatabase db;
  const std::string name = db.url().substr(db.url().rfind('/') + 1);
  pg_admin_exec("DROP DATABASE " + name + " WITH (FORCE)");
  pg_admin_exec("CREATE DATABASE " + name + " ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
  auto env = base_env(db);
  ASSERT_EQ(run_the5hc({"migrate"}, env, db.dir()).exit_code, 0);
  auto demo = run_the5hc({"demo-data"}, env, db.dir());
  ASSERT_EQ(demo.exit_code, 0) << demo.out << demo.err;

  the5hc::store::Database database(the5hc::parse_database_url(db.url()), 1);
  database.read([&](soci::session& sql) {
    long long organization = 0, expected = 0;
    sql << "SELECT min(organization_id) FROM clients", soci::into(organization);
    sql << "SELECT count(*) FROM clients WHERE organization_id = :o AND strpos(search_text, '김') > 0",
        soci::use(organization), soci::into(expected);
    ASSERT_GT(expected, 0);
    the5hc::store::ClientFilter f;
    f.organization_id = organization;
    f.search = {"김"};
    auto page = the5hc::store::client_page(sql, f, {}, 100, 0);
    EXPECT_EQ(page.count, expected);
    EXPECT_EQ(static_cast<long long>(page.rows.size()), expected);
  });
}
