#include <gtest/gtest.h>

#include <sodium.h>

#include <atomic>
#include <thread>
#include <vector>

#include "auth/password.hpp"
#include "common/error.hpp"

using namespace the5hc;
using namespace the5hc::auth;

namespace {
// trainers.password_hash of `testaccount` in shared/fixtures/legacy-streamlit.db (password `legacy-pass-1`).
constexpr const char* kFixtureBcrypt = "$2b$12$ajYJ4uAVD3Q7P9m.A3cW5uAj3Y3/PfAzwaBJ0l1nFQG1VXQRagMua";

// Made with Python's crypt.crypt(pw, crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16|32)).
constexpr const char* kBcrypt2bCost4 = "$2b$04$5XFB3K7BV3cdTwEO5Q9xoOI4ZuHe76BfyB0VLQh61NbAJGkxF2MyO";  // legacy-pass-1
constexpr const char* kBcryptKorean = "$2b$05$7U21K3LlDUbK8VD.9r.tC.mXZv7vEuP.Myg6VhszwLJo8qeWDZHeG";  // 비밀번호-레거시

// Computed with Python: hmac.new(bytes.fromhex(salt), pw.encode(), hashlib.sha256).hexdigest() and
// hashlib.sha256(pw.encode()).hexdigest().
constexpr const char* kSalt = "00112233445566778899aabbccddeeff";
constexpr const char* kHmacLegacyPass = "5cf82756762b932ce1c88ec429097d4b2eca310ab46baa3fcba57e6ad15ddc57";
constexpr const char* kHmacKorean = "8db26d08f1ceeddd8611d7dc7dfc2a7f73610f953c8874edb035b5f5d7f7eb12";  // 트레이너비번123
constexpr const char* kShaLegacyPass = "bc2c92454ab5ce983c7e2b2981559123b312caae526b72a035b16c8c926ac66b";
constexpr const char* kShaKorean = "01d67092201f3417326a949cbbdc0d8b0f385e64ae4670f491ffc1f9ba0e31e2";

std::string hmac_hash(const std::string& salt, const std::string& digest) {
  return "legacy-hmac-sha256$" + salt + "$" + digest;
}
}  // namespace

TEST(AuthPassword, Argon2idRoundTrip) {
  auto h = hash_password("correct horse battery");
  EXPECT_EQ(h.rfind("$argon2id$v=19$m=65536,t=3,p=1$", 0), 0u) << h;
  EXPECT_TRUE(verify_password("correct horse battery", h));
  EXPECT_FALSE(verify_password("correct horse battery ", h));
  EXPECT_FALSE(verify_password("Correct horse battery", h));
  EXPECT_FALSE(verify_password("", h));
  EXPECT_FALSE(needs_upgrade(h));
}

TEST(AuthPassword, Argon2idSaltsDifferAndKoreanPasswordsWork) {
  auto a = hash_password("비밀번호는안전하게");
  auto b = hash_password("비밀번호는안전하게");
  EXPECT_NE(a, b);
  EXPECT_TRUE(verify_password("비밀번호는안전하게", b));
  EXPECT_FALSE(verify_password("비밀번호는안전하게!", a));
}

TEST(AuthPassword, Argon2idPasswordWithNulIsNotTruncated) {
  std::string with_nul("abc\0defghij", 11);
  auto h = hash_password(with_nul);
  EXPECT_TRUE(verify_password(with_nul, h));
  EXPECT_FALSE(verify_password("abc", h));
}

TEST(AuthPassword, FixtureBcryptCost12Verifies) {
  EXPECT_TRUE(verify_password("legacy-pass-1", kFixtureBcrypt));
  EXPECT_TRUE(needs_upgrade(kFixtureBcrypt));
}

TEST(AuthPassword, Bcrypt2bGeneratedHashes) {
  EXPECT_TRUE(verify_password("legacy-pass-1", kBcrypt2bCost4));
  EXPECT_FALSE(verify_password("legacy-pass-2", kBcrypt2bCost4));
  EXPECT_FALSE(verify_password("", kBcrypt2bCost4));
  EXPECT_TRUE(verify_password("비밀번호-레거시", kBcryptKorean));
  EXPECT_FALSE(verify_password("비밀번호-레거시 ", kBcryptKorean));
}

TEST(AuthPassword, Bcrypt2aAnd2yPublishedVectors) {
  // jBCrypt's test vectors ($2a$) and the PHP manual's password_verify example ($2y$).
  EXPECT_TRUE(verify_password("", "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s."));
  EXPECT_TRUE(verify_password("abc", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"));
  EXPECT_FALSE(verify_password("abd", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"));
  EXPECT_TRUE(verify_password("rasmuslerdorf", "$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a"));
  EXPECT_FALSE(verify_password("rasmuslerdorF", "$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a"));
}

TEST(AuthPassword, BcryptRejectsNulInsteadOfTruncating) {
  EXPECT_FALSE(verify_password(std::string("legacy-pass-1\0tail", 18), kBcrypt2bCost4));
}

TEST(AuthPassword, BcryptGarbledOrOutOfRangeIsFalse) {
  std::string good = kBcrypt2bCost4;
  EXPECT_FALSE(verify_password("legacy-pass-1", good.substr(0, 59)));               // truncated
  EXPECT_FALSE(verify_password("legacy-pass-1", good + "x"));                        // too long
  EXPECT_FALSE(verify_password("legacy-pass-1", "$2x$04$" + good.substr(7)));        // unsupported variant
  EXPECT_FALSE(verify_password("legacy-pass-1", "$2b$03$" + good.substr(7)));        // cost below 4
  EXPECT_FALSE(verify_password("legacy-pass-1", "$2b$31$" + good.substr(7)));        // cost too high to run
  EXPECT_FALSE(verify_password("legacy-pass-1", "$2b$4x$" + good.substr(7)));
  std::string bad_char = good;
  bad_char[30] = '+';
  EXPECT_FALSE(verify_password("legacy-pass-1", bad_char));
  std::string other_digest = good;
  other_digest[59] = other_digest[59] == 'O' ? 'P' : 'O';
  EXPECT_FALSE(verify_password("legacy-pass-1", other_digest));
}

TEST(AuthPassword, LegacyHmacSha256) {
  EXPECT_TRUE(verify_password("legacy-pass-1", hmac_hash(kSalt, kHmacLegacyPass)));
  EXPECT_TRUE(verify_password("트레이너비번123", hmac_hash(kSalt, kHmacKorean)));
  EXPECT_FALSE(verify_password("legacy-pass-2", hmac_hash(kSalt, kHmacLegacyPass)));
  EXPECT_FALSE(verify_password("legacy-pass-1", hmac_hash("00112233445566778899aabbccddeefe", kHmacLegacyPass)));
  // Hex case is not significant.
  std::string upper = kHmacLegacyPass;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(verify_password("legacy-pass-1", hmac_hash("00112233445566778899AABBCCDDEEFF", upper)));
  EXPECT_TRUE(needs_upgrade(hmac_hash(kSalt, kHmacLegacyPass)));
}

TEST(AuthPassword, LegacyHmacSha256Garbled) {
  std::string digest = kHmacLegacyPass;
  EXPECT_FALSE(verify_password("legacy-pass-1", "legacy-hmac-sha256$" + std::string(kSalt)));           // no digest
  EXPECT_FALSE(verify_password("legacy-pass-1", hmac_hash("", digest)));                                // no salt
  EXPECT_FALSE(verify_password("legacy-pass-1", hmac_hash("0011223", digest)));                         // odd salt
  EXPECT_FALSE(verify_password("legacy-pass-1", hmac_hash("zz112233445566778899aabbccddeeff", digest)));
  EXPECT_FALSE(verify_password("legacy-pass-1", hmac_hash(kSalt, digest.substr(0, 62))));              // short
  EXPECT_FALSE(verify_password("legacy-pass-1", hmac_hash(kSalt, digest + "00")));                     // long
  EXPECT_FALSE(verify_password("legacy-pass-1", hmac_hash(kSalt, digest + "$")));
}

TEST(AuthPassword, LegacySha256) {
  EXPECT_TRUE(verify_password("legacy-pass-1", std::string("legacy-sha256$") + kShaLegacyPass));
  EXPECT_TRUE(verify_password("트레이너비번123", std::string("legacy-sha256$") + kShaKorean));
  EXPECT_FALSE(verify_password("legacy-pass-", std::string("legacy-sha256$") + kShaLegacyPass));
  EXPECT_FALSE(verify_password("legacy-pass-1", std::string("legacy-sha256$") + std::string(kShaLegacyPass).substr(1)));
  EXPECT_FALSE(verify_password("legacy-pass-1", "legacy-sha256$"));
  EXPECT_FALSE(verify_password("legacy-pass-1", std::string("legacy-sha256") + kShaLegacyPass));  // no '$'
  // The unsalted digest is not accepted bare or under the other legacy prefix.
  EXPECT_FALSE(verify_password("legacy-pass-1", kShaLegacyPass));
  EXPECT_TRUE(needs_upgrade(std::string("legacy-sha256$") + kShaLegacyPass));
}

TEST(AuthPassword, UnknownAndGarbledFormatsAreFalse) {
  const std::vector<std::string> garbage = {
      "",
      "$",
      "legacy-pass-1",  // a plaintext "hash" must never match its own text
      "$argon2id$",
      "$argon2id$v=19$m=65536,t=3,p=1$",
      "$argon2id$v=19$m=65536,t=3,p=1$YPccS4ibHcxo0amL9lz1rg$",
      "$argon2id$v=19$m=65536,t=3,p=1$!!!!$!!!!",
      "$argon2id$v=16$m=65536,t=3,p=1$YPccS4ibHcxo0amL9lz1rg$I197rWXC/33RUirICCKZ57UyZGx+bCDpeeegK3LYIX4",
      // Parameters a corrupted row might carry: must be refused before any work is done.
      "$argon2id$v=19$m=4294967295,t=3,p=1$YPccS4ibHcxo0amL9lz1rg$I197rWXC/33RUirICCKZ57UyZGx+bCDpeeegK3LYIX4",
      "$argon2id$v=19$m=65536,t=4294967295,p=1$YPccS4ibHcxo0amL9lz1rg$I197rWXC/33RUirICCKZ57UyZGx+bCDpeeegK3LYIX4",
      "$argon2id$v=19$m=65536,t=3,p=4$YPccS4ibHcxo0amL9lz1rg$I197rWXC/33RUirICCKZ57UyZGx+bCDpeeegK3LYIX4",
      "$argon2id$v=19$m=99999999999999999999999,t=3,p=1$YPccS4ibHcxo0amL9lz1rg$I197rWXC/33RUirICCKZ57UyZGx+bCDpeeegK3LYIX4",
      "$2b$",
      "$2b$12$",
      "$1$abcdefgh$abcdefghijklmnopqrstuv",  // MD5-crypt: a real crypt(3) format we do not accept
      "$6$rounds=5000$salt$hash",
      "pbkdf2_sha256$600000$salt$hash",
      std::string(10000, '$'),
      std::string("\0\xff\xfe", 3),
  };
  for (const auto& g : garbage) {
    EXPECT_FALSE(verify_password("legacy-pass-1", g)) << g.substr(0, 80);
    EXPECT_FALSE(verify_password("", g)) << g.substr(0, 80);
    EXPECT_TRUE(needs_upgrade(g)) << g.substr(0, 80);
  }
}

TEST(AuthPassword, Argon2iIsNotAcceptedAsArgon2id) {
  ASSERT_GE(sodium_init(), 0);
  char out[crypto_pwhash_argon2i_STRBYTES];
  ASSERT_EQ(crypto_pwhash_argon2i_str(out, "legacy-pass-1", 13, 3, 8u << 20), 0);
  EXPECT_FALSE(verify_password("legacy-pass-1", out));
  EXPECT_TRUE(needs_upgrade(out));
}

TEST(AuthPassword, NeedsUpgradeWhenArgon2idParametersDiffer) {
  ASSERT_GE(sodium_init(), 0);
  char out[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str(out, "legacy-pass-1", 13, 3, 8u << 20), 0);  // 8 MiB instead of 64
  EXPECT_TRUE(verify_password("legacy-pass-1", out));
  EXPECT_TRUE(needs_upgrade(out));
}

TEST(AuthPassword, DummyHashUsesCurrentParametersAndNeverMatches) {
  EXPECT_FALSE(needs_upgrade(detail::dummy_hash()));
  EXPECT_FALSE(verify_password("", detail::dummy_hash()));
}

TEST(AuthPassword, DummyVerifyCostsAboutAsMuchAsARealVerification) {
  // Best of two each, and only a factor-10 floor: a dummy that skipped the argon2id work (microseconds instead
  // of ~100 ms) fails, while scheduling noise on a shared machine does not.
  using clock = std::chrono::steady_clock;
  auto best = [](auto&& f) {
    auto d = clock::duration::max();
    for (int i = 0; i < 2; ++i) {
      auto t0 = clock::now();
      f();
      d = std::min(d, clock::now() - t0);
    }
    return d;
  };
  auto real = best([] { (void)verify_password("not the password", detail::dummy_hash()); });
  auto dummy = best([] { dummy_verify("not the password"); });
  EXPECT_GT(dummy * 10, real);
}

TEST(AuthPassword, GateCapacityIsClamped) {
  EXPECT_EQ(HashingGate(0).capacity(), 1);
  EXPECT_EQ(HashingGate(-5).capacity(), 1);
  EXPECT_EQ(HashingGate(3).capacity(), 3);
  EXPECT_EQ(HashingGate(1'000'000).capacity(), HashingGate::max_permits);
  EXPECT_GE(HashingGate::shared().capacity(), 1);
}

TEST(AuthPassword, GateTimesOutWhenFullAndFreesOnRelease) {
  using namespace std::chrono_literals;
  HashingGate gate(2);
  auto a = gate.try_acquire(0ms);
  auto b = gate.try_acquire(0ms);
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(gate.try_acquire(10ms).has_value());
  try {
    gate.acquire(10ms);
    ADD_FAILURE() << "acquire on a full gate should throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::throttled);
    EXPECT_EQ(e.headers.at("Retry-After"), "1");
  }
  a.reset();
  EXPECT_TRUE(gate.try_acquire(0ms).has_value());  // released by the temporary's destructor again
  auto c = gate.try_acquire(0ms);
  EXPECT_TRUE(c.has_value());
  EXPECT_FALSE(gate.try_acquire(0ms).has_value());
  auto moved = std::move(*c);  // a moved-from permit must not release twice
  c.reset();
  EXPECT_FALSE(gate.try_acquire(0ms).has_value());
}

TEST(AuthPassword, GateBoundsConcurrentHolders) {
  using namespace std::chrono_literals;
  HashingGate gate(2);
  std::atomic<int> active{0}, peak{0}, done{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      auto permit = gate.acquire(10s);
      int now = ++active;
      int prev = peak.load();
      while (now > prev && !peak.compare_exchange_weak(prev, now)) {
      }
      std::this_thread::sleep_for(5ms);
      --active;
      ++done;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(done.load(), 8);
  EXPECT_LE(peak.load(), 2);
  EXPECT_GE(peak.load(), 1);
}
