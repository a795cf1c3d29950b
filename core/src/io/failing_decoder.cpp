// A codec this build cannot read, or no codec at all: every call fails with one message.
#include "io/decoders.hpp"

namespace clusop::io {
namespace {

class FailingDecoder : public Decoder {
 public:
  explicit FailingDecoder(std::string message) : message_(std::move(message)) {}
  bool Feed(std::string_view, ByteSink*, std::string* error) override {
    *error = message_;
    return false;
  }
  bool Finish(ByteSink*, bool* truncated, std::string* error) override {
    *truncated = false;
    *error = message_;
    return false;
  }

 private:
  std::string message_;
};

}  // namespace

std::unique_ptr<Decoder> MakeFailingDecoder(std::string message) {
  return std::make_unique<FailingDecoder>(std::move(message));
}

}  // namespace clusop::io
