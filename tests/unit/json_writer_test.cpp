#include "report/json_writer.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace clusop {
namespace {

std::string Fixed(double v, int decimals) { return JsonWriter().Fixed(v, decimals).Take(); }

TEST(JsonWriter, FixedDecimalsAreDeterministic) {
  EXPECT_EQ(Fixed(0.12345, 4), "0.1235");
  EXPECT_EQ(Fixed(2.5, 2), "2.50");
  EXPECT_EQ(Fixed(-0.0001, 4), "-0.0001");
  EXPECT_EQ(Fixed(3, 0), "3");
  EXPECT_EQ(Fixed(1e20, 2), "100000000000000000000.00");
  EXPECT_EQ(Fixed(std::nan(""), 2), "null");
  EXPECT_EQ(Fixed(INFINITY, 2), "null");
}

TEST(JsonWriter, EscapesAndNests) {
  JsonWriter w(2);
  w.BeginObject().Key("a\"b").String("x\n\x01<").Key("list").BeginArray().Int(1).Bool(false).Null().EndArray().EndObject();
  EXPECT_EQ(w.Take(), "{\n  \"a\\\"b\": \"x\\n\\u0001<\",\n  \"list\": [\n    1,\n    false,\n    null\n  ]\n}");
}

}  // namespace
}  // namespace clusop
