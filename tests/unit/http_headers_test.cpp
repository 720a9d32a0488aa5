// Handler code includes http/message.hpp, router.hpp, middleware.hpp... in many files; pulling POCO or
// nlohmann-json into them would slow every build on the shared machine. This walks their quoted includes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

namespace {

void collect(const std::filesystem::path& root, const std::string& header, std::set<std::string>& seen,
             std::vector<std::string>& system_includes) {
  if (!seen.insert(header).second) return;
  std::ifstream in(root / header);
  ASSERT_TRUE(in) << header;
  static const std::regex quoted(R"re(^\s*#\s*include\s*"([^"]+)")re");
  static const std::regex angled(R"re(^\s*#\s*include\s*<([^>]+)>)re");
  std::smatch m;
  for (std::string line; std::getline(in, line);) {
    if (std::regex_search(line, m, quoted)) collect(root, m[1], seen, system_includes);
    else if (std::regex_search(line, m, angled)) system_includes.push_back(header + " -> " + m[1].str());
  }
}

}  // namespace

TEST(HttpHeaders, WidelyIncludedHeadersStayFreeOfPocoAndNlohmann) {
  std::filesystem::path root = std::filesystem::path(THE5HC_SOURCE_DIR) / "src";
  for (const char* header : {"http/message.hpp", "http/handler.hpp", "http/router.hpp", "http/middleware.hpp",
                             "http/error_mapping.hpp", "http/server.hpp", "http/builtin.hpp", "http/stack.hpp",
                             "common/i18n.hpp", "common/log.hpp", "common/metrics.hpp"}) {
    std::set<std::string> seen;
    std::vector<std::string> system;
    collect(root, header, seen, system);
    for (const auto& inc : system) {
      EXPECT_EQ(inc.find("Poco/"), std::string::npos) << header << ": " << inc;
      EXPECT_EQ(inc.find("nlohmann"), std::string::npos) << header << ": " << inc;
      EXPECT_EQ(inc.find("spdlog"), std::string::npos) << header << ": " << inc;
      EXPECT_EQ(inc.find("boost"), std::string::npos) << header << ": " << inc;
    }
  }
}
