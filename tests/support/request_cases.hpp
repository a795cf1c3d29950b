// Data-driven cases of a C entry point: <dir>/<name>.request.json beside <name>.expected.json.
// The request goes through the entry and the answer must equal the expectation (as JSON values).
// CLUSOP_UPDATE_EXPECTED=1 writes the answers as the expectations instead (review the diff).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace clusop::testing {

using EntryPoint = char* (*)(const char* request_json, size_t length);

std::vector<std::string> RequestCases(const std::string& dir);
std::string RequestCaseName(const ::testing::TestParamInfo<std::string>& info);
void ExpectAnswerAsExpected(EntryPoint entry, const std::string& request_path);

}  // namespace clusop::testing
