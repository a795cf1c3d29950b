// Line splitting: every chunking of the same bytes gives the same lines; CRLF, empty lines,
// a last line without newline, and the length limit.
#include "eventlog/line_splitter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace clusop {
namespace {

struct Collect : LineHandler {
  std::vector<std::string> lines;
  std::vector<uint64_t> numbers;
  std::vector<bool> last;
  bool OnLine(const Line& line, std::string*) override {
    lines.emplace_back(line.text);
    numbers.push_back(line.number);
    last.push_back(line.last);
    // the padding promise: these bytes must be readable (ASan checks it in the sanitizer build)
    volatile char sink = 0;
    for (size_t i = 0; i < kLinePadding; ++i) sink = sink ^ line.text.data()[line.text.size() + i];
    return true;
  }
};

Collect Split(const std::string& bytes, size_t chunk, size_t max_line = 1 << 20, std::string* error = nullptr) {
  Collect out;
  LineSplitter splitter(&out, max_line);
  splitter.BeginPart();
  std::string message;
  bool ok = true;
  for (size_t i = 0; ok && i < bytes.size(); i += chunk) ok = splitter.Write(std::string_view(bytes).substr(i, chunk), &message);
  if (ok) ok = splitter.EndPart(&message);
  if (error) *error = ok ? "" : message;
  return out;
}

const std::string kText =
    "{\"Event\":\"A\"}\n\n{\"Event\":\"B\",\"x\":\"" + std::string(300, 'y') + "\"}\r\n{\"Event\":\"C\"}\n\r\n{\"Event\":\"D\"}";

TEST(LineSplitter, EveryChunkSizeGivesTheSameLines) {
  const Collect whole = Split(kText, kText.size());
  ASSERT_EQ(whole.lines.size(), 4u);
  EXPECT_EQ(whole.lines[0], "{\"Event\":\"A\"}");
  EXPECT_EQ(whole.lines[1].back(), '}');  // the CR is gone
  EXPECT_EQ(whole.lines[3], "{\"Event\":\"D\"}");
  EXPECT_EQ(whole.numbers, (std::vector<uint64_t>{1, 3, 4, 6}));  // empty lines count, are skipped
  EXPECT_EQ(whole.last, (std::vector<bool>{false, false, false, true}));
  for (size_t chunk : {1, 2, 3, 7, 13, 64, 65, 100, 301, 4096}) {
    const Collect c = Split(kText, chunk);
    EXPECT_EQ(c.lines, whole.lines) << "chunk " << chunk;
    EXPECT_EQ(c.numbers, whole.numbers) << "chunk " << chunk;
    EXPECT_EQ(c.last, whole.last) << "chunk " << chunk;
  }
}

TEST(LineSplitter, LineOverTheLimitIsAnErrorInOneChunkOrMany) {
  const std::string text = "{\"Event\":\"A\"}\n" + std::string(5000, 'x') + "\n{\"Event\":\"B\"}\n";
  for (size_t chunk : {1, 100, 4096, 100000}) {
    std::string error;
    const Collect c = Split(text, chunk, 1000, &error);
    EXPECT_EQ(c.lines.size(), 1u) << chunk;
    EXPECT_NE(error.find("line 2 is longer than the limit of 1000 bytes"), std::string::npos) << error;
  }
}

TEST(LineSplitter, AHugeLineIsRefusedBeforeItIsHeldWhole) {
  // 64 MiB of one line against a 1 MiB limit, fed in 1 MiB chunks: refused at the second chunk.
  Collect out;
  LineSplitter splitter(&out, 1 << 20);
  splitter.BeginPart();
  const std::string chunk(1 << 20, 'x');
  std::string error;
  int fed = 0;
  while (fed < 64 && splitter.Write(chunk, &error)) ++fed;
  EXPECT_LE(fed, 1);
  EXPECT_NE(error.find("longer than the limit"), std::string::npos);
}

TEST(LineSplitter, NumbersRestartWithEachPart) {
  Collect out;
  LineSplitter splitter(&out, 1 << 20);
  std::string error;
  for (int part = 0; part < 2; ++part) {
    splitter.BeginPart();
    ASSERT_TRUE(splitter.Write("{}\n{}", &error));
    ASSERT_TRUE(splitter.EndPart(&error));
  }
  EXPECT_EQ(out.numbers, (std::vector<uint64_t>{1, 2, 1, 2}));
}

}  // namespace
}  // namespace clusop
