// The legacy importer (service::import_legacy, LEGACY.md §7) on a mutated legacy Streamlit SQLite file: the bytes
// are written to a temporary file and imported, as a dry run, into a migrated SQLite database of our own (the dry
// run rolls back, so every input meets the same empty target). The seed is a cut-down copy of
// tests/fixtures/legacy-streamlit.db. Contract: a file that is not a legacy database is refused with Error(usage);
// a damaged one fails the import with report.failed; neither may crash, leak, hang or trip a sanitizer, and a
// failure must not come from a C++ library exception thrown by our own code (a bad substr, stoi, optional access…)
// — those are bugs in the row mapping, which should skip or warn about a bad row instead.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/clock.hpp"
#include "common/log.hpp"
#include "config/config.hpp"
#include "fuzz_support.hpp"
#include "service/legacy_import.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

using namespace the5hc;

namespace {

struct Target {
  std::string dir, legacy_path;
  Config config;
  std::unique_ptr<store::Database> db;
};

Target* target = nullptr;

bool library_exception(const std::string& message) {
  for (const char* marker : {"basic_string", "stoi", "stol", "stod", "stoll", "map::at", "vector::", "bad optional",
                             "bad_optional", "[json.exception", "out of range", "bad_variant"})
    if (message.find(marker) != std::string::npos) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  log::set_level(log::Level::error);
  target = new Target;
  char pattern[] = "/tmp/the5hc-fuzz-legacy.XXXXXX";
  if (!mkdtemp(pattern)) fuzz::fail("mkdtemp");
  target->dir = pattern;
  target->legacy_path = target->dir + "/legacy.db";
  target->config.database = parse_database_url("sqlite:///" + target->dir + "/the5hc.db");
  target->db = std::make_unique<store::Database>(target->config.database, 1);
  store::Migrator(*target->db).up();
  std::atexit([] { std::filesystem::remove_all(target->dir); });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(target->legacy_path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  std::filesystem::remove(target->legacy_path + "-journal");
  std::filesystem::remove(target->legacy_path + "-wal");
  service::Context ctx{*target->db, target->config, SystemClock::instance(), std::nullopt, {"", "fuzz", ""}, Lang::ko};
  service::LegacyImportOptions options;
  options.path = target->legacy_path;
  options.organisation_name = "Fuzz studio";
  options.dry_run = true;
  fuzz::expect_only_product_errors("import_legacy", [&] {
    legacy::Report report = service::import_legacy(ctx, options);
    (void)report.text();
    (void)report.json();
    if (report.failed && library_exception(report.failed->message))
      fuzz::fail("import failed with a library exception at " + report.failed->table + " " +
                 std::to_string(report.failed->id) + ": " + report.failed->message);
  });
  return 0;
}
