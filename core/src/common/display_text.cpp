#include "common/display_text.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace clusop::display {
namespace {

// Thousands separators in the integer part of a fixed-point rendering.
std::string GroupThousands(const std::string& fixed) {
  const size_t dot = fixed.find('.');
  const std::string whole = fixed.substr(0, dot);
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  return dot == std::string::npos ? grouped : grouped + fixed.substr(dot);
}

}  // namespace

std::string Money(double usd) {
  const double magnitude = std::fabs(usd);
  char buf[64];
  std::snprintf(buf, sizeof buf, magnitude > 0 && magnitude < 0.01 ? "%.4f" : "%.2f", magnitude);
  std::string text = GroupThousands(buf);
  const bool negative = usd < 0 && text.find_first_not_of("0.,") != std::string::npos;
  return (negative ? "-$" : "$") + text;
}

std::string Percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100);
  return buf;
}

std::string Number(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string text = buf;
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text == "-0" ? "0" : text;
}

namespace {

std::string Printf(const char* format, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

}  // namespace

std::string Duration(double ms) {
  if (ms < 0 || !std::isfinite(ms)) return "unknown";
  if (ms < 1000) return Printf("%.0f ms", ms);
  if (ms < 60'000) return Printf("%.1f s", ms / 1000);
  if (ms < 3'600'000) return Printf("%.1f min", ms / 60'000);
  return Printf("%.1f h", ms / 3'600'000);
}

std::string Count(int64_t n) {
  const std::string grouped = GroupThousands(std::to_string(n < 0 ? -static_cast<uint64_t>(n) : static_cast<uint64_t>(n)));
  return n < 0 ? "-" + grouped : grouped;
}

std::string Bytes(int64_t bytes) {
  const double b = static_cast<double>(bytes);
  if (b < 1024) return Count(bytes) + " B";
  if (b < 1024.0 * 1024) return Printf("%.1f KiB", b / 1024);
  if (b < 1024.0 * 1024 * 1024) return Printf("%.1f MiB", b / (1024.0 * 1024));
  return Printf("%.1f GiB", b / (1024.0 * 1024 * 1024));
}

std::string Times(double ratio) { return Printf("%.1fx", ratio); }

std::string ModeledPerRun(double usd) { return Money(usd) + " per run (modeled)"; }

std::string UtcMinute(int64_t epoch_ms) {
  const std::time_t seconds = static_cast<std::time_t>((epoch_ms - ((epoch_ms % 1000) + 1000) % 1000) / 1000);
  std::tm utc{};
  if (gmtime_r(&seconds, &utc) == nullptr) return "unknown";
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &utc);
  return buf;
}

}  // namespace clusop::display
