#include "web/score_chart.hpp"

#include <nlohmann/json.hpp>

namespace the5hc::web {

std::string score_history_chart(const std::vector<service::ClientStatisticsView::Point>& points, Lang lang) {
  using nlohmann::json;
  json trend = {{"labels", json::array()}, {"overall", json::array()}, {"strength", json::array()},
                {"mobility", json::array()}, {"balance", json::array()}, {"cardio", json::array()},
                {"names", {{"overall", i18n::tr(lang, "Overall")}, {"strength", i18n::tr(lang, "Strength")},
                           {"mobility", i18n::tr(lang, "Mobility")}, {"balance", i18n::tr(lang, "Balance")},
                           {"cardio", i18n::tr(lang, "Cardio")}}}};
  auto put = [](json& list, std::optional<double> x) { list.push_back(x ? json(*x) : json(nullptr)); };
  for (const auto& pt : points) {
    trend["labels"].push_back(pt.date);
    put(trend["overall"], pt.overall);
    put(trend["strength"], pt.strength);
    put(trend["mobility"], pt.mobility);
    put(trend["balance"], pt.balance);
    put(trend["cardio"], pt.cardio);
  }
  return trend.dump();
}

}  // namespace the5hc::web
