// Milliseconds per PDF report (issue 15: a fresh render ≤ 20 ms): renders the sample report without and with
// questionnaire answers N times each after one warm-up, which loads the fonts through fontconfig. Wall time is
// what a caller waits on this machine; CPU time is the render's own cost when other processes share the cores.
//   report_bench [iterations=50] [output directory: also writes both PDFs there]
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <fstream>
#include <string>

#include "report/pdf_report.hpp"
#include "support/report_samples.hpp"

namespace {

struct Timing {
  double wall_ms, cpu_ms;  // per report
};

Timing ms_per_report(const the5hc::report::ReportModel& model, int iterations, int& pages, std::size_t& bytes) {
  auto start = std::chrono::steady_clock::now();
  std::clock_t cpu_start = std::clock();
  for (int i = 0; i < iterations; ++i) {
    auto r = the5hc::report::render_report(model);
    pages = r.pages;
    bytes = r.pdf.size();
  }
  std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
  double cpu = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  return {elapsed.count() / iterations, cpu / iterations};
}

}  // namespace

int main(int argc, char** argv) {
  const int iterations = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
  const std::string out_dir = argc > 2 ? argv[2] : "";
  const struct {
    const char* name;
    the5hc::report::ReportModel model;
  } cases[] = {{"no-mcq", the5hc::testing::sample_report(the5hc::Lang::ko, false)},
               {"with-mcq", the5hc::testing::sample_report(the5hc::Lang::ko, true)}};
  auto warm_up = std::chrono::steady_clock::now();
  the5hc::report::render_report(cases[0].model);
  std::chrono::duration<double, std::milli> first = std::chrono::steady_clock::now() - warm_up;
  std::printf("first render (fontconfig start-up): %.1f ms\n", first.count());
  for (const auto& c : cases) {
    int pages = 0;
    std::size_t bytes = 0;
    Timing t = ms_per_report(c.model, iterations, pages, bytes);
    std::printf("%-9s %d page(s) %7zu bytes  %6.2f ms per report (CPU %.2f ms; %d runs)\n", c.name, pages, bytes,
                t.wall_ms, t.cpu_ms, iterations);
    if (!out_dir.empty()) {
      std::ofstream(out_dir + "/" + c.name + ".pdf", std::ios::binary) << the5hc::report::render_report(c.model).pdf;
    }
  }
  return 0;
}
