#include "common/metrics.hpp"

#include <dirent.h>
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace the5hc::metrics {
namespace {

void append_labels(std::string& out, const std::vector<std::string>& names, const LabelValues& values,
                   const char* extra_name = nullptr, const std::string& extra_value = "") {
  if (names.empty() && !extra_name) return;
  out += '{';
  bool first = true;
  for (size_t i = 0; i < names.size(); ++i) {
    if (!first) out += ',';
    first = false;
    out += names[i];
    out += "=\"";
    out += escape_label_value(values[i]);
    out += '"';
  }
  if (extra_name) {
    if (!first) out += ',';
    out += extra_name;
    out += "=\"";
    out += extra_value;
    out += '"';
  }
  out += '}';
}

std::string escape_help(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

bool valid_name(const std::string& n) {
  if (n.empty() || (n[0] >= '0' && n[0] <= '9')) return false;
  return std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':';
  });
}

class CallbackFamily : public FamilyBase {
 public:
  CallbackFamily(std::string name, std::string help, std::string type, std::vector<std::string> labels,
                 std::function<Samples()> sample)
      : FamilyBase(std::move(name), std::move(help), std::move(type), std::move(labels)), sample_(std::move(sample)) {}

 protected:
  void render_samples(std::string& out) const override {
    Samples samples;
    try {
      samples = sample_();
    } catch (...) {
      return;  // a failing source (pool shut down) must not break the whole scrape
    }
    for (const auto& [values, v] : samples) {
      if (values.size() != labels_.size()) continue;
      out += name_;
      append_labels(out, labels_, values);
      out += ' ';
      out += format_value(v);
      out += '\n';
    }
  }

 private:
  std::function<Samples()> sample_;
};

}  // namespace

std::string format_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

std::string escape_label_value(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

Histogram::Histogram(std::vector<double> upper_bounds)
    : bounds_(std::move(upper_bounds)), buckets_(new std::atomic<std::uint64_t>[bounds_.size() + 1]) {
  std::sort(bounds_.begin(), bounds_.end());
  for (size_t i = 0; i <= bounds_.size(); ++i) buckets_[i] = 0;
}

void Histogram::observe(double v) {
  size_t i = std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin();  // le: v <= bound
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

std::vector<std::uint64_t> Histogram::cumulative_counts() const {
  std::vector<std::uint64_t> out(bounds_.size() + 1);
  std::uint64_t total = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) out[i] = total += buckets_[i].load(std::memory_order_relaxed);
  return out;
}

std::vector<double> duration_buckets() { return {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}; }

void FamilyBase::check_arity(const LabelValues& values) const {
  if (values.size() != labels_.size())
    throw std::invalid_argument("metric " + name_ + " expects " + std::to_string(labels_.size()) + " label values");
}

void FamilyBase::render(std::string& out) const {
  out += "# HELP " + name_ + " " + escape_help(help_) + "\n";
  out += "# TYPE " + name_ + " " + type_ + "\n";
  render_samples(out);
}

template <>
void Family<Counter>::render_samples(std::string& out) const {
  std::lock_guard lock(mutex_);
  for (const auto& [values, m] : metrics_) {
    out += name_;
    append_labels(out, labels_, values);
    out += ' ' + format_value(m->value()) + '\n';
  }
}

template <>
void Family<Gauge>::render_samples(std::string& out) const {
  std::lock_guard lock(mutex_);
  for (const auto& [values, m] : metrics_) {
    out += name_;
    append_labels(out, labels_, values);
    out += ' ' + format_value(m->value()) + '\n';
  }
}

template <>
void Family<Histogram>::render_samples(std::string& out) const {
  std::lock_guard lock(mutex_);
  for (const auto& [values, h] : metrics_) {
    auto counts = h->cumulative_counts();
    const auto& bounds = h->upper_bounds();
    for (size_t i = 0; i <= bounds.size(); ++i) {
      out += name_ + "_bucket";
      append_labels(out, labels_, values, "le", i < bounds.size() ? format_value(bounds[i]) : "+Inf");
      out += ' ' + std::to_string(counts[i]) + '\n';
    }
    out += name_ + "_sum";
    append_labels(out, labels_, values);
    out += ' ' + format_value(h->sum()) + '\n';
    out += name_ + "_count";
    append_labels(out, labels_, values);
    // _count equals the +Inf bucket by definition; reading it from there keeps the two consistent mid-update.
    out += ' ' + std::to_string(counts.back()) + '\n';
  }
}

Registry& Registry::global() {
  static Registry* registry = new Registry();  // never destroyed: metrics may be touched during static teardown
  return *registry;
}

FamilyBase* Registry::find(const std::string& name) const {
  auto it = families_.find(name);
  return it == families_.end() ? nullptr : it->second.get();
}

template <class Metric, class... Args>
static Family<Metric>& get_or_create(std::map<std::string, std::unique_ptr<FamilyBase>>& families,
                                     const std::string& name, const std::string& help, const std::string& type,
                                     std::vector<std::string> labels, Args... args) {
  if (!valid_name(name)) throw std::invalid_argument("invalid metric name: " + name);
  for (const auto& l : labels)
    if (!valid_name(l) || l == "le") throw std::invalid_argument("invalid label name for " + name + ": " + l);
  auto it = families.find(name);
  if (it != families.end()) {
    auto* existing = dynamic_cast<Family<Metric>*>(it->second.get());
    if (!existing || existing->label_names() != labels)
      throw std::invalid_argument("metric " + name + " already registered with another type or labels");
    return *existing;
  }
  auto family = std::make_unique<Family<Metric>>(name, help, type, std::move(labels), args...);
  auto& ref = *family;
  families.emplace(name, std::move(family));
  return ref;
}

Family<Counter>& Registry::counter(const std::string& name, const std::string& help, std::vector<std::string> labels) {
  std::lock_guard lock(mutex_);
  return get_or_create<Counter>(families_, name, help, "counter", std::move(labels));
}

Family<Gauge>& Registry::gauge(const std::string& name, const std::string& help, std::vector<std::string> labels) {
  std::lock_guard lock(mutex_);
  return get_or_create<Gauge>(families_, name, help, "gauge", std::move(labels));
}

Family<Histogram>& Registry::histogram(const std::string& name, const std::string& help,
                                       std::vector<std::string> labels, std::vector<double> buckets) {
  std::lock_guard lock(mutex_);
  return get_or_create<Histogram>(families_, name, help, "histogram", std::move(labels), std::move(buckets));
}

void Registry::add_callback(const std::string& name, const std::string& help, const std::string& type,
                            std::vector<std::string> labels, std::function<Samples()> sample) {
  if (!valid_name(name)) throw std::invalid_argument("invalid metric name: " + name);
  std::lock_guard lock(mutex_);
  auto it = families_.find(name);
  if (it != families_.end() && !dynamic_cast<CallbackFamily*>(it->second.get()))
    throw std::invalid_argument("metric " + name + " already registered as a stored metric");
  families_[name] = std::make_unique<CallbackFamily>(name, help, type, std::move(labels), std::move(sample));
}

void Registry::gauge_callback(const std::string& name, const std::string& help, std::vector<std::string> labels,
                              std::function<Samples()> sample) {
  add_callback(name, help, "gauge", std::move(labels), std::move(sample));
}

void Registry::counter_callback(const std::string& name, const std::string& help, std::vector<std::string> labels,
                                std::function<Samples()> sample) {
  add_callback(name, help, "counter", std::move(labels), std::move(sample));
}

std::string Registry::render() const {
  std::string out;
  std::lock_guard lock(mutex_);
  for (const auto& [name, family] : families_) family->render(out);
  return out;
}

void register_build_info(Registry& registry, const std::string& version, const std::string& commit) {
  registry.gauge("the5hc_build_info", "Build of the running binary.", {"version", "commit"})
      .with({version, commit})
      .set(1);
}

namespace {

// Fields of /proc/self/stat after the parenthesised command name (which may itself contain spaces).
std::vector<std::string> proc_stat_fields() {
  std::ifstream in("/proc/self/stat");
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> fields;
  size_t close = all.rfind(')');
  if (close == std::string::npos) return fields;
  std::istringstream rest(all.substr(close + 1));
  for (std::string f; rest >> f;) fields.push_back(f);
  return fields;  // fields[0] is field 3 (state)
}

double boot_time_seconds() {
  std::ifstream in("/proc/stat");
  for (std::string line; std::getline(in, line);)
    if (line.starts_with("btime ")) return std::stod(line.substr(6));
  return 0;
}

}  // namespace

void register_process_metrics(Registry& registry) {
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  registry.counter_callback("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", {},
                            [ticks] {
                              auto f = proc_stat_fields();
                              if (f.size() < 13) return Samples{};
                              return Samples{{{}, (std::stod(f[11]) + std::stod(f[12])) / ticks}};  // utime, stime
                            });
  registry.gauge_callback("process_resident_memory_bytes", "Resident memory size in bytes.", {}, [page] {
    std::ifstream in("/proc/self/statm");
    double size = 0, resident = 0;
    if (!(in >> size >> resident)) return Samples{};
    return Samples{{{}, resident * page}};
  });
#if defined(__GLIBC__)
  // What the program holds, as opposed to what the allocator keeps: RSS also counts freed memory that glibc's
  // per-thread arenas retain (it rises in steps when concurrency peaks and stays), so a leak is told apart from
  // allocator retention by this value growing (the soak test, tests/soak/, judges leaks by it).
  registry.gauge_callback("the5hc_heap_in_use_bytes",
                          "Bytes allocated with malloc and not yet freed (glibc mallinfo2: arena + mmapped chunks).",
                          {}, [] {
                            struct mallinfo2 mi = mallinfo2();
                            return Samples{{{}, static_cast<double>(mi.uordblks + mi.hblkhd)}};
                          });
#endif
  registry.gauge_callback("process_open_fds", "Number of open file descriptors.", {}, [] {
    DIR* dir = opendir("/proc/self/fd");
    if (!dir) return Samples{};
    double n = 0;
    while (auto* e = readdir(dir))
      if (e->d_name[0] != '.') ++n;
    closedir(dir);
    return Samples{{{}, n - 1}};  // minus the descriptor of the directory listing itself
  });
  registry.gauge_callback("process_max_fds", "Maximum number of open file descriptors.", {}, [] {
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return Samples{};
    return Samples{{{}, static_cast<double>(rl.rlim_cur)}};
  });
  // Computed once: the start time does not change, and btime + starttime/ticks is exact to the tick.
  double start = 0;
  if (auto f = proc_stat_fields(); f.size() > 19) start = boot_time_seconds() + std::stod(f[19]) / ticks;
  registry.gauge_callback("process_start_time_seconds", "Start time of the process since unix epoch in seconds.", {},
                          [start] { return Samples{{{}, start}}; });
}

}  // namespace the5hc::metrics
