#include "api/c_string.hpp"

#include <cstdlib>
#include <cstring>

namespace clusop {

char* CopyToCString(std::string_view text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (!out) return nullptr;
  std::memcpy(out, text.data(), text.size());
  out[text.size()] = '\0';
  return out;
}

}  // namespace clusop
