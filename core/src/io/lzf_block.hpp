#pragma once
// One LZF-compressed block (Marc Lehmann's LZF, as ning compress-lzf writes it), written from
// the format description: a control byte below 32 starts a literal run of ctrl + 1 bytes;
// otherwise its top 3 bits are a match length - 2 (7 means "add the next byte") and its low 5
// bits with the next byte are the distance - 1 back into the output.
#include <cstddef>
#include <string_view>

namespace clusop::io {

// Decodes `in` into exactly `out_size` bytes at `out`. False when the block is corrupt (a run or
// match leaving either buffer, a match reaching before the start, or a different length).
bool LzfDecompressBlock(std::string_view in, char* out, size_t out_size);

}  // namespace clusop::io
