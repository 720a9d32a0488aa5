#include "service/notifications.hpp"

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include <algorithm>
#include <cctype>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "domain/money.hpp"
#include "domain/permissions.hpp"
#include "service/authorization.hpp"
#include "store/database.hpp"
#include "store/organizations.hpp"

namespace the5hc::service {
namespace {

struct Text {
  const char* type;
  const char* title;    // msgids, translated by locale/ko/LC_MESSAGES/organizations.po
  const char* message;
};

constexpr Text kTexts[] = {
    {"client_added", "New client", "{actor} added client {client}."},
    {"assessment_completed", "Assessment completed",
     "The fitness assessment of {client} is complete (overall {overall})."},
    {"payment_received", "Payment received", "{client} paid ₩{amount} ({method})"},
    {"trainer_joined", "Trainer joined", "{trainer} joined as {role}."},
};

const Text* text_of(const std::string& type) {
  for (const auto& t : kTexts)
    if (type == t.type) return &t;
  return nullptr;
}

std::string group_thousands(const std::string& digits) {
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); }))
    return digits;
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

NotificationView render(const store::Notification& n, Lang lang) {
  NotificationView v{n, n.type, ""};
  const Text* text = text_of(n.type);
  if (!text) return v;
  std::map<std::string, std::string> values;
  auto params = nlohmann::json::parse(n.params, nullptr, false);
  if (params.is_object())
    for (const auto& [key, value] : params.items())
      values[key] = value.is_string() ? value.get<std::string>() : value.dump();
  if (auto role = values.find("role"); role != values.end())
    if (auto r = domain::parse_role(role->second))
      role->second = lang == Lang::en ? domain::role_label(*r).en : domain::role_label(*r).ko;
  if (auto amount = values.find("amount"); amount != values.end()) amount->second = group_thousands(amount->second);
  if (auto method = values.find("method"); method != values.end())
    if (auto m = domain::parse_payment_method(method->second))
      method->second = lang == Lang::en ? domain::payment_method_label(*m).en : domain::payment_method_label(*m).ko;
  v.title = i18n::tr(lang, text->title);
  v.message = i18n::translate(lang, text->message, values);
  return v;
}

}  // namespace

void notify(soci::session& sql, const Context& ctx, const std::string& type,
            const std::map<std::string, std::string>& params, const NotificationObject& object) {
  if (!text_of(type)) throw Error(ErrorCode::internal, "unknown notification type " + type);
  store::Notification n;
  n.organization_id = object.organization_id;
  n.type = type;
  n.params = nlohmann::json(params).dump();
  if (!object.type.empty()) n.object_type = object.type;
  n.object_id = object.id;
  if (!object.url.empty()) n.url = object.url;
  n.created_at = format_timestamp(ctx.clock.now());
  // The acting user is not notified. A plain id (0 = no actor; ids start at 1): GCC 12 -O2 reports the copied
  // optional this was as maybe-uninitialized.
  const std::int64_t actor = ctx.actor ? ctx.actor->user_id : 0;
  for (auto user_id : store::active_owner_and_senior_users(sql, object.organization_id)) {
    if (user_id == actor) continue;
    n.user_id = user_id;
    store::insert_notification(sql, n);
  }
}

NotificationPage list_notifications(Context& ctx, std::optional<bool> is_read, int limit, int offset) {
  auto user = require_actor(ctx).user_id;
  return ctx.db.read([&](soci::session& sql) {
    NotificationPage page;
    page.count = store::count_notifications(sql, user, is_read);
    for (const auto& n : store::list_notifications(sql, user, is_read, limit, offset))
      page.results.push_back(render(n, ctx.lang));
    return page;
  });
}

std::int64_t unread_notification_count(Context& ctx) {
  auto user = require_actor(ctx).user_id;
  return ctx.db.read([&](soci::session& sql) { return store::count_notifications(sql, user, false); });
}

NotificationView mark_notification_read(Context& ctx, std::int64_t id) {
  auto user = require_actor(ctx).user_id;
  std::string now = format_timestamp(ctx.clock.now());
  auto n = ctx.db.write([&](soci::session& sql) {
    if (!store::find_notification(sql, id, user)) throw Error::not_found();
    store::mark_notification_read(sql, id, now);
    return *store::find_notification(sql, id, user);
  });
  return render(n, ctx.lang);
}

int mark_all_notifications_read(Context& ctx) {
  auto user = require_actor(ctx).user_id;
  std::string now = format_timestamp(ctx.clock.now());
  return ctx.db.write([&](soci::session& sql) { return store::mark_all_notifications_read(sql, user, now); });
}

}  // namespace the5hc::service
