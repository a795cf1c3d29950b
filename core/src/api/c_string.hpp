// The C ABI hands every answer to the caller as a malloc'ed, NUL-terminated copy that
// clusop_free releases.
#pragma once

#include <string_view>

namespace clusop {

// NULL only when out of memory.
char* CopyToCString(std::string_view text);

}  // namespace clusop
