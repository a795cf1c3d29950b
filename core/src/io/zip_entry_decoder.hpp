#pragma once
// One zip entry fed as a stream from its local file header on (zip_entry_decoder.cpp).
#include <memory>

#include "io/codec.hpp"

namespace clusop::io {

class ZipEntryDecoder : public Decoder {
 public:
  // The entry's bytes go through a SniffingDecoder at `depth` + 1.
  static std::unique_ptr<ZipEntryDecoder> Make(const DecoderLimits& limits, int depth);
  // The codec of the entry's own bytes (kUnknown until they were seen).
  virtual Codec entry_codec() const = 0;
  // The entry's own bytes so far (inflated, before its codec): what a face that inflates the
  // entry itself would have fed.
  virtual uint64_t entry_bytes() const = 0;
};

}  // namespace clusop::io
