#pragma once
// The words every face shows for the core's codes (verdicts, causes, roles, engines, the fallback
// share's basis, missing price inputs, SKUs, dollar measures). One table: the CLI text, the page,
// the widget and the exports read it (the page and the widget through clusop_vocabulary), never
// a copy of their own.
#include <string>
#include <string_view>

#include "diagnose/diagnosis.hpp"
#include "diagnose/fallback_weight.hpp"
#include "diagnose/verdict.hpp"
#include "engine/engine.hpp"

namespace clusop::vocabulary {

const char* VerdictWords(VerdictKind kind);
const char* CauseWords(Cause cause);
const char* RoleWords(Role role);
const char* RoleBadge(Role role);           // the text badge: a role is never told by colour alone
const char* EngineWords(Engine engine);     // the engine's display name
const char* WeightBasisWords(WeightBasis basis);
// A missing price input ("node_type", "usd_per_dbu for aws/premium/jobs", ...) in words: the
// input's leading code is looked up, the rest of the text kept.
std::string MissingWords(std::string_view missing);

// {"schema": "clusop.vocabulary/1", "verdict": {code: words}, "cause", "role", "role_badge",
//  "engine", "weight_basis", "missing", "sku", "waste_measure"}.
std::string VocabularyJson(int indent);

}  // namespace clusop::vocabulary
