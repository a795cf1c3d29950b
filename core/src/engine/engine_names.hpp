#pragma once
// How the engines name Spark operators in their own reports, as data (engine_names.cpp).
#include <string_view>

namespace clusop {

// The plan's printed name for an engine's class or relation name whose name does not follow from
// dropping "Exec" / "Rel" ("ShuffleExchangeExec" -> "Exchange", "AggregateRel" -> "HashAggregate");
// empty when the name is not in the table.
std::string_view MappedOperatorName(std::string_view engine_name);

}  // namespace clusop
