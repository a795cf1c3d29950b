#include <string>

#include "api/c_string.hpp"
#include "clusop/clusop.h"
#include "report/vocabulary.hpp"

extern "C" char* clusop_vocabulary(void) {
  try {
    const std::string answer = clusop::vocabulary::VocabularyJson(0);
    return clusop::CopyToCString(answer);
  } catch (...) {
    return nullptr;
  }
}
