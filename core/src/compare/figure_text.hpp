#pragma once
// The words of the before/after table: a figure's value and the change between two runs.
#include <optional>
#include <string>

#include "compare/figures.hpp"

namespace clusop::compare {

// "12.3 s", "1.5 MiB", "$0.0123", "4.25"; "n/a" when unknown.
std::string ValueText(std::optional<double> value, Unit unit);

// "" when either is unknown, "=" when equal, "new" from zero, else "-68%".
std::string ChangeText(std::optional<double> before, std::optional<double> after);

}  // namespace clusop::compare
