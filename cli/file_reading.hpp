#pragma once
// Reading files in bounded chunks: never a whole file in memory.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace clusop::cli {

inline constexpr size_t kChunkBytes = size_t{1} << 20;

// The name of standard input: read as a file would be, once (what ReadHead took is gone).
inline constexpr const char* kStandardInput = "-";

// The first `limit` bytes of a file (fewer at its end). False with `error` when unreadable.
bool ReadHead(const std::string& path, size_t limit, std::string* head, std::string* error);

// Calls `chunk` with each next piece of the file (at most kChunkBytes) until the file ends or
// `chunk` returns false. False with `error` only when the file could not be read.
bool ReadInChunks(const std::string& path, const std::function<bool(std::string_view)>& chunk, std::string* error);

// The whole file (a plan: small, analysed at once).
bool ReadWhole(const std::string& path, std::string* out, std::string* error);

}  // namespace clusop::cli
