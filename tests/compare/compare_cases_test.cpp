// One runner over tests/compare/cases/*.request.json through clusop_compare (support/request_cases.hpp).
#include "clusop/clusop.h"
#include "support/request_cases.hpp"
#include "support/test_files.hpp"

namespace {

class CompareCase : public ::testing::TestWithParam<std::string> {};

TEST_P(CompareCase, AnswersAsExpected) { clusop::testing::ExpectAnswerAsExpected(clusop_compare, GetParam()); }

INSTANTIATE_TEST_SUITE_P(Cases, CompareCase,
                         ::testing::ValuesIn(clusop::testing::RequestCases(clusop::testing::SourceDir() + "/tests/compare/cases")),
                         clusop::testing::RequestCaseName);

}  // namespace
