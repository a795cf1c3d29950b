#include "diagnose/suspect_functions.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "engine/engine_support.hpp"

namespace clusop {
namespace {

// Aggregates print with their mode: partial_sum, merge_count.
std::string_view WithoutAggregateMode(std::string_view name) {
  for (std::string_view mode : {"partial_", "merge_", "finalmerge_"})
    if (text::StartsWith(name, mode)) return name.substr(mode.size());
  return name;
}

bool SingleCase(std::string_view name) {
  bool lower = false, upper = false;
  for (char c : name) {
    lower |= text::IsLower(c);
    upper |= text::IsUpper(c);
  }
  return !(lower && upper) && (text::IsLower(name[0]) || text::IsUpper(name[0]));
}

}  // namespace

std::vector<std::string> SuspectFunctions(Engine engine, std::string_view s) {
  std::vector<std::string> suspects;
  if (EngineFunctionSupport(engine, "count") == FunctionSupport::kUnknown) return suspects;
  for (size_t at = s.find('('); at != std::string_view::npos; at = s.find('(', at + 1)) {
    size_t begin = at;
    while (begin > 0 && text::IsIdentChar(s[begin - 1])) --begin;
    if (begin == at) continue;
    // "#12(" and "a.b(" are not calls of a function name
    if (begin > 0 && (s[begin - 1] == '#' || s[begin - 1] == '.')) continue;
    const std::string_view name = s.substr(begin, at - begin);
    if (text::IsDigit(name[0]) || !SingleCase(name)) continue;
    const std::string lower = text::ToLower(name);
    const std::string_view function = WithoutAggregateMode(lower);
    if (IsPlanSyntaxCall(function)) continue;
    const FunctionSupport support = EngineFunctionSupport(engine, function);
    if (support != FunctionSupport::kIncompatible && support != FunctionSupport::kUnlisted) continue;
    if (std::find(suspects.begin(), suspects.end(), function) == suspects.end()) suspects.emplace_back(function);
  }
  return suspects;
}

}  // namespace clusop
