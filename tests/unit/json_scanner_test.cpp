#include "parse/json_scanner.hpp"

#include <gtest/gtest.h>

namespace clusop {
namespace {

using Token = JsonScanner::Token;

TEST(JsonScanner, TokenizesWithOffsets) {
  JsonScanner s(R"( {"a": [1, "x\ny", true], "b": {}} )");
  EXPECT_EQ(s.Next(), Token::kObjectBegin);
  EXPECT_EQ(s.token_begin(), 1u);
  EXPECT_EQ(s.Next(), Token::kKey);
  EXPECT_EQ(s.raw(), "a");
  EXPECT_EQ(s.Next(), Token::kArrayBegin);
  EXPECT_EQ(s.Next(), Token::kNumber);
  EXPECT_EQ(s.raw(), "1");
  EXPECT_EQ(s.Next(), Token::kString);
  EXPECT_TRUE(s.raw_has_escapes());
  EXPECT_EQ(s.Next(), Token::kLiteral);
  EXPECT_EQ(s.Next(), Token::kArrayEnd);
  EXPECT_EQ(s.Next(), Token::kKey);
  EXPECT_EQ(s.Next(), Token::kObjectBegin);
  EXPECT_EQ(s.Next(), Token::kObjectEnd);
  EXPECT_EQ(s.Next(), Token::kObjectEnd);
  EXPECT_EQ(s.Next(), Token::kEnd);
}

TEST(JsonScanner, RejectsMalformedInput) {
  for (const char* bad : {"{\"a\" 1}", "[1 2]", "{\"a\":}", "[1,]", "{\"a\":1", "\"open", "{} {}", "[tru]"}) {
    JsonScanner s(bad);
    Token t;
    int guard = 0;
    do {
      t = s.Next();
    } while (t != Token::kError && t != Token::kEnd && ++guard < 100);
    EXPECT_EQ(t, Token::kError) << bad;
    EXPECT_FALSE(s.error().empty()) << bad;
  }
}

TEST(JsonScanner, UnescapesToUtf8) {
  std::string out;
  ASSERT_TRUE(JsonScanner::Unescape(R"(a\"b\\c\u00e9\ud83d\ude00\t)", &out));
  EXPECT_EQ(out, "a\"b\\c\xC3\xA9\xF0\x9F\x98\x80\t");
  EXPECT_FALSE(JsonScanner::Unescape(R"(\x)", &out));
  EXPECT_FALSE(JsonScanner::Unescape(R"(\u12)", &out));
}

TEST(JsonScanner, SkipsNestedValues) {
  JsonScanner s(R"({"skip": {"a": [1, {"b": [[]]}]}, "keep": 2})");
  ASSERT_EQ(s.Next(), Token::kObjectBegin);
  ASSERT_EQ(s.Next(), Token::kKey);
  ASSERT_TRUE(s.SkipValue(s.Next()));
  ASSERT_EQ(s.Next(), Token::kKey);
  EXPECT_EQ(s.raw(), "keep");
}

}  // namespace
}  // namespace clusop
