#pragma once
#include <string>

#include "diagnose/diagnosis.hpp"

namespace clusop {

enum class VerdictKind : uint8_t { kNone, kFixFallback, kDisablePhoton };
const char* VerdictName(VerdictKind kind);

struct Verdict {
  VerdictKind kind = VerdictKind::kNone;
  Cause cause = Cause::kNone;
  int32_t heaviest = -1;       // index of the heaviest fallback
  std::string recommendation;  // written for the cause and operator
};

// none, fix_fallback, or disable_photon (nothing ran on Photon, yet the plan pays its premium).
Verdict DecideVerdict(const PlanTree& tree, const Diagnosis& diagnosis);

}  // namespace clusop
