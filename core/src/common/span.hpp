#pragma once
#include <cstddef>

namespace clusop {

// A byte range [begin, end) in the analysed input, so faces can highlight a node.
struct Span {
  size_t begin = 0;
  size_t end = 0;
};

}  // namespace clusop
