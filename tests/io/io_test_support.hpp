#pragma once
// Helpers shared by the io tests: a sink that keeps what it is given, and decoding a whole byte
// string in chunks of a chosen size.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "io/codec.hpp"

namespace clusop::testing {

class StringSink : public ByteSink {
 public:
  bool Write(std::string_view bytes, std::string* error) override {
    if (bytes.size() > largest_write) largest_write = bytes.size();
    ++writes;
    data.append(bytes);
    if (refuse_after > 0 && data.size() >= refuse_after) {
      *error = "sink refused";
      return false;
    }
    return true;
  }
  std::string data;
  size_t largest_write = 0;
  size_t writes = 0;
  size_t refuse_after = 0;  // 0: never refuse
};

// Counts bytes without keeping them (large outputs).
class CountingSink : public ByteSink {
 public:
  bool Write(std::string_view bytes, std::string*) override {
    bytes_ += bytes.size();
    for (char c : bytes) lines_ += c == '\n';
    largest_write = std::max(largest_write, bytes.size());
    return true;
  }
  uint64_t bytes_ = 0;
  uint64_t lines_ = 0;
  size_t largest_write = 0;
};

struct DecodeResult {
  bool ok = false;
  bool truncated = false;
  std::string output;
  std::string error;
  Codec codec = Codec::kUnknown;
};

// Feeds `input` in `chunk`-byte pieces through a SniffingDecoder named `name`, then finishes.
inline DecodeResult DecodeInChunks(std::string_view input, size_t chunk, const std::string& name = "",
                                   const DecoderLimits& limits = DecoderLimits{}) {
  DecodeResult r;
  SniffingDecoder decoder(name, limits);
  StringSink sink;
  for (size_t at = 0; at < input.size(); at += chunk) {
    if (!decoder.Feed(input.substr(at, std::min(chunk, input.size() - at)), &sink, &r.error)) {
      r.output = std::move(sink.data);
      r.codec = decoder.codec();
      return r;
    }
  }
  r.ok = decoder.Finish(&sink, &r.truncated, &r.error);
  r.output = std::move(sink.data);
  r.codec = decoder.codec();
  return r;
}

inline std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

// The "Event" name of one event-log line ("" when the line does not start as Spark writes them).
inline std::string_view EventName(std::string_view line) {
  constexpr std::string_view kPrefix = "{\"Event\":\"";
  if (line.substr(0, kPrefix.size()) != kPrefix) return {};
  line.remove_prefix(kPrefix.size());
  return line.substr(0, line.find('"'));
}

}  // namespace clusop::testing
