#pragma once
// Reading files in bounded chunks: never a whole file in memory.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace clusop::cli {

inline constexpr size_t kChunkBytes = size_t{1} << 20;

// The first `limit` bytes of a file (fewer at its end). False with `error` when unreadable.
bool ReadHead(const std::string& path, size_t limit, std::string* head, std::string* error);

// Calls `chunk` with each next piece of the file (at most kChunkBytes) until the file ends or
// `chunk` returns false. False with `error` only when the file could not be read.
bool ReadInChunks(const std::string& path, const std::function<bool(std::string_view)>& chunk, std::string* error);

// Standard input, whole (a plan piped in is small; an event log is given as a file).
std::string ReadStandardInput();

}  // namespace clusop::cli
