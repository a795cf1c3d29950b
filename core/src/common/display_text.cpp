#include "common/display_text.hpp"

#include <cmath>
#include <cstdio>

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

}  // namespace clusop::display
