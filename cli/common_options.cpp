#include "common_options.hpp"

#include <cstdlib>
#include <cstring>
#include <string_view>

namespace clusop::cli {

bool ParseNumber(const char* text, double* out) {
  char* end = nullptr;
  const double v = std::strtod(text, &end);
  if (end == text || *end != '\0' || !(v >= 0)) return false;
  *out = v;
  return true;
}

Taken TakeCommonOption(int argc, char** argv, int* i, CommonOptions* o, std::string* error) {
  static constexpr const char* kNames[] = {"--engine",    "--photon-enabled",   "--cloud",   "--sku",
                                           "--tier",      "--node-type",        "--driver-node-type",
                                           "--workers",   "--runtime-seconds",  "--runs-per-day",
                                           "--billing",   "--format"};
  const std::string_view arg = argv[*i];
  bool known = false;
  for (const char* name : kNames) known = known || arg == name;
  if (!known) return Taken::kNo;
  if (*i + 1 >= argc) {
    *error = std::string(arg) + " needs a value";
    return Taken::kError;
  }
  const char* v = argv[++*i];
  auto fail = [&](const char* message) {
    *error = message;
    return Taken::kError;
  };
  double number = 0;
  if (arg == "--engine") o->engine = v;
  else if (arg == "--photon-enabled") {
    if (std::strcmp(v, "true") != 0 && std::strcmp(v, "false") != 0) return fail("--photon-enabled takes true or false");
    o->photon_enabled = std::strcmp(v, "true") == 0;
  } else if (arg == "--cloud") o->cluster.cloud = v;
  else if (arg == "--sku") o->cluster.sku = v;
  else if (arg == "--tier") o->cluster.tier = v;
  else if (arg == "--node-type") o->cluster.node_type = v;
  else if (arg == "--driver-node-type") o->cluster.driver_node_type = v;
  else if (arg == "--workers") {
    if (!ParseNumber(v, &number) || number > 1e6 || number != static_cast<double>(static_cast<int>(number)))
      return fail("--workers takes a whole number");
    o->cluster.workers = static_cast<int>(number);
  } else if (arg == "--runtime-seconds") {
    if (!ParseNumber(v, &o->cluster.runtime_seconds)) return fail("--runtime-seconds takes a number");
  } else if (arg == "--runs-per-day") {
    if (!ParseNumber(v, &o->cluster.runs_per_day)) return fail("--runs-per-day takes a number");
  } else if (arg == "--billing") {
    if (std::strcmp(v, "databricks") != 0 && std::strcmp(v, "cloud_vm") != 0)
      return fail("--billing takes databricks or cloud_vm");
    o->cluster.billing = v;
  } else if (arg == "--format") {
    o->format = v;
    if (o->format != "json" && o->format != "text") return fail("--format takes json or text");
  }
  return Taken::kYes;
}

std::string CheckCommonOptions(const CommonOptions& o) {
  const std::string& e = o.engine;
  if (e != "auto" && e != "spark" && e != "photon" && e != "comet" && e != "gluten" && e != "rapids")
    return "--engine takes auto, photon, comet, gluten, rapids or spark";
  return {};
}

}  // namespace clusop::cli
