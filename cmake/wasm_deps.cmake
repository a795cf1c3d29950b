# The event-log libraries for the WebAssembly build, compiled with Emscripten from Debian's
# source packages (Debian's -dev packages hold x86_64 code only). Included by
# codec_libraries.cmake when EMSCRIPTEN; fills the INTERFACE target clusop_eventlog_deps.
#
# scripts/fetch-wasm-sources.sh downloads them once into the build tree (never the repository):
#   libzstd  decompression only (the page never compresses), no assembly, no legacy formats
#   zlib     inflate and deflate (gzip parts, zip members)
#   lz4      the block decoder under Spark's lz4-java framing
#   snappy   the block decoder under snappy-java's framing
#   simdjson 3.0.1, single-header build; in WebAssembly it runs its portable "fallback" kernel
enable_language(C)

set(CLUSOP_WASM_SOURCES ${CMAKE_BINARY_DIR}/_deps/debian-src CACHE PATH
    "Where Debian's sources of the WebAssembly build's libraries are fetched and unpacked")

execute_process(
  COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/fetch-wasm-sources.sh ${CLUSOP_WASM_SOURCES}
  RESULT_VARIABLE clusop_fetch_result)
if(NOT clusop_fetch_result EQUAL 0)
  message(FATAL_ERROR "could not fetch Debian's sources for the WebAssembly build (scripts/fetch-wasm-sources.sh)")
endif()

set(clusop_src ${CLUSOP_WASM_SOURCES})
# the libraries' own code, not ours: no warnings, optimised for speed even in a debug build
set(clusop_dep_options -O3 -w)

# zstd: the decoder and what it shares with the encoder
set(clusop_zstd ${clusop_src}/libzstd/lib)
add_library(clusop_wasm_zstd STATIC
  ${clusop_zstd}/common/debug.c ${clusop_zstd}/common/entropy_common.c
  ${clusop_zstd}/common/error_private.c ${clusop_zstd}/common/fse_decompress.c
  ${clusop_zstd}/common/xxhash.c ${clusop_zstd}/common/zstd_common.c
  ${clusop_zstd}/decompress/huf_decompress.c ${clusop_zstd}/decompress/zstd_ddict.c
  ${clusop_zstd}/decompress/zstd_decompress.c ${clusop_zstd}/decompress/zstd_decompress_block.c)
target_include_directories(clusop_wasm_zstd SYSTEM PUBLIC ${clusop_zstd})
target_compile_definitions(clusop_wasm_zstd PRIVATE ZSTD_DISABLE_ASM=1 ZSTD_LEGACY_SUPPORT=0 ZSTD_MULTITHREAD=0)
target_compile_options(clusop_wasm_zstd PRIVATE ${clusop_dep_options})

# zlib: everything but the gz* file functions (the core hands it bytes, never files)
set(clusop_zlib ${clusop_src}/zlib)
add_library(clusop_wasm_zlib STATIC
  ${clusop_zlib}/adler32.c ${clusop_zlib}/compress.c ${clusop_zlib}/crc32.c ${clusop_zlib}/deflate.c
  ${clusop_zlib}/infback.c ${clusop_zlib}/inffast.c ${clusop_zlib}/inflate.c ${clusop_zlib}/inftrees.c
  ${clusop_zlib}/trees.c ${clusop_zlib}/uncompr.c ${clusop_zlib}/zutil.c)
target_include_directories(clusop_wasm_zlib SYSTEM PUBLIC ${clusop_zlib})
target_compile_options(clusop_wasm_zlib PRIVATE ${clusop_dep_options})

# lz4: the block format and xxhash (lz4-java checks each block with XXH32)
set(clusop_lz4 ${clusop_src}/lz4/lib)
add_library(clusop_wasm_lz4 STATIC ${clusop_lz4}/lz4.c ${clusop_lz4}/lz4hc.c ${clusop_lz4}/lz4frame.c ${clusop_lz4}/xxhash.c)
target_include_directories(clusop_wasm_lz4 SYSTEM PUBLIC ${clusop_lz4})
target_compile_definitions(clusop_wasm_lz4 PRIVATE XXH_NAMESPACE=LZ4_)
target_compile_options(clusop_wasm_lz4 PRIVATE ${clusop_dep_options})

# snappy: its CMake build generates two headers; the same answers for Emscripten are given here
function(clusop_configure_snappy source out)
  set(PROJECT_VERSION_MAJOR 1)
  set(PROJECT_VERSION_MINOR 1)
  set(PROJECT_VERSION_PATCH 9)
  set(HAVE_SYS_UIO_H_01 1)
  set(HAVE_ATTRIBUTE_ALWAYS_INLINE 1)
  set(HAVE_BUILTIN_CTZ 1)
  set(HAVE_BUILTIN_EXPECT 1)
  set(HAVE_SYS_UIO_H 1)
  set(HAVE_UNISTD_H 1)
  set(SNAPPY_HAVE_SSSE3 0)
  set(SNAPPY_HAVE_BMI2 0)
  configure_file(${source}/snappy-stubs-public.h.in ${out}/snappy-stubs-public.h)
  configure_file(${source}/cmake/config.h.in ${out}/config.h)
endfunction()
set(clusop_snappy ${clusop_src}/snappy)
set(clusop_snappy_generated ${CMAKE_BINARY_DIR}/_deps/snappy-generated)
clusop_configure_snappy(${clusop_snappy} ${clusop_snappy_generated})
add_library(clusop_wasm_snappy STATIC
  ${clusop_snappy}/snappy.cc ${clusop_snappy}/snappy-c.cc ${clusop_snappy}/snappy-sinksource.cc
  ${clusop_snappy}/snappy-stubs-internal.cc)
target_include_directories(clusop_wasm_snappy SYSTEM PUBLIC ${clusop_snappy} ${clusop_snappy_generated})
target_compile_definitions(clusop_wasm_snappy PRIVATE HAVE_CONFIG_H=1)
target_compile_options(clusop_wasm_snappy PRIVATE ${clusop_dep_options})

# simdjson: the amalgamated source; the fallback kernel is the only one WebAssembly has
set(clusop_simdjson ${clusop_src}/simdjson/singleheader)
add_library(clusop_wasm_simdjson STATIC ${clusop_simdjson}/simdjson.cpp)
target_include_directories(clusop_wasm_simdjson SYSTEM PUBLIC ${clusop_simdjson})
target_compile_options(clusop_wasm_simdjson PRIVATE ${clusop_dep_options})

target_link_libraries(clusop_eventlog_deps INTERFACE
  clusop_wasm_zstd clusop_wasm_zlib clusop_wasm_lz4 clusop_wasm_snappy clusop_wasm_simdjson)
target_compile_definitions(clusop_eventlog_deps INTERFACE CLUSOP_HAVE_LZ4=1 CLUSOP_HAVE_SNAPPY=1)
# libc++ 14 lacks floating-point std::from_chars: the core gets it from wasm/compat
target_compile_options(clusop_eventlog_deps INTERFACE
  "$<$<COMPILE_LANGUAGE:CXX>:SHELL:-include ${PROJECT_SOURCE_DIR}/wasm/compat/charconv_float.hpp>")
