#pragma once
// What a byte buffer is, decided once in the core so every face treats the same bytes the same
// way: a plan to analyse, an event log to scan (plain, compressed or zipped), or neither.
#include <cstddef>
#include <string_view>

namespace clusop {

enum class InputKind {
  kEmpty,       // nothing but white space
  kPlanText,    // explain text, sparkPlanInfo JSON, or anything textual that is not an event log
  kEventLine,   // one event-log JSON line (e.g. a SQLExecutionStart carrying sparkPlanInfo)
  kEventLog,    // several event-log JSON lines: a whole log, to scan
  kCompressed,  // a zstd, gzip, lz4-java, snappy-java or lzf stream (by its magic bytes)
  kZipArchive,  // a zip archive (of logs)
  kBinary,      // binary bytes that are none of the above
};

const char* InputKindName(InputKind kind);

// How many leading bytes DecideInputKind looks at; a caller reading a file needs no more.
inline constexpr size_t kInputKindHeadBytes = size_t{64} << 10;

// Decides from the input's first bytes (at most kInputKindHeadBytes are read). `whole` says
// `head` is the entire input, so its last line is complete.
InputKind DecideInputKind(std::string_view head, bool whole);

// True for the kinds that are read as an event log (scanned), not as one plan.
bool IsScannedKind(InputKind kind);

// Why a file whose first bytes are of this kind cannot start an event log (one line naming what
// was expected), or empty when it can. Every face refusing a file uses these words.
std::string_view NotAnEventLogReason(InputKind kind);

}  // namespace clusop
