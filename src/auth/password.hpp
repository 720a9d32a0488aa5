#pragma once
// Password hashing and verification (DOMAIN.md §7.3, LEGACY.md §5).
//
// New hashes are argon2id (libsodium, opslimit 3, 64 MiB). Verification also accepts the legacy formats imported
// from the Streamlit application; after a successful login with one of them the caller re-hashes the password
// (`needs_upgrade`) and audits `password_upgraded`.
//
// COST AND THE GATE. One argon2id hash or verification takes ~64 MiB and a few hundred ms of one core; a bcrypt
// cost-12 verification ~200 ms. Request threads (WORKER_THREADS, default 64) must not all run these at once: the
// memory alone would be 4 GiB and every other request would queue behind them. So every hash/verify done on
// behalf of a request (login, password change, invitation accept, dummy_verify) runs while holding a permit of
// `HashingGate::shared()`:
//
//     auto permit = auth::HashingGate::shared().acquire();   // throws Error(throttled) after max_wait
//     bool ok = auth::verify_password(password, user.password_hash);
//
// A request that cannot get a permit within `max_wait` fails fast with 429 + Retry-After instead of holding its
// thread indefinitely. The functions themselves do not take the gate, so single-threaded callers (CLI commands,
// tests) pay nothing for it.
#include <chrono>
#include <cstddef>
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>
#include <utility>

namespace the5hc::auth {

// argon2id "$argon2id$v=19$m=65536,t=3,p=1$..." of `password`. Throws Error(internal) if hashing fails (out of
// memory).
std::string hash_password(std::string_view password);

// True if `password` matches `stored` in any accepted format: `$argon2id$…`, bcrypt `$2a$`/`$2b$`/`$2y$`,
// `legacy-hmac-sha256$<salt hex>$<hex>`, `legacy-sha256$<hex>`. Anything else — empty, unknown prefix, truncated,
// parameters out of range — is false, never an exception or a crash. Digest comparisons are constant-time.
bool verify_password(std::string_view password, std::string_view stored);

// True unless `stored` is argon2id with the current parameters: legacy formats, and argon2id hashes made with
// other opslimit/memlimit values (so a future change of parameters also upgrades at login).
bool needs_upgrade(std::string_view stored);

// Costs what a real argon2id verification costs and always fails. Run it for unknown users and locked accounts
// so that response times do not reveal which accounts exist (DOMAIN.md §7.1). Needs a gate permit like a real
// verification.
void dummy_verify(std::string_view password);

namespace detail {
// The argon2id hash `dummy_verify` checks against; exposed so a test can keep it in step with the parameters.
std::string_view dummy_hash();
}  // namespace detail

// Bounded concurrency for the expensive calls above; see the comment at the top of this file.
class HashingGate {
 public:
  // Releases its permit when destroyed; move-only.
  class Permit {
   public:
    Permit(Permit&& other) noexcept : gate_(std::exchange(other.gate_, nullptr)) {}
    Permit& operator=(Permit&&) = delete;
    Permit(const Permit&) = delete;
    ~Permit() {
      if (gate_) gate_->release();
    }

   private:
    friend class HashingGate;
    explicit Permit(HashingGate* gate) : gate_(gate) {}
    HashingGate* gate_;
  };

  static constexpr std::ptrdiff_t max_permits = 1024;

  explicit HashingGate(std::ptrdiff_t permits);  // clamped to 1..max_permits

  // A permit, or nullopt when none frees up within `max_wait`.
  std::optional<Permit> try_acquire(std::chrono::milliseconds max_wait);
  // A permit, or Error(throttled) with headers["Retry-After"] = "1" when none frees up within `max_wait`.
  Permit acquire(std::chrono::milliseconds max_wait = std::chrono::seconds(5));

  std::ptrdiff_t capacity() const { return capacity_; }

  // The process-wide gate, one permit per hardware thread.
  static HashingGate& shared();

 private:
  void release() { sem_.release(); }
  std::ptrdiff_t capacity_;
  std::counting_semaphore<max_permits> sem_;
};

}  // namespace the5hc::auth
