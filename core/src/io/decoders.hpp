#pragma once
// The decoder of each codec (one file each); MakeDecoder picks among them.
#include <memory>

#include "io/codec.hpp"

namespace clusop::io {

std::unique_ptr<Decoder> MakePlainDecoder(const DecoderLimits& limits);
std::unique_ptr<Decoder> MakeZstdDecoder(const DecoderLimits& limits);
std::unique_ptr<Decoder> MakeGzipDecoder(const DecoderLimits& limits);
std::unique_ptr<Decoder> MakeLz4JavaDecoder(const DecoderLimits& limits);
std::unique_ptr<Decoder> MakeSnappyJavaDecoder(const DecoderLimits& limits);
std::unique_ptr<Decoder> MakeLzfDecoder(const DecoderLimits& limits);
// Fails on the first Feed with `message` (an unknown codec, one missing from this build).
std::unique_ptr<Decoder> MakeFailingDecoder(std::string message);

}  // namespace clusop::io
