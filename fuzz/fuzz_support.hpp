#pragma once
// What every fuzz target shares: the contract that only the product's own error type may leave the code under test
// (error_mapping turns it into a 4xx), and a way to stop with the offending input on anything else.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "common/error.hpp"

namespace the5hc::fuzz {

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz contract broken: %s\n", what.c_str());
  std::abort();
}

// Runs f; the5hc::Error is an answer (4xx), any other exception would be a 500 and stops the run.
template <class F>
void expect_only_product_errors(const char* where, F&& f) {
  try {
    f();
  } catch (const Error&) {
  } catch (const std::exception& e) {
    fail(std::string(where) + ": " + typeid(e).name() + ": " + e.what());
  }
}

}  // namespace the5hc::fuzz
