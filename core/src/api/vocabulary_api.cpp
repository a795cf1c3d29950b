#include <cstdlib>
#include <cstring>
#include <string>

#include "clusop/clusop.h"
#include "report/vocabulary.hpp"

extern "C" char* clusop_vocabulary(void) {
  try {
    const std::string answer = clusop::vocabulary::VocabularyJson(0);
    char* out = static_cast<char*>(std::malloc(answer.size() + 1));
    if (!out) return nullptr;
    std::memcpy(out, answer.data(), answer.size());
    out[answer.size()] = '\0';
    return out;
  } catch (...) {
    return nullptr;
  }
}
