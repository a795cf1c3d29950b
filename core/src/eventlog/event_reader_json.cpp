#include "eventlog/event_reader_json.hpp"

#include <charconv>
#include <cmath>

namespace clusop::event_json {
namespace {

int64_t ParseIntText(std::string_view text) {
  int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && ptr == text.data() + text.size()) return value;
  double d = 0;
  const auto [ptr2, ec2] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec2 == std::errc() && std::isfinite(d) && std::fabs(d) < 9.2e18) return static_cast<int64_t>(d);
  return 0;
}

}  // namespace

int64_t Int(od::value v) {
  int64_t i = 0;
  if (v.get_int64().get(i) == SUCCESS) return i;
  double d = 0;
  if (v.get_double().get(d) == SUCCESS) return std::isfinite(d) && std::fabs(d) < 9.2e18 ? static_cast<int64_t>(d) : 0;
  std::string_view s;
  if (v.get_string().get(s) == SUCCESS) return ParseIntText(s);
  return 0;
}

double Double(od::value v) {
  double d = 0;
  if (v.get_double().get(d) == SUCCESS) return d;
  std::string_view s;
  if (v.get_string().get(s) == SUCCESS) {
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec == std::errc() && std::isfinite(d)) return d;
  }
  return 0;
}

std::string_view String(od::value v) {
  std::string_view s;
  if (v.get_string().get(s) == SUCCESS) return s;
  return {};
}

bool Bool(od::value v) {
  bool b = false;
  return v.get_bool().get(b) == SUCCESS && b;
}

}  // namespace clusop::event_json
