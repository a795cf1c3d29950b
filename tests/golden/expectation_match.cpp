#include "expectation_match.hpp"

#include <cmath>

namespace clusop::testing {
namespace {

using nlohmann::json;

std::string Short(const json& value) {
  std::string text = value.dump();
  return text.size() > 160 ? text.substr(0, 157) + "..." : text;
}

void Match(const json& expected, const json& actual, const std::string& where, std::vector<std::string>* diffs);

// {"$includes": [a, b]}: each listed item matches some item of the actual array, in any order
// (for lists whose order or length is not what the case is about).
void MatchIncludes(const json& items, const json& actual, const std::string& where, std::vector<std::string>* diffs) {
  if (!actual.is_array()) {
    diffs->push_back(where + ": expected an array, got " + Short(actual));
    return;
  }
  for (const json& item : items) {
    bool found = false;
    for (const json& candidate : actual) {
      std::vector<std::string> ignored;
      Match(item, candidate, where, &ignored);
      if (ignored.empty()) {
        found = true;
        break;
      }
    }
    if (!found) diffs->push_back(where + ": no item matches " + Short(item) + " in " + Short(actual));
  }
}

void Match(const json& expected, const json& actual, const std::string& where, std::vector<std::string>* diffs) {
  if (expected.is_object() && expected.size() == 1 && expected.contains("$includes")) {
    MatchIncludes(expected["$includes"], actual, where, diffs);
    return;
  }
  if (expected.is_object()) {
    if (!actual.is_object()) {
      diffs->push_back(where + ": expected an object, got " + Short(actual));
      return;
    }
    for (const auto& [key, value] : expected.items()) {
      if (!key.empty() && key[0] == '$') continue;  // "$comment", "$label": provenance for readers
      const std::string path = where.empty() ? key : where + "." + key;
      const auto it = actual.find(key);
      if (it == actual.end()) diffs->push_back(path + ": missing (expected " + Short(value) + ")");
      else Match(value, *it, path, diffs);
    }
    return;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) {
      diffs->push_back(where + ": expected " + std::to_string(expected.size()) + " items " + Short(expected) + ", got " +
                       Short(actual));
      return;
    }
    for (size_t i = 0; i < expected.size(); ++i)
      Match(expected[i], actual[i], where + "[" + std::to_string(i) + "]", diffs);
    return;
  }
  // The writer prints fixed decimals: the same text parses to the same double, so numbers are
  // compared exactly (an integer 4 and a fixed 4.000 are the same number).
  const bool same = expected.is_number() && actual.is_number() ? expected.get<double>() == actual.get<double>()
                                                               : expected == actual;
  if (!same) diffs->push_back(where + ": expected " + Short(expected) + ", got " + Short(actual));
}

}  // namespace

std::vector<std::string> MatchExpectation(const json& expected, const json& actual) {
  std::vector<std::string> diffs;
  Match(expected, actual, "", &diffs);
  return diffs;
}

}  // namespace clusop::testing
