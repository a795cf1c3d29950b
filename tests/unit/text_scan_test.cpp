// The SIMD byte and mark scans against one-byte-at-a-time references, on the lengths around
// their 16- and 64-byte steps, matches in the last byte, and bytes >= 0x80.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/byte_search.hpp"
#include "engine_log/report_marks.hpp"
#include "parse/plan_reader.hpp"

namespace clusop {
namespace {

constexpr size_t kNone = std::string_view::npos;

// A deterministic text of `n` bytes drawn from `alphabet`.
std::string RandomText(uint64_t* state, size_t n, std::string_view alphabet) {
  std::string text;
  for (size_t i = 0; i < n; ++i) {
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    text += alphabet[(*state >> 33) % alphabet.size()];
  }
  return text;
}

const std::vector<size_t> kLengths = {0, 1, 2, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 200, 4100, 20000};
const std::string_view kBytes("ab\n\n\x80\xC3\xA9\xFF\x0A\x8A z", 12);

TEST(ByteSearch, CountByteAgreesWithALoop) {
  uint64_t state = 1;
  for (size_t n : kLengths) {
    for (int round = 0; round < 4; ++round) {
      std::string text = RandomText(&state, n, kBytes);
      if (round == 1 && n > 0) text.back() = '\n';                    // a match in the last byte
      if (round == 2) text.assign(n, '\n');                          // every lane's count near its limit
      for (char c : {'\n', '\x80', '\xFF', 'q'}) {
        size_t expected = 0;
        for (char b : text) expected += b == c;
        EXPECT_EQ(text::CountByte(text.data(), text.size(), c), expected) << n << " " << round;
      }
    }
  }
}

TEST(ByteSearch, FindLastByteAgreesWithALoop) {
  uint64_t state = 2;
  for (size_t n : kLengths) {
    for (int round = 0; round < 3; ++round) {
      std::string text = RandomText(&state, n, round == 0 ? std::string_view("abc\xC3") : kBytes);
      if (round == 2 && n > 0) text.back() = '\n';
      for (char c : {'\n', '\xC3', 'q'}) {
        const char* expected = nullptr;
        for (size_t i = 0; i < text.size(); ++i)
          if (text[i] == c) expected = text.data() + i;
        EXPECT_EQ(text::FindLastByte(text.data(), text.size(), c), expected) << n << " " << round;
      }
    }
  }
}

TEST(ByteSearch, AsciiPrefixAgreesWithALoop) {
  uint64_t state = 4;
  for (size_t n : kLengths) {
    for (size_t high_at : {size_t{0}, n / 2, n - (n > 0), n, size_t{15}, size_t{16}, size_t{63}, size_t{64}}) {
      std::string text = RandomText(&state, n, "abc \n:+-");
      if (high_at < n) text[high_at] = static_cast<char>(0x80 + (high_at % 0x80));
      size_t expected = 0;
      while (expected < n && static_cast<unsigned char>(text[expected]) < 0x80) ++expected;
      EXPECT_EQ(text::AsciiPrefix(text.data(), text.size()), expected) << n << " " << high_at;
    }
  }
}

// The plan reader's UTF-8 check steps over ASCII 64 bytes at a time: a bad byte anywhere
// around those steps is still found, good multi-byte sequences still pass.
TEST(ByteSearch, PlanTextUtf8CheckAroundTheAsciiSteps) {
  for (size_t at : {0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 199}) {
    for (std::string_view bytes : {std::string_view("\xFF"), std::string_view("\xC3"), std::string_view("\xE2\x86"),
                                   std::string_view("\xC3\xA9"), std::string_view("\xE2\x86\x90")}) {
      std::string text = "Project [a#1]\n" + std::string(200, ' ');
      text.replace(at + 14, bytes.size(), bytes);
      PlanTree tree;
      std::string error;
      PlanReadFailure failure = PlanReadFailure::kNone;
      ReadPlan(text, &tree, &error, &failure);
      const bool valid = bytes.size() >= 2 && (bytes.size() == 3 || bytes[0] == '\xC3') && bytes != "\xE2\x86";
      EXPECT_EQ(failure == PlanReadFailure::kNotText, !valid) << at << " " << bytes.size();
    }
  }
}

// The first mark at or after `pos` as the scan used to find it: the least start of any mark.
size_t FirstMark(std::string_view text, size_t pos) {
  size_t first = kNone;
  for (std::string_view mark : {"GlutenPlanFallbackEvent", "alidation failed", "Comet accelerated", "[COMET:", "run on GPU"})
    first = std::min(first, text.find(mark, pos));
  return first;
}

// The start of the line holding `at` (not before `pos`): what the report reader takes from a mark.
size_t LineOf(std::string_view text, size_t pos, size_t at) {
  if (at == kNone) return kNone;
  while (at > pos && text[at - 1] != '\n') --at;
  return at;
}

void ExpectSameLine(std::string_view text, size_t pos) {
  const size_t expected = LineOf(text, pos, FirstMark(text, pos));
  for (const size_t found : {NextReportMark(text, pos), NextReportMarkScalar(text, pos)}) {
    EXPECT_EQ(LineOf(text, pos, found), expected) << "pos " << pos << " in [" << text << "]";
    if (found != kNone) EXPECT_GE(found, pos);
  }
}

TEST(ReportMarks, FindTheLineTheFirstMarkIsOn) {
  const std::vector<std::string_view> marks = {"GlutenPlanFallbackEvent", "Validation failed for plan: ",
                                               "native validation failed due to: ", "Comet accelerated ",
                                               "[COMET: ", "!Exec <X> cannot run on GPU because",
                                               "Comet accelerate", "alidation faile", "[COMET", "run on GP"};
  uint64_t state = 3;
  // anchors ('C', 'G', 'f', and 'K', 'O' which share a bit pattern), line breaks, bytes >= 0x80
  const std::string_view alphabet("CGfKOcd \n\x80\xC7\xE6[:a", 15);
  for (size_t n : kLengths) {
    if (n > 4100) continue;
    for (int round = 0; round < 24; ++round) {
      std::string text = RandomText(&state, n, alphabet);
      const std::string_view mark = marks[round % marks.size()];
      if (round >= 2 && n >= mark.size()) {
        // a mark (or a near miss) at a varying place: the start, the end, across a 16/64-byte step
        const size_t room = n - mark.size();
        const size_t at = round % 3 == 0 ? room : round % 3 == 1 ? 0 : (round * 61) % (room + 1);
        text.replace(at, mark.size(), mark);
      }
      if (round % 5 == 4 && n >= 40) text.replace(n / 2, 18, "Comet accelerated ");
      for (size_t pos = 0; pos <= text.size(); ++pos)
        if (pos == 0 || text[pos - 1] == '\n' || pos % 7 == 0) ExpectSameLine(text, pos);
    }
  }
}

TEST(ReportMarks, MarksOnSeveralLines) {
  std::string text = std::string(70, ' ') + "Gluten\nrun on GP\nx [COMET: a] y Comet accelerated 1\n";
  text += std::string(100, 'C') + "\n" + std::string(3, 'G') + "GlutenPlanFallbackEvent\nlast alidation failed";
  for (size_t pos = 0; pos <= text.size(); ++pos) ExpectSameLine(text, pos);
  EXPECT_EQ(NextReportMark("", 0), kNone);
  EXPECT_EQ(NextReportMark("run on GPU", 0), 0u);
  EXPECT_EQ(NextReportMark("run on GPU", 1), kNone);
  EXPECT_EQ(NextReportMark("xrun on GPU", 11), kNone);
}

}  // namespace
}  // namespace clusop
