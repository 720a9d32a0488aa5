#include "app/demo_data.hpp"

#include <algorithm>
#include <random>

#include "common/time.hpp"
#include "domain/rounding.hpp"
#include "service/accounts.hpp"
#include "service/assessments.hpp"
#include "service/clients.hpp"
#include "service/identity.hpp"
#include "service/mcq.hpp"
#include "service/packages.hpp"
#include "service/sessions.hpp"
#include "store/database.hpp"
#include "store/organizations.hpp"
#include "store/users.hpp"

namespace the5hc::app {
namespace {

constexpr const char* kZone = "Asia/Seoul";
constexpr int kClients = 50;

const char* const kFamily[] = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신"};
const char* const kGiven[] = {"민준", "서연", "도윤", "하은", "시우", "지유", "주원", "서윤", "예준", "지아",
                              "하준", "수아", "지호", "다은", "현우", "채원", "은우", "소율", "건우", "예린"};

// The studio as the use cases see it: who acts, and a clock that the script moves through the past.
struct Studio {
  Studio(store::Database& database, const Config& configuration) : db(database), config(configuration) {}
  store::Database& db;
  const Config& config;
  TestClock clock;  // settable: the demo is written "as it happened", each step at its own moment
  std::mt19937 rng{20240601};
  service::Actor owner{}, trainer{};

  service::Context as(const service::Actor& actor) {
    return service::Context{db, config, clock, actor, {"", "demo-data", ""}, Lang::ko};
  }
  // Local time of day `d` at hh:mm, as the clock's present.
  void at(Date d, int hour, int minute = 0) {
    clock.set(start_of_day(d, kZone) + std::chrono::hours(hour) + std::chrono::minutes(minute));
  }
  double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); }
  int integer(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  bool chance(double p) { return uniform(0, 1) < p; }
};

std::int64_t create_demo_user(Studio& s, const std::string& username, const std::string& name,
                              const std::string& role, std::optional<std::string> organization_slug) {
  service::CreateUserRequest req;
  req.username = username;
  req.email = username + "@example.com";
  req.name = name;
  req.password = kDemoPassword;
  req.role = role;
  if (organization_slug) req.organization_slug = organization_slug;
  else req.create_organization_name = kDemoOrganization;
  service::Context ctx{s.db, s.config, s.clock, std::nullopt, {"", "demo-data", ""}, Lang::ko};
  return service::create_user(ctx, req).user_id;
}

service::Actor actor_of(Studio& s, std::int64_t user_id) {
  return s.db.read([&](soci::session& sql) { return *service::load_actor(sql, user_id); });
}

// One assessment of a client who improves with training: `progress` 0 (first visit) … 1 (latest).
domain::AssessmentInput assessment_input(Studio& s, double fitness, double progress, bool outdoor) {
  double f = std::min(1.0, fitness + 0.25 * progress);
  domain::AssessmentInput in;
  if (outdoor) {
    in.test_environment = domain::TestEnvironment::outdoor;
    in.temperature = domain::round1(s.uniform(-2, 31));
  }
  in.overhead_squat_performed = true;
  in.overhead_squat_knee_valgus = s.chance(0.6 - 0.5 * f);
  in.overhead_squat_forward_lean = s.chance(0.5 - 0.4 * f);
  in.overhead_squat_heel_lift = s.chance(0.4 - 0.3 * f);
  in.overhead_squat_arm_drop = s.chance(0.4 - 0.3 * f);
  in.push_up_type = f < 0.3 && s.chance(0.5) ? domain::PushUpType::modified : domain::PushUpType::standard;
  in.push_up_reps = static_cast<int>(5 + 35 * f + s.uniform(-3, 3));
  in.single_leg_balance_right_eyes_open = domain::round1(10 + 50 * f + s.uniform(-5, 5));
  in.single_leg_balance_left_eyes_open = domain::round1(10 + 48 * f + s.uniform(-5, 5));
  in.single_leg_balance_right_eyes_closed = domain::round1(2 + 20 * f + s.uniform(-2, 2));
  in.single_leg_balance_left_eyes_closed = domain::round1(2 + 19 * f + s.uniform(-2, 2));
  in.toe_touch_distance = domain::round1(-15 + 25 * f + s.uniform(-3, 3));
  in.shoulder_mobility_right = domain::round1(25 - 18 * f + s.uniform(0, 3));
  in.shoulder_mobility_left = domain::round1(25 - 17 * f + s.uniform(0, 3));
  in.shoulder_mobility_score = f > 0.7 ? 3 : f > 0.4 ? 2 : 1;
  in.farmer_carry_weight = domain::round1(20 + 30 * f);
  in.farmer_carry_distance = 20;
  in.farmer_carry_time = domain::round1(30 + 50 * f + s.uniform(-5, 5));
  in.harvard_step_test_hr1 = static_cast<int>(150 - 50 * f + s.uniform(-5, 5));
  in.harvard_step_test_hr2 = *in.harvard_step_test_hr1 - s.integer(5, 12);
  in.harvard_step_test_hr3 = *in.harvard_step_test_hr2 - s.integer(5, 12);
  in.harvard_step_test_duration = 180;
  if (progress > 0.99) in.notes = "최근 평가: 꾸준한 향상";
  return in;
}

// Answers every applicable question of the active bank: one choice for single/scale, one or two for multiple,
// a sentence for text; a question whose dependency was not chosen is left out, as the form would hide it.
std::vector<domain::McqResponse> questionnaire(Studio& s, const service::Context& ctx) {
  std::vector<domain::McqResponse> out;
  for (const auto& row : service::list_mcq_questions(ctx, {})) {
    const auto& q = row.question;
    if (q.depends_on_id) {
      auto parent = std::ranges::find(out, *q.depends_on_id, &domain::McqResponse::question_id);
      if (parent == out.end() || std::ranges::find(parent->selected_choice_ids, *q.depends_on_choice_id) ==
                                     parent->selected_choice_ids.end())
        continue;
    }
    domain::McqResponse r{q.id, {}, ""};
    if (q.question_type == domain::QuestionType::text) {
      r.response_text = "주 2회 운동을 목표로 하고 있습니다.";
    } else if (!q.choices.empty()) {
      r.selected_choice_ids.push_back(q.choices[s.integer(0, static_cast<int>(q.choices.size()) - 1)].id);
      if (q.question_type == domain::QuestionType::multiple && q.choices.size() > 1 && s.chance(0.4)) {
        auto second = q.choices[s.integer(0, static_cast<int>(q.choices.size()) - 1)].id;
        if (second != r.selected_choice_ids.front()) r.selected_choice_ids.push_back(second);
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

DemoSummary load_demo_data(store::Database& db, const Config& config, TimePoint now) {
  DemoSummary summary;
  if (db.read([](soci::session& sql) { return store::username_taken(sql, "demo"); })) return summary;
  summary.created = true;

  Studio s{db, config};
  Date today = local_date(now, kZone);
  Date opening = add_days(today, -360);  // the studio's first day, about a year ago
  s.at(opening, 9);
  auto owner_id = create_demo_user(s, "demo", "김대표", "owner", std::nullopt);
  s.owner = actor_of(s, owner_id);
  std::string slug = db.read([&](soci::session& sql) {
    return store::find_organization(sql, *s.owner.organization_id)->slug;
  });
  s.trainer = actor_of(s, create_demo_user(s, "demo-trainer", "이트레이너", "trainer", slug));
  create_demo_user(s, "demo-assistant", "박어시스턴트", "assistant", slug);

  std::vector<std::int64_t> clients;
  for (int i = 0; i < kClients; ++i) {
    // Registered over the year; the first visit is the first assessment, then one every 6–10 weeks.
    Date registered = add_days(opening, 7 + i * 7 + s.integer(0, 4));
    s.at(registered, 10, s.integer(0, 50));
    const auto& who = i % 3 == 0 ? s.owner : s.trainer;
    service::ClientChanges c;
    c.trainer_id = *who.trainer_id;
    c.name = std::string(kFamily[i % std::size(kFamily)]) + kGiven[(i * 7) % std::size(kGiven)];
    c.gender = i % 2 == 0 ? "female" : "male";
    c.age = 22 + (i * 13) % 45;
    c.height = domain::round1(*c.gender == "female" ? s.uniform(152, 172) : s.uniform(165, 185));
    c.weight = domain::round1(*c.gender == "female" ? s.uniform(47, 72) : s.uniform(60, 92));
    if (i % 4 != 3) c.email = "client" + std::to_string(i + 1) + "@example.com";
    if (i % 5 != 4) c.phone = "010" + std::to_string(20000000 + i * 104729 % 79999999);
    auto ctx = s.as(who);
    auto client = service::create_client(ctx, c);
    clients.push_back(client.client.id);
    ++summary.clients;

    double fitness = s.uniform(0.1, 0.7);
    int visits = 1 + std::min(4, days_between(registered, today) / 60);
    for (int v = 0; v < visits; ++v) {
      Date day = add_days(registered, v * s.integer(42, 70));
      if (day > today) break;
      s.at(day, 11, s.integer(0, 59));
      service::AssessmentDraft draft;
      draft.client_id = client.client.id;
      draft.date = day.str();
      draft.input = assessment_input(s, fitness, visits == 1 ? 1.0 : double(v) / (visits - 1), s.chance(0.2));
      auto assessment = service::create_assessment(ctx, draft);
      ++summary.assessments;
      if (v == 0 && i % 4 == 0) {
        service::save_mcq_responses(ctx, assessment.row.id, {questionnaire(s, ctx), {}}, true);
        ++summary.questionnaires;
      }
    }
  }

  // Six packages bought over the last 7 weeks; two sessions a week each, booked a few days ahead and completed
  // (now and then a no-show or a cancellation) on the day; the coming week stays booked.
  Date start = add_days(today, -49);
  const domain::PaymentMethod methods[] = {domain::PaymentMethod::card, domain::PaymentMethod::transfer,
                                           domain::PaymentMethod::cash};
  for (int p = 0; p < 6; ++p) {
    Date bought = add_days(start, p * 3);
    s.at(bought, 18);
    const auto& who = (p * 5) % 3 == 0 ? s.owner : s.trainer;
    auto ctx = s.as(who);
    service::NewPackage np;
    np.client_id = clients[p * 5];
    int sessions = p % 2 == 0 ? 20 : 10;
    np.package_name = std::to_string(sessions) + "회 PT 패키지";
    np.total_sessions = sessions;
    np.total_amount = sessions == 20 ? 1'100'000 : 600'000;
    np.method = methods[p % 3];
    np.payment_date = bought.str();
    auto package = service::create_package(ctx, np).package;
    ++summary.packages;
    ++summary.payments;
    // The 20-session packages are topped up with 10 more sessions four weeks after purchase. Two sessions stay
    // unbooked, so a cancellation or no-show never runs the package dry.
    Date top_up_day = add_days(bought, 28);
    bool topped_up = false;
    int booked = 0;
    for (Date day = add_days(bought, 2); day <= add_days(today, 7) && booked < sessions - 2;
         day = add_days(day, p % 2 == 0 ? 3 : 4), ++booked) {
      if (p % 2 == 0 && !topped_up && day >= top_up_day && top_up_day <= today) {
        s.at(top_up_day, 18, 30);
        service::TopUpInput top_up;
        top_up.amount = 500'000;
        top_up.method = methods[(p + 1) % 3];
        top_up.sessions = 10;
        top_up.payment_date = top_up_day.str();
        top_up.description = "10회 추가";
        service::top_up_package(ctx, package.id, top_up);
        sessions += 10;
        topped_up = true;
        ++summary.payments;
      }
      Date booked_on = std::min(add_days(day, -3), today);
      s.at(std::max(booked_on, bought), 19, 30);
      service::NewSession ns;
      ns.package_id = package.id;
      ns.session_date = day.str();
      ns.session_time = (p % 2 == 0 ? "07:00" : "19:00");
      auto session = service::book_session(ctx, ns);
      ++summary.sessions;
      if (day >= today) continue;
      s.at(day, p % 2 == 0 ? 8 : 20);
      service::OutcomeInput outcome;
      int roll = s.integer(0, 19);
      outcome.outcome = roll == 0 ? domain::SessionOutcome::no_show
                        : roll == 1 ? domain::SessionOutcome::cancel : domain::SessionOutcome::complete;
      if (outcome.outcome == domain::SessionOutcome::cancel) outcome.cancel_reason = "개인 사정";
      service::record_outcome(ctx, session.session.id, outcome);
    }
  }
  return summary;
}

}  // namespace the5hc::app
