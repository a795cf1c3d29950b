#pragma once
// How many bytes at the start of a text are identifier characters ([A-Za-z0-9_$], text::IsIdentChar):
// every plan line's operator name is read with it, 16 bytes at a time where SIMD is there.
#include <cstddef>
#include <string_view>

namespace clusop::text {

size_t IdentifierLength(std::string_view s);

namespace detail {
// One table look-up per byte; IdentifierLength gives the same answer (unit-tested).
size_t IdentifierLengthScalar(std::string_view s);
}  // namespace detail

}  // namespace clusop::text
