#pragma once
// Pure normalisation rules for legacy values (LEGACY.md §4, §5, §7.2). No I/O; unit-tested directly.
#include <optional>
#include <string>
#include <string_view>

namespace the5hc::legacy {

// Generic rules (round0, phone format, e-mail validity, character count, slug) come from src/domain; these are
// the ones only the import needs.

// REAL fraction → basis points: 0.1 → 1000, 0.035 → 350.
int rate_bp(double fraction);

// 남성/남/male/Male/M → "male", 여성/여/female/F → "female"; anything else → nullopt (client skipped).
std::optional<std::string> gender(std::string_view raw);

// Free-text payment method → card / cash / transfer / other.
std::string payment_method(const std::optional<std::string>& raw);
// The description stored for a payment: the legacy description, plus " (결제수단: {raw})" when the method maps to
// `other` and the raw text is not empty. nullopt when both are empty.
std::optional<std::string> payment_description(const std::optional<std::string>& description,
                                               const std::optional<std::string>& raw_method);
// package_purchase / top_up / other from the description and raw method text.
std::string payment_kind(const std::optional<std::string>& description, const std::optional<std::string>& raw_method);

// '' or NULL → "{total_sessions}회 패키지".
std::string package_name(const std::optional<std::string>& name, long long total_sessions);

// "10:00:44.064956" → "10:00"; NULL, blank or unparsable → nullopt.
std::optional<std::string> hhmm(const std::optional<std::string>& raw);

// scheduled / completed / cancelled / no_show (case and surrounding blanks ignored); others → nullopt.
std::optional<std::string> session_status(const std::optional<std::string>& raw);

// package_creation → package_purchase, credit_addition → top_up, anything else → legacy.
std::string fee_calculation_type(const std::optional<std::string>& raw);

// Notes of one test with its non-empty compensation text appended as "보상 패턴: {text}".
std::optional<std::string> notes_with_compensations(const std::optional<std::string>& notes,
                                                    const std::optional<std::string>& compensations);

// Collision renames of LEGACY.md §7.2: "kim" → "kim-legacy7", "a@b.kr" → "a+legacy7@b.kr". attempt > 1 (only if the
// renamed value is taken as well) adds "-{attempt}" so that no trainer is ever dropped.
std::string renamed_username(const std::string& username, long long legacy_id, int attempt = 1);
std::string renamed_email(const std::string& email, long long legacy_id, int attempt = 1);
std::string lower_ascii(std::string s);

// Naive legacy timestamps ("2025-06-04 05:32:57.782122", "2025-06-04T05:32:57", "2025-06-04") → the stored form
// "YYYY-MM-DD HH:MM:SS" (read as UTC, LEGACY.md §4); anything else → nullopt.
std::optional<std::string> timestamp(const std::optional<std::string>& raw);
// The leading YYYY-MM-DD of a date or timestamp, if it is a real calendar day.
std::optional<std::string> date(const std::optional<std::string>& raw);
// G1 registration_date is a local date: midnight Asia/Seoul as a UTC timestamp ("2025-05-31 15:00:00").
std::optional<std::string> seoul_midnight_utc(const std::optional<std::string>& raw_date);

// users.password_hash for the three legacy schemes (LEGACY.md §5); nullopt when the row has no usable hash.
std::optional<std::string> password_hash(const std::optional<std::string>& bcrypt_hash,
                                         const std::optional<std::string>& password,
                                         const std::optional<std::string>& salt);

}  // namespace the5hc::legacy
