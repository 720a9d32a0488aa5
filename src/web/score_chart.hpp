#pragma once
// The data of the `score-history` chart (WEB.md §5, charts.js): overall and category scores over the assessments,
// shown on the client page and on the client's share page.
#include <string>
#include <vector>

#include "common/i18n.hpp"
#include "service/clients.hpp"

namespace the5hc::web {

// The chart's data-chart-data attribute (JSON; the template escapes it). `points` oldest first.
std::string score_history_chart(const std::vector<service::ClientStatisticsView::Point>& points, Lang lang);

}  // namespace the5hc::web
