#pragma once
// The compact golden expectation: a JSON document stating only the fields that matter, matched
// as a subset of the analysis. See tests/golden/README.md for the rules.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace clusop::testing {

// Every place where `actual` does not hold what `expected` states, one line each, named by its
// JSON path ("fallbacks[0].cause: expected ..., got ..."). Empty when it matches.
std::vector<std::string> MatchExpectation(const nlohmann::json& expected, const nlohmann::json& actual);

}  // namespace clusop::testing
