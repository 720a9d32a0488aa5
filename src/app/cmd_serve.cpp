// `the5hc serve [--host --port --threads]` (OPERATIONS.md §2, §5.4).
#include <malloc.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <thread>

#include "app/application.hpp"
#include "app/cli.hpp"
#include "app/scheduled_jobs.hpp"
#include "app/smtp_mailer.hpp"
#include "auth/rate_limiter.hpp"
#include "auth/redis_counters.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/log.hpp"
#include "config/config.hpp"
#include "http/server.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

namespace the5hc::cli {
namespace {

// Refuses a schema this binary cannot serve; in DEBUG applies pending migrations (OPERATIONS.md §2).
void prepare_schema(const Config& config, store::Database& db) {
  store::Migrator migrator(db);
  auto st = migrator.status();
  if (!st.checksum_mismatch.empty())
    throw Error(ErrorCode::database_state,
                i18n::args("Applied migration {version} differs from this binary's copy (checksum changed).",
                           {{"version", std::to_string(st.checksum_mismatch.front())}}));
  if (!st.unknown.empty() && !st.newer_but_compatible())
    throw Error(ErrorCode::database_state, i18n::args("The database schema is newer than this binary (version {version}).",
                                                      {{"version", std::to_string(st.schema_version)}}));
  if (st.pending.empty()) return;
  if (!config.debug)
    throw Error(ErrorCode::database_state, i18n::args("{n} pending migrations: run `the5hc migrate up`.",
                                                      {{"n", std::to_string(st.pending.size())}}));
  for (const auto& m : migrator.up()) log::info("app", "applied migration", {{"version", m.version}, {"name", m.name}});
}

// glibc's per-thread cache of freed blocks (its tcache) keeps 7 blocks of each size. A request allocates a few
// hundred small blocks (a page of clients: its strings, rows and headers) and frees them when it ends: past the
// seventh of a size they go back to the shared arenas (two, see serve), under the arena's lock, and the next large
// allocation — a page's buffer — merges every one of them again (malloc_consolidate). Under wrk -t2 -c32 that was
// a seventh of the machine's CPU (perf, client list). Kept 1,000 per size, a thread reuses its own blocks: in
// back-to-back runs the client list went +15 %, the search +29 %, assessment create +23 %, client detail +9 %, with
// the peak RSS 0.3 MB higher (issue 11). glibc reads this setting only when a process starts, from GLIBC_TUNABLES
// (mallopt has no such option), so serve starts itself again once with it — the same process id, before any thread
// or log line exists. A GLIBC_TUNABLES that already names tcache_count is the operator's choice and stays; where
// the binary cannot be found again (no /proc), serve goes on with glibc's defaults.
void keep_freed_blocks_per_thread(char** argv) {
  const char* given = std::getenv("GLIBC_TUNABLES");
  if (!argv || (given && std::strstr(given, "glibc.malloc.tcache_count"))) return;
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return;
  self[n] = '\0';
  const std::string tunables = (given && *given ? std::string(given) + ":" : std::string()) +
                               "glibc.malloc.tcache_count=1000";
  const std::string before = given ? given : "";  // (setenv may have freed what `given` points to)
  setenv("GLIBC_TUNABLES", tunables.c_str(), 1);
  execv(self, argv);
  if (before.empty()) unsetenv("GLIBC_TUNABLES");  // execv failed: the environment as it was
  else setenv("GLIBC_TUNABLES", before.c_str(), 1);
}

int serve(Context& ctx, const std::string& host_opt, int port_opt, int threads_opt) {
  keep_freed_blocks_per_thread(ctx.argv);
  const Config& config = ctx.config();
  if (auto level = log::parse_level(config.log_level)) log::set_level(*level);
  // Memory (issue 11: RSS ≤ 60 MB under load): glibc gives worker threads their own malloc arenas (up to 8 per
  // core), each keeping the memory its requests freed. Two arenas are enough for this server's short requests;
  // MALLOC_ARENA_MAX in the environment still decides when it is set.
  if (!std::getenv("MALLOC_ARENA_MAX")) mallopt(M_ARENA_MAX, 2);
  // Block the stop signals before any thread exists so that every thread inherits the mask and only sigwait()
  // below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  store::Database& db = ctx.database();
  prepare_schema(config, db);

  http::ServerOptions options;
  options.host = host_opt.empty() ? config.host : host_opt;
  options.port = port_opt >= 0 ? port_opt : config.port;
  options.threads = threads_opt > 0 ? threads_opt : config.worker_threads;
  // Owned here so that it ends (joining its request threads) before the application those threads call into.
  auto server_owner = std::make_unique<http::Server>(options);
  http::Server& server = *server_owner;
  auth::RateLimiter limiter;
  // Several nodes count login attempts and API calls together in Redis (per process while it does not answer).
  if (!config.redis_url.empty())
    limiter.share_through(std::make_unique<auth::RedisCounters>(auth::parse_redis_url(config.redis_url)));
  std::unique_ptr<app::SmtpMailer> mailer;
  if (!config.email_host.empty()) mailer = std::make_unique<app::SmtpMailer>(config);
  app::Application application({config, db, SystemClock::instance(), limiter, mailer.get()}, &server);
  server.start(application.handler());  // throws when the port is taken: a second instance fails loudly
  // The address really bound: a wildcard says so instead of pretending to be loopback.
  std::cout << "The5HC listening on http://" << options.host << ":" << server.port()
            << (options.host == "0.0.0.0" || options.host == "::" ? " (every interface)" : "") << "\n"
            << std::flush;
  app::ScheduledJobs jobs(config, db, SystemClock::instance());  // housekeeping; backups with BACKUP_SCHEDULE
  jobs.start();

  int sig = 0;
  sigwait(&stop_signals, &sig);
  log::info("app", "stopping", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
  server.begin_drain();
  // A second signal while draining means "now": exit at once with 1.
  std::thread([stop_signals] {
    int again = 0;
    sigwait(&stop_signals, &again);
    _exit(1);
  }).detach();
  bool clean = server.stop(std::chrono::seconds(config.shutdown_timeout));
  jobs.stop();  // at a safe point: a running backup or housekeeping pass finishes first
  bool checkpointed = db.checkpoint();  // a failure is logged; the WAL is folded in at the next start
  log::info("app", "stopped", {{"clean", clean}, {"wal_checkpointed", checkpointed}});
  // A request read just before the listener stopped can still be running on a worker; the application it calls is
  // destroyed after this function returns (the integration suite saw a SIGSEGV on SIGTERM under load once).
  server_owner.reset();
  return 0;
}

}  // namespace

void register_serve(CLI::App& app, Context& ctx, Action& action) {
  auto* cmd = app.add_subcommand("serve", "run the HTTP server (SIGTERM/SIGINT stop it gracefully)");
  static std::string host;
  static int port = -1, threads = 0;
  cmd->add_option("--host", host, "listen address (default HOST or 127.0.0.1; 0.0.0.0 = every interface)");
  cmd->add_option("--port", port, "listen port (default PORT or 8000)")->check(CLI::Range(0, 65535));
  cmd->add_option("--threads", threads, "worker threads (default WORKER_THREADS or 64)")->check(CLI::Range(1, 4096));
  cmd->callback([&] { action = [&ctx] { return serve(ctx, host, port, threads); }; });
}

}  // namespace the5hc::cli
