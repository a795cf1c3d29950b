#pragma once
// The words of `--help`: one text per command, and the short usage printed after a mistake.

namespace clusop::cli {

extern const char* const kToolHelp;     // clusop --help
extern const char* const kAnalyzeHelp;  // clusop analyze --help
extern const char* const kScanHelp;     // clusop scan --help
extern const char* const kRequestHelp;  // clusop request --help
extern const char* const kShortUsage;   // after a usage error

}  // namespace clusop::cli
