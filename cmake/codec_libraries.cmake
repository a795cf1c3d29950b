# The libraries the event-log reader links: the block codecs (Debian's libzstd, zlib, liblz4,
# libsnappy) and simdjson (Debian's libsimdjson-dev). Defines the INTERFACE target
# clusop_eventlog_deps. In the WebAssembly build they are compiled from Debian's source
# packages instead (cmake/wasm_deps.cmake).
add_library(clusop_eventlog_deps INTERFACE)
if(EMSCRIPTEN)
  include(${CMAKE_CURRENT_LIST_DIR}/wasm_deps.cmake OPTIONAL)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(CLUSOP_ZSTD REQUIRED IMPORTED_TARGET libzstd)
  pkg_check_modules(CLUSOP_ZLIB REQUIRED IMPORTED_TARGET zlib)
  pkg_check_modules(CLUSOP_LZ4 REQUIRED IMPORTED_TARGET liblz4)
  find_path(CLUSOP_SNAPPY_INCLUDE snappy-c.h REQUIRED)
  find_library(CLUSOP_SNAPPY_LIB snappy REQUIRED)
  find_package(simdjson REQUIRED)
  target_include_directories(clusop_eventlog_deps INTERFACE ${CLUSOP_SNAPPY_INCLUDE})
  target_link_libraries(clusop_eventlog_deps INTERFACE
    PkgConfig::CLUSOP_ZSTD PkgConfig::CLUSOP_ZLIB PkgConfig::CLUSOP_LZ4 ${CLUSOP_SNAPPY_LIB}
    simdjson::simdjson)
  target_compile_definitions(clusop_eventlog_deps INTERFACE CLUSOP_HAVE_LZ4=1 CLUSOP_HAVE_SNAPPY=1)
endif()
