#include "eventlog/rollover_check.hpp"

#include <gtest/gtest.h>

#include "kpi/app_report.hpp"

namespace clusop {
namespace {

std::vector<ScanError> Check(const std::vector<std::pair<std::string, int64_t>>& parts) {
  RolloverCheck check;
  for (const auto& [path, number] : parts) check.OnRollover(path, number);
  std::vector<ScanError> errors;
  check.Report(&errors);
  return errors;
}

TEST(RolloverCheck, ConsecutivePartsFromZeroAreWhole) {
  EXPECT_TRUE(Check({{"a", 0}, {"b", 1}, {"eventlog", 2}}).empty());
}

TEST(RolloverCheck, AGapNamesTheMissingPartsAndWhereItShows) {
  const auto errors = Check({{"a", 0}, {"c", 3}, {"eventlog", 4}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "c");
  EXPECT_NE(errors[0].message.find("rollover parts 1 to 2 missing"), std::string::npos) << errors[0].message;
}

TEST(RolloverCheck, AMissingFirstPartSaysWhatIsLost) {
  const auto errors = Check({{"b", 1}, {"eventlog", 2}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("part 0 missing"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[0].message.find("application start"), std::string::npos);
}

}  // namespace
}  // namespace clusop

namespace clusop {
namespace {

TEST(RolloverCheck, ADuplicatedPartIsNamedWithTheOneItRepeats) {
  const auto errors = Check({{"eventlog-2022-01-14--17-00.zip.gz", 0}, {"eventlog-2022-01-14--18-00.gz", 0},
                             {"eventlog", 1}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "eventlog-2022-01-14--18-00.gz");
  EXPECT_NE(errors[0].message.find("part 0 appears twice"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[0].message.find("eventlog-2022-01-14--17-00.zip.gz"), std::string::npos) << errors[0].message;
}

}  // namespace
}  // namespace clusop
