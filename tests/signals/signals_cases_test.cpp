// One runner over tests/signals/cases/*.request.json through clusop_signals (support/request_cases.hpp).
#include "clusop/clusop.h"
#include "support/request_cases.hpp"
#include "support/test_files.hpp"

namespace {

class SignalsCase : public ::testing::TestWithParam<std::string> {};

TEST_P(SignalsCase, AnswersAsExpected) { clusop::testing::ExpectAnswerAsExpected(clusop_signals, GetParam()); }

INSTANTIATE_TEST_SUITE_P(Cases, SignalsCase,
                         ::testing::ValuesIn(clusop::testing::RequestCases(clusop::testing::SourceDir() + "/tests/signals/cases")),
                         clusop::testing::RequestCaseName);

}  // namespace
