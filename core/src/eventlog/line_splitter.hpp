#pragma once
// Splits decoded bytes into lines (JSON-lines event logs). A line that lies inside one chunk is
// handed over in place, without a copy; only a line that straddles chunks, or that ends too
// close to its chunk's end to carry the parser's padding, is copied. CRLF is tolerated, empty
// lines are skipped, and a line longer than the limit is an error before it is held whole.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/codec.hpp"

namespace clusop {

// Bytes readable after every line handed over (simdjson's SIMDJSON_PADDING; the reader checks).
constexpr size_t kLinePadding = 64;

struct Line {
  std::string_view text;  // without the newline; text.data()[text.size() .. + kLinePadding) is readable
  uint64_t number = 0;    // 1-based within the current part
  bool last = false;      // the part's final bytes, with no newline after them
};

class LineHandler {
 public:
  virtual ~LineHandler() = default;
  // False (with `error`) stops the splitter.
  virtual bool OnLine(const Line& line, std::string* error) = 0;
};

class LineSplitter : public ByteSink {
 public:
  LineSplitter(LineHandler* handler, size_t max_line_bytes) : handler_(handler), max_line_bytes_(max_line_bytes) {}

  // Starts a new part: line numbers restart at 1.
  void BeginPart();
  bool Write(std::string_view bytes, std::string* error) override;
  // The part's bytes ended: a last line without a newline is handed over now.
  bool EndPart(std::string* error);
  uint64_t lines() const { return line_number_; }
  // Lines copied (straddling chunks or too near a chunk's end), over all parts: the rest were
  // handed over in place.
  uint64_t copied_lines() const { return copied_lines_; }

 private:
  bool Emit(const char* begin, size_t size, bool last, std::string* error);
  bool EmitCopy(const char* begin, size_t size, bool last, std::string* error);
  bool TooLong(std::string* error) const;
  void Reserve(size_t size);

  LineHandler* handler_;
  size_t max_line_bytes_;
  uint64_t line_number_ = 0;
  uint64_t copied_lines_ = 0;
  std::vector<char> carry_;   // the start of a line that straddles chunks (+ padding room)
  size_t carry_size_ = 0;
  std::vector<char> padded_;  // a copy of a line that ends too close to its chunk's end
};

}  // namespace clusop
