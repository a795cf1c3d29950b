# ccache when present (em++ too): CI rebuilds the same sources in the release, sanitize, fuzz and
# wasm trees and in the Python package's build; scripts/test.sh keys the cache on paths relative
# to the checkout, so a fresh clone reuses earlier builds.
find_program(CLUSOP_CCACHE ccache)
if(CLUSOP_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CLUSOP_CCACHE})
  set(CMAKE_C_COMPILER_LAUNCHER ${CLUSOP_CCACHE})
endif()
