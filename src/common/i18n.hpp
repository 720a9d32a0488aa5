#pragma once
// Message translation. Message ids are the English texts ("Not found."); Korean translations live in the gettext
// catalog locale/ko/LC_MESSAGES/the5hc.po, embedded into the binary and parsed once on first use. Code raises
// errors with msgids and the edge (HTTP error middleware, CLI) translates for the caller's language.
//
// Placeholders are written `{name}` in msgids and translations. To carry values with a msgid through layers that
// only hold a string (Error messages, field errors), encode them with i18n::args(); translate() decodes them:
//   throw Error::field("age", i18n::args("Ensure this value is less than or equal to {n}.", {{"n", "120"}}));
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace the5hc {

enum class Lang { ko, en };

const char* lang_code(Lang lang);  // "ko" / "en"

namespace i18n {

// API.md §1.2: q-valued Accept-Language; en (or en-*) ranked above ko → en, everything else → ko.
Lang negotiate(std::string_view accept_language);
// "en", "en-US", "EN_gb" → en; "ko", "ko-KR" → ko; anything else → nullopt-like fallback `fallback`.
Lang parse(std::string_view code, Lang fallback = Lang::ko);

// msgid + values, encoded into one string (separated by ASCII unit/record separators, never present in text).
std::string args(std::string_view msgid, std::initializer_list<std::pair<std::string_view, std::string>> values);

// Translates `message` (a msgid, possibly carrying args()) and substitutes `{name}` placeholders from the
// encoded values first, then from `extra` (e.g. Error::args). Unknown msgids come back untranslated.
std::string translate(Lang lang, std::string_view message, const std::map<std::string, std::string>& extra = {});
inline std::string tr(Lang lang, std::string_view message) { return translate(lang, message); }

// The msgid without encoded values (for logs and comparisons in tests).
std::string_view msgid_of(std::string_view message);

// Parses gettext .po text into msgid -> msgstr (fuzzy and untranslated entries skipped, msgctxt entries keyed
// "ctx\x04msgid" as gettext does). Exposed for tests and `check`; throws std::runtime_error on a syntax error.
std::map<std::string, std::string> parse_po(std::string_view text);

// Number of Korean translations loaded (0 = catalog missing; `check` reports E009 on that).
size_t catalog_size();

}  // namespace i18n
}  // namespace the5hc
