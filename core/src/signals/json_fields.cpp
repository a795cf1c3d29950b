#include "signals/json_fields.hpp"

#include <cmath>
#include <cstdlib>

#include "signals/timestamp.hpp"

namespace clusop::signals {
namespace {

using nlohmann::json;

constexpr double kMaxAmount = 1e15;

const json* Find(const json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  const auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

bool Missing(const char* key, bool required, const std::string& where, const char* expected, std::string* error) {
  if (!required) return true;
  *error = where + "." + key + " is missing: expected " + expected;
  return false;
}

}  // namespace

bool ReadText(const json& obj, const char* key, bool required, const std::string& where, std::string* out,
              std::string* error) {
  const json* v = Find(obj, key);
  if (!v) return Missing(key, required, where, "a string", error);
  if (!v->is_string()) {
    *error = where + "." + key + " must be a string";
    return false;
  }
  *out = v->get<std::string>();
  if (required && out->empty()) {
    *error = where + "." + key + " must not be empty";
    return false;
  }
  return true;
}

bool ReadCount(const json& obj, const char* key, bool required, const std::string& where, int64_t* out,
               std::string* error) {
  const json* v = Find(obj, key);
  if (!v) return Missing(key, required, where, "a whole number from 0", error);
  if (v->is_number_unsigned() && v->get<uint64_t>() <= static_cast<uint64_t>(kMaxAmount)) {
    *out = static_cast<int64_t>(v->get<uint64_t>());
    return true;
  }
  if (v->is_number_integer() && v->get<int64_t>() >= 0 && v->get<int64_t>() <= static_cast<int64_t>(kMaxAmount)) {
    *out = v->get<int64_t>();
    return true;
  }
  *error = where + "." + key + " must be a whole number from 0 to 1e15";
  return false;
}

bool ReadAmount(const json& obj, const char* key, bool required, const std::string& where, double* out,
                std::string* error) {
  const json* v = Find(obj, key);
  if (!v) return Missing(key, required, where, "a number from 0", error);
  const double d = v->is_number() ? v->get<double>() : -1;
  if (!(d >= 0 && d <= kMaxAmount)) {
    *error = where + "." + key + " must be a number from 0 to 1e15";
    return false;
  }
  *out = d;
  return true;
}

bool ReadDecimal(const json& obj, const char* key, const std::string& where, double* out, std::string* error) {
  const json* v = Find(obj, key);
  double d = -1;
  if (v && v->is_number()) {
    d = v->get<double>();
  } else if (v && v->is_string()) {
    const std::string s = v->get<std::string>();
    char* end = nullptr;
    d = s.empty() ? -1 : std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size()) d = -1;
  }
  if (!(d >= 0 && d <= kMaxAmount)) {
    *error = where + "." + key + " must be a decimal from 0 to 1e15 (a number or a string of digits)";
    return false;
  }
  *out = d;
  return true;
}

bool ReadInstantField(const json& obj, const char* key, bool required, const std::string& where, int64_t* out,
                      std::string* error) {
  const json* v = Find(obj, key);
  if (!v) return Missing(key, required, where, "a timestamp such as \"2026-11-30T12:00:00Z\"", error);
  const std::optional<int64_t> t = v->is_string() ? ParseInstant(v->get<std::string>()) : std::nullopt;
  if (!t) {
    *error = where + "." + key +
             " must be a UTC timestamp such as \"2026-11-30T12:00:00.000Z\" or \"2026-11-30 12:00:00.000+00:00\"";
    return false;
  }
  *out = *t;
  return true;
}

std::string IdText(const json& obj, const char* key) {
  const json* v = Find(obj, key);
  if (!v) return "";
  if (v->is_string()) return v->get<std::string>();
  if (v->is_number_unsigned()) return std::to_string(v->get<uint64_t>());
  if (v->is_number_integer()) return std::to_string(v->get<int64_t>());
  return "";
}

bool NestingWithin(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

}  // namespace clusop::signals
