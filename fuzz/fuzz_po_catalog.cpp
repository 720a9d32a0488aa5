// The .po catalog loader (common/i18n.cpp parse_po) with arbitrary text, and the message functions fed by
// request data: Accept-Language negotiation, language codes, and translate() of a msgid carrying i18n::args values
// (values are user input: a field's text, a choice the client sent). parse_po documents std::runtime_error for a
// syntax error; anything else — another exception, a crash, a hang — is a defect.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "common/i18n.hpp"
#include "fuzz_support.hpp"

using namespace the5hc;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    for (const auto& [id, str] : i18n::parse_po(text)) {
      if (id.empty() || str.empty()) fuzz::fail("empty msgid or msgstr kept");
      // A catalog entry used as a message carrying a value that is itself placeholder text.
      (void)i18n::translate(Lang::ko, i18n::args(id, {{"v", str}, {"n", "{v}"}}), {{"position", id}});
    }
  } catch (const std::runtime_error&) {
    // a syntax error: reported by `check` and the po_check tests, never reached at run time
  } catch (const std::exception& e) {
    fuzz::fail(std::string("parse_po: ") + e.what());
  }
  (void)i18n::negotiate(text);
  (void)i18n::parse(text);
  (void)i18n::translate(Lang::ko, text);
  (void)i18n::translate(Lang::en, i18n::args("\"{v}\" is not a valid choice.", {{"v", std::string(text)}}));
  return 0;
}
