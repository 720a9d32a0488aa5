#pragma once
// Prometheus metrics (OPERATIONS.md §5.2), rendered in text exposition format 0.0.4 by GET /metrics.
// Any layer registers its own metrics on the global registry once (registration is get-or-create, so a function
// static or a startup call both work) and updates them lock-free on the hot path:
//   static auto& attempts = metrics::Registry::global().counter(
//       "the5hc_login_attempts_total", "Login attempts by result.", {"result"});
//   attempts.with({"failure"}).inc();
// Values that are cheaper to read on demand (pool sizes, /proc) use a callback instead:
//   registry.gauge_callback("the5hc_db_pool_connections", "Pool connections by state.", {"state"},
//       [&pool] { return metrics::Samples{{{"idle"}, pool.idle()}, {{"busy"}, pool.busy()}}; });
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace the5hc::metrics {

using LabelValues = std::vector<std::string>;  // in the order of the family's label names
using Samples = std::vector<std::pair<LabelValues, double>>;

class Counter {
 public:
  void inc(double by = 1) { value_.fetch_add(by, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Gauge {
 public:
  void set(double v) { value_.store(v, std::memory_order_relaxed); }
  void inc(double by = 1) { value_.fetch_add(by, std::memory_order_relaxed); }
  void dec(double by = 1) { value_.fetch_sub(by, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);  // sorted, without +Inf
  void observe(double v);
  const std::vector<double>& upper_bounds() const { return bounds_; }
  std::vector<std::uint64_t> cumulative_counts() const;  // one per bound, then +Inf
  double sum() const { return sum_.load(std::memory_order_relaxed); }
  std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // non-cumulative, bounds_.size() + 1
  std::atomic<double> sum_{0};
  std::atomic<std::uint64_t> count_{0};
};

// 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5 seconds.
std::vector<double> duration_buckets();

class FamilyBase {
 public:
  FamilyBase(std::string name, std::string help, std::string type, std::vector<std::string> label_names)
      : name_(std::move(name)), help_(std::move(help)), type_(std::move(type)), labels_(std::move(label_names)) {}
  virtual ~FamilyBase() = default;
  const std::string& name() const { return name_; }
  const std::string& type() const { return type_; }
  const std::vector<std::string>& label_names() const { return labels_; }
  void render(std::string& out) const;  // # HELP, # TYPE and the samples

 protected:
  virtual void render_samples(std::string& out) const = 0;
  void check_arity(const LabelValues& values) const;
  std::string name_, help_, type_;
  std::vector<std::string> labels_;
};

template <class Metric>
class Family : public FamilyBase {
 public:
  template <class... Args>
  Family(std::string name, std::string help, std::string type, std::vector<std::string> labels, Args... args)
      : FamilyBase(std::move(name), std::move(help), std::move(type), std::move(labels)),
        make_([=] { return std::make_unique<Metric>(args...); }) {}

  // The metric for these label values, created on first use; the reference stays valid for the registry's life.
  Metric& with(const LabelValues& values) {
    check_arity(values);
    std::lock_guard lock(mutex_);
    auto& slot = metrics_[values];
    if (!slot) slot = make_();
    return *slot;
  }
  Metric& get() { return with({}); }  // for a family without labels

 protected:
  void render_samples(std::string& out) const override;

 private:
  std::function<std::unique_ptr<Metric>()> make_;
  mutable std::mutex mutex_;
  std::map<LabelValues, std::unique_ptr<Metric>> metrics_;
};

class Registry {
 public:
  static Registry& global();

  // Get-or-create; throws std::invalid_argument when the name exists with another type or other labels.
  Family<Counter>& counter(const std::string& name, const std::string& help, std::vector<std::string> labels = {});
  Family<Gauge>& gauge(const std::string& name, const std::string& help, std::vector<std::string> labels = {});
  Family<Histogram>& histogram(const std::string& name, const std::string& help, std::vector<std::string> labels = {},
                               std::vector<double> buckets = duration_buckets());
  // Sampled at render time; replaces an earlier callback of the same name (a restarted pool re-registers).
  void gauge_callback(const std::string& name, const std::string& help, std::vector<std::string> labels,
                      std::function<Samples()> sample);
  void counter_callback(const std::string& name, const std::string& help, std::vector<std::string> labels,
                        std::function<Samples()> sample);

  std::string render() const;  // text format 0.0.4, families sorted by name

 private:
  FamilyBase* find(const std::string& name) const;
  void add_callback(const std::string& name, const std::string& help, const std::string& type,
                    std::vector<std::string> labels, std::function<Samples()> sample);
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<FamilyBase>> families_;
};

// the5hc_build_info{version,commit} 1.
void register_build_info(Registry& registry, const std::string& version, const std::string& commit);
// process_resident_memory_bytes, process_cpu_seconds_total, process_open_fds, process_max_fds,
// process_start_time_seconds from /proc/self; the5hc_heap_in_use_bytes from the C allocator (glibc).
void register_process_metrics(Registry& registry);

// Text-format helpers, exposed for tests.
std::string format_value(double v);
std::string escape_label_value(const std::string& v);

}  // namespace the5hc::metrics
