#include "report/json_writer.hpp"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "common/json_specials.hpp"
#include "report/json_text.hpp"

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

namespace clusop {
namespace {

std::string Written(int64_t value) {
  char text[kMaxIntegerBytes + 8];
  return std::string(text, WriteInteger(text, value));
}

std::string Expected(int64_t value) {
  char text[32];
  return std::string(text, std::to_chars(text, text + sizeof text, value).ptr);
}

TEST(JsonText, IntegersAreToCharsBytes) {
  std::vector<int64_t> values = {0, INT64_MIN, INT64_MAX, INT64_MIN + 1, INT64_MAX - 1,
                                 int64_t{UINT32_MAX}, int64_t{UINT32_MAX} + 1, int64_t{UINT32_MAX} - 1};
  for (int64_t power = 1; power <= INT64_MAX / 10; power *= 10)
    for (int64_t v : {power - 1, power, power + 1, 2 * power - 1, 9 * power, 10 * power - 1}) {
      values.push_back(v);
      values.push_back(-v);
    }
  for (int64_t v = -1000; v <= 100000; ++v) values.push_back(v);
  for (int64_t v : values) ASSERT_EQ(Written(v), Expected(v)) << v;
  char text[kMaxIntegerBytes];
  EXPECT_EQ(static_cast<size_t>(WriteInteger(text, INT64_MIN) - text), kMaxIntegerBytes);
  EXPECT_EQ(std::string(text, WriteUnsigned(text, 18446744073709551615ULL)), "18446744073709551615");
}

TEST(JsonText, StringsAreEscapedAsTheWriterDoes) {
  for (const std::string value : {std::string(""), std::string("Project"), std::string("a\"b\\c\nd\re\tf"),
                                  std::string("\x01\x1f\x7f\xc3\xa9", 5), std::string(40, '\n'), std::string("x\0y", 3)}) {
    std::string bytes(JsonStringBound(value), '?');
    const char* end = WriteJsonString(bytes.data(), value);
    ASSERT_LE(static_cast<size_t>(end - bytes.data()), JsonStringBound(value));
    EXPECT_EQ(std::string(static_cast<const char*>(bytes.data()), end), JsonWriter().String(value).Take());
  }
}

size_t NextJsonSpecialByteByByte(std::string_view s, size_t pos) {
  while (pos < s.size() && !IsJsonSpecial(s[pos])) ++pos;
  return pos;
}

// The block paths (32, 16 and 8 bytes, the last block overlapping) against the byte loop: every
// length to 70, every start, a special byte (or none) at every place, plain bytes >= 0x80 around.
TEST(JsonSpecials, BlocksFindWhatTheByteLoopFinds) {
  for (const char special : {'"', '\\', '\n', '\0', '\x1f'}) {
    for (size_t length = 0; length <= 70; ++length) {
      for (size_t at = 0; at <= length; ++at) {  // at == length: no special byte
        std::string s(length, 'a');
        for (size_t i = 0; i < length; i += 3) s[i] = static_cast<char>(0x80 + i);
        for (size_t i = 1; i < length; i += 5) s[i] = ' ';
        if (at < length) s[at] = special;
        for (size_t pos = 0; pos <= length; ++pos)
          ASSERT_EQ(NextJsonSpecial(s, pos), NextJsonSpecialByteByByte(s, pos)) << length << " " << at << " " << pos;
      }
    }
  }
  // a second special byte after the first (a borrow in the word path may flag bytes after it)
  std::string s(40, 'b');
  s[20] = '\0';
  s[21] = '"';
  for (size_t pos = 0; pos <= s.size(); ++pos) EXPECT_EQ(NextJsonSpecial(s, pos), NextJsonSpecialByteByByte(s, pos));
}

}  // namespace
}  // namespace clusop
