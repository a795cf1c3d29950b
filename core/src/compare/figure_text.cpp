#include "compare/figure_text.hpp"

#include <cmath>
#include <cstdio>

namespace clusop::compare {
namespace {

std::string Format(const char* format, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

std::string BytesText(double b) {
  constexpr double kKiB = 1024.0, kMiB = kKiB * 1024, kGiB = kMiB * 1024;
  if (std::fabs(b) >= kGiB) return Format("%.1f GiB", b / kGiB);
  if (std::fabs(b) >= kMiB) return Format("%.1f MiB", b / kMiB);
  if (std::fabs(b) >= kKiB) return Format("%.1f KiB", b / kKiB);
  return Format("%.0f B", b);
}

}  // namespace

std::string ValueText(std::optional<double> value, Unit unit) {
  if (!value) return "n/a";
  switch (unit) {
    case Unit::kMs: return Format("%.1f s", *value / 1000);
    case Unit::kBytes: return BytesText(*value);
    case Unit::kUsd: return Format("$%.4f", *value);
    case Unit::kRatio: return Format("%.4g", *value);
  }
  return "n/a";
}

std::string ChangeText(std::optional<double> before, std::optional<double> after) {
  if (!before || !after) return "";
  if (*before == *after) return "=";
  if (*before == 0) return "new";
  return Format("%+.0f%%", (*after - *before) / std::fabs(*before) * 100);
}

}  // namespace clusop::compare
