#pragma once
// Runs every rule over the rows of its scope: a row where each part of the rule's condition
// holds gives a finding with its evidence, severity, saving, confidence, advice and change.
#include <vector>

#include "rank/finding.hpp"
#include "rules/rule_set.hpp"
#include "rules/vocabulary.hpp"

namespace clusop::rules {

std::vector<Finding> Evaluate(const RuleSet& rules, const RuleFacts& facts);

// {name:format} rendering of one value: duration "2m 05s", bytes "1.5 GiB", int, pct "12%".
std::string FormatValue(double value, const std::string& format);

}  // namespace clusop::rules
