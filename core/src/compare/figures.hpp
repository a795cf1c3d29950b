#pragma once
// The before/after table's figures (each a field of a "clusop.scan/1" application) and the figure
// each rule's change is meant to lower: data, in this one place.
#include <string_view>
#include <vector>

namespace clusop::compare {

enum class Unit { kMs, kBytes, kRatio, kUsd };

struct Figure {
  std::string_view name;                 // as the table shows it
  Unit unit;
  std::vector<std::string_view> path;    // keys from the application object down
};

const std::vector<Figure>& Figures();

// The figure a rule's change targets ("" when the rule has none). Deterministic figures where the
// rule has one (bytes, plan shares), not wall time.
std::string_view TargetOf(std::string_view rule);

std::string_view UnitName(Unit unit);

}  // namespace clusop::compare
