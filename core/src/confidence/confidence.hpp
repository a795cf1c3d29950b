#pragma once
#include <string>
#include <vector>

namespace clusop {

enum class Level : uint8_t { kLow, kMedium, kHigh };
const char* LevelName(Level level);

// Four legs: how sure we are of the parse, the diagnosis, the dollar figure and the advice.
struct Confidence {
  Level parse = Level::kHigh;
  Level diagnosis = Level::kHigh;
  Level cost = Level::kLow;
  Level recommendation = Level::kHigh;
  std::vector<std::string> reasons;  // why a leg is below HIGH
};

struct Analysis;
Confidence AssessConfidence(const Analysis& analysis);

}  // namespace clusop
