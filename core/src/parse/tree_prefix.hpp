#pragma once
// The indentation and tree glyphs ("   :  +- ") before a plan line's text.
#include <cstddef>
#include <string_view>

namespace clusop {

struct TreePrefix {
  size_t length = 0;
  bool has_tab = false;
  bool has_dash = false;
};
TreePrefix ReadTreePrefix(std::string_view line);

namespace detail {
// The byte-at-a-time reading; ReadTreePrefix gives the same answer 16 bytes at a time (unit-tested).
TreePrefix ReadTreePrefixScalar(std::string_view line);
}  // namespace detail

}  // namespace clusop
