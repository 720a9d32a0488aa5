// `the5hc score` — runs the scoring engine on one assessment read as JSON from stdin, with the built-in reference
// data and MCQ bank (OPERATIONS.md §2); no database, no configuration.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "service/assessment_json.hpp"
#include "app/cli.hpp"
#include "domain/assessment_validation.hpp"
#include "domain/evaluation.hpp"

namespace the5hc::cli {

namespace {

using nlohmann::json;

const domain::McqChoice* choice_by_order(const domain::McqQuestion& q, const json& order) {
  if (!order.is_number_integer()) return nullptr;
  for (const auto& c : q.choices)
    if (c.order == order.get<std::int64_t>()) return &c;
  return nullptr;
}

// `mcq: [{"question": n, "choices": [order…], "value": scale value or text}]` → responses of the built-in bank.
std::vector<domain::McqResponse> read_mcq(const json& items, FieldErrors& errors) {
  std::vector<domain::McqResponse> responses;
  if (!items.is_array()) {
    errors["mcq"].push_back("Expected a list of items.");  // 항목의 리스트가 필요합니다.
    return responses;
  }
  const auto& bank = domain::builtin_mcq_bank();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    const std::string key = "mcq." + std::to_string(i);
    if (!item.is_object()) {
      errors[key].push_back("Invalid data. Expected a dictionary.");  // 잘못된 데이터입니다.
      continue;
    }
    for (const auto& [k, v] : item.items())
      if (k != "question" && k != "choices" && k != "value") errors[key + "." + k].push_back("Unknown field.");
    const domain::McqQuestion* question = nullptr;
    if (auto it = item.find("question"); it != item.end() && it->is_number_integer())
      for (const auto& q : bank.questions)
        if (q.id == it->get<std::int64_t>()) question = &q;
    if (!question) {
      errors[key + ".question"].push_back("Question not found.");  // 질문을 찾을 수 없습니다.
      continue;
    }
    domain::McqResponse r{question->id, {}, {}};
    if (auto it = item.find("choices"); it != item.end() && !it->is_null()) {
      if (!it->is_array()) errors[key + ".choices"].push_back("Expected a list of items.");
      else
        for (const auto& order : *it)
          if (const auto* c = choice_by_order(*question, order)) r.selected_choice_ids.push_back(c->id);
          else errors[key + ".choices"].push_back(service::invalid_choice_message(order));
    }
    if (auto it = item.find("value"); it != item.end() && !it->is_null()) {
      if (question->question_type == domain::QuestionType::text && it->is_string())
        r.response_text = it->get<std::string>();
      else if (question->question_type == domain::QuestionType::scale && choice_by_order(*question, *it))
        r.selected_choice_ids.push_back(choice_by_order(*question, *it)->id);
      else
        errors[key + ".value"].push_back(service::invalid_choice_message(*it));
    }
    responses.push_back(std::move(r));
  }
  return responses;
}

int run_score(std::istream& in, std::ostream& out) {
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  json body;
  try {
    body = json::parse(text);
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    for (char& c : what)
      if (c == '\n' || c == '\r') c = ' ';
    throw Error(ErrorCode::usage, i18n::args("input: invalid JSON: {error}", {{"error", what}}));
  }
  if (!body.is_object()) throw input_error({{"input", {"Invalid data. Expected a dictionary."}}});

  domain::AssessmentInput input;
  domain::ClientFacts client;
  std::vector<domain::McqResponse> responses;
  FieldErrors errors = service::read_assessment_input(body, input, {"client", "mcq"});
  if (auto it = body.find("client"); it != body.end() && !it->is_null())
    errors.merge(service::read_client_facts(*it, client, "client"));
  if (auto it = body.find("mcq"); it != body.end() && !it->is_null()) responses = read_mcq(*it, errors);
  if (!errors.empty()) throw input_error(errors);

  errors = domain::validate_assessment_input(input);
  // the domain names the API's response fields; say them as this command's input spells them
  for (auto& [key, msgs] : domain::validate_mcq_responses(domain::builtin_mcq_bank(), responses, false)) {
    std::string name = "mcq" + key.substr(std::string("responses").size());
    for (auto [from, to] : {std::pair{".selected_choices", ".choices"}, std::pair{".question_id", ".question"}})
      if (name.ends_with(from)) name = name.substr(0, name.size() - std::string_view(from).size()) + to;
    errors[name] = msgs;
  }
  if (!errors.empty()) throw input_error(errors);

  const auto evaluation = domain::evaluate_assessment(input, client, responses);
  JsonWriter result;
  service::write_assessment_object(result, {nullptr, &evaluation, message_language()});
  out << result.text() << "\n";
  return 0;
}

}  // namespace

void register_score(CLI::App& app, Context&, Action& action) {
  auto* cmd = app.add_subcommand("score", "score one assessment read as JSON from stdin (built-in reference data)");
  cmd->callback([&action] { action = [] { return run_score(std::cin, std::cout); }; });
}

}  // namespace the5hc::cli
