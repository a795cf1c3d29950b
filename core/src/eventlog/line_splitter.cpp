#include "eventlog/line_splitter.hpp"

#include <algorithm>
#include <cstring>

#include "common/byte_search.hpp"

namespace clusop {

// A carry buffer grown past this by one long line is released once the line was read.
constexpr size_t kKeptCarryBytes = size_t{8} << 20;

void LineSplitter::BeginPart() {
  line_number_ = 0;
  carry_size_ = 0;
}

bool LineSplitter::TooLong(std::string* error) const {
  *error = "line " + std::to_string(line_number_ + 1) + " is longer than the limit of " +
           std::to_string(max_line_bytes_) + " bytes (max_line_bytes): not read";
  return false;
}

// Grows the carry buffer geometrically, but never past the longest line allowed.
void LineSplitter::Reserve(size_t size) {
  if (carry_.size() >= size + kLinePadding) return;
  size_t grown = std::max(size, std::min(carry_.size() * 2, max_line_bytes_ + 1));
  carry_.resize(grown + kLinePadding);
}

bool LineSplitter::Emit(const char* begin, size_t size, bool last, std::string* error) {
  ++line_number_;
  if (size > 0 && begin[size - 1] == '\r') --size;
  if (size == 0) return true;
  if (size > max_line_bytes_) {
    --line_number_;
    return TooLong(error);
  }
  Line line;
  line.text = std::string_view(begin, size);
  line.number = line_number_;
  line.last = last;
  return handler_->OnLine(line, error);
}

bool LineSplitter::EmitCopy(const char* begin, size_t size, bool last, std::string* error) {
  if (padded_.size() < size + kLinePadding) padded_.resize(size + kLinePadding);
  std::memcpy(padded_.data(), begin, size);
  std::memset(padded_.data() + size, ' ', kLinePadding);
  ++copied_lines_;
  return Emit(padded_.data(), size, last, error);
}

bool LineSplitter::Write(std::string_view bytes, std::string* error) {
  const char* p = bytes.data();
  const char* const end = p + bytes.size();
  if (carry_size_ > 0) {
    const char* nl = text::FindByte(p, bytes.size(), '\n');
    const size_t take = static_cast<size_t>((nl ? nl : end) - p);
    if (carry_size_ + take > max_line_bytes_ + 1) return TooLong(error);  // +1: a CR before the newline
    Reserve(carry_size_ + take);
    std::memcpy(carry_.data() + carry_size_, p, take);
    carry_size_ += take;
    if (!nl) return true;
    std::memset(carry_.data() + carry_size_, ' ', kLinePadding);
    const size_t size = carry_size_;
    carry_size_ = 0;
    ++copied_lines_;
    if (!Emit(carry_.data(), size, false, error)) return false;
    if (carry_.size() > kKeptCarryBytes) std::vector<char>().swap(carry_);
    p = nl + 1;
  }
  while (p < end) {
    const char* nl = text::FindByte(p, static_cast<size_t>(end - p), '\n');
    if (!nl) break;
    const size_t size = static_cast<size_t>(nl - p);
    const bool ok = static_cast<size_t>(end - p) >= size + kLinePadding ? Emit(p, size, false, error)
                                                                        : EmitCopy(p, size, false, error);
    if (!ok) return false;
    p = nl + 1;
  }
  if (p < end) {
    const size_t rest = static_cast<size_t>(end - p);
    if (rest > max_line_bytes_ + 1) return TooLong(error);
    Reserve(rest);
    std::memcpy(carry_.data(), p, rest);
    carry_size_ = rest;
  }
  return true;
}

bool LineSplitter::EndPart(std::string* error) {
  if (carry_size_ == 0) return true;
  std::memset(carry_.data() + carry_size_, ' ', kLinePadding);
  const size_t size = carry_size_;
  carry_size_ = 0;
  return Emit(carry_.data(), size, true, error);
}

}  // namespace clusop
