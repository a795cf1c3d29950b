// The JSON floor of an event-log scan, natively and in WebAssembly: one simdjson On-Demand pass
// over every line of plain JSON lines, reading each event's "Event" name (what the event reader
// must do at least). Measures what simdjson's portable "fallback" kernel, the only one it has in
// WebAssembly, costs against the native kernels (haswell/icelake). Not part of the site.
//   native: json_floor FILE          WebAssembly: wasm/bench/json_floor.mjs FILE
#include <simdjson.h>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace {

// Events whose line parsed and carried an "Event" string.
long CountEvents(const char* data, size_t size) {
  simdjson::ondemand::parser parser;
  std::string line;
  long events = 0;
  size_t begin = 0;
  while (begin < size) {
    const void* nl = std::memchr(data + begin, '\n', size - begin);
    const size_t end = nl ? static_cast<const char*>(nl) - data : size;
    line.assign(data + begin, end - begin);
    line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
    simdjson::ondemand::document doc;
    std::string_view name;
    if (parser.iterate(line.data(), line.size(), line.capacity()).get(doc) == simdjson::SUCCESS &&
        doc["Event"].get_string().get(name) == simdjson::SUCCESS) {
      events++;
    }
    begin = end + 1;
  }
  return events;
}

}  // namespace

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
extern "C" EMSCRIPTEN_KEEPALIVE long json_floor_events(const char* data, size_t size) { return CountEvents(data, size); }
extern "C" EMSCRIPTEN_KEEPALIVE const char* json_floor_kernel() {
  static std::string name;
  name = simdjson::get_active_implementation()->name();
  return name.c_str();
}
#else
int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: json_floor FILE (plain JSON lines)\n");
    return 2;
  }
  std::FILE* f = std::fopen(argv[1], "rb");
  if (!f) {
    std::fprintf(stderr, "json_floor: cannot open %s\n", argv[1]);
    return 2;
  }
  std::string data;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) data.append(buffer, n);
  std::fclose(f);
  double best = 1e30;
  long events = 0;
  for (int run = 0; run < 3; run++) {
    const std::clock_t t0 = std::clock();  // CPU time: the machine may be shared
    events = CountEvents(data.data(), data.size());
    best = std::min(best, 1000.0 * static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC);
  }
  std::printf("native (%s): %ld events, %.1f ms CPU, %.1f MB/s\n", simdjson::get_active_implementation()->name().c_str(),
              events, best, data.size() / 1048576.0 / (best / 1000));
  return 0;
}
#endif
