// The embedded files carry their build-time SHA-256 and `check` (E009) recomputes it.
#include <gtest/gtest.h>

#include "common/digest.hpp"
#include "common/embedded.hpp"

using namespace the5hc;

TEST(Embedded, EveryFileMatchesItsBuildTimeChecksum) {
  ASSERT_FALSE(embedded::all().empty());
  for (const auto& f : embedded::all()) EXPECT_EQ(f.sha256.size(), 64u) << f.path;
  EXPECT_TRUE(embedded::damaged({"templates/layout.html", "migrations/0001_initial.up.sqlite.sql"}).empty());
}

TEST(Embedded, MissingRequiredFilesAreNamed) {
  EXPECT_EQ(embedded::damaged({"templates/not-there.html"}), std::vector<std::string>{"templates/not-there.html"});
}
