#pragma once
// simdjson On-Demand helpers shared by the event readers (one file per event family): typed
// values that read an absent or mistyped field as absent, and field visitors.
#include <simdjson.h>

#include <cstdint>
#include <string_view>
#include <utility>

namespace clusop::event_json {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

// simdjson_result::get() wants an rvalue; iterators hand out lvalues.
template <class Result, class T>
error_code Take(const Result& result, T* out) {
  Result copy = result;
  return std::move(copy).get(*out);
}

// A wrong type or an unparsable number is an absent field; anything else is a broken line.
inline bool Broken(error_code e) {
  return e != SUCCESS && e != simdjson::INCORRECT_TYPE && e != simdjson::NUMBER_ERROR &&
         e != simdjson::NUMBER_OUT_OF_RANGE;
}

// Keys of Spark's events carry no escapes; a key with one matches no name we read.
inline std::string_view KeyOf(od::field& field) {
  const char* begin = field.key().raw();
  const char* end = begin;
  while (*end != '"') ++end;  // simdjson found the closing quote; the buffer is padded
  return std::string_view(begin, static_cast<size_t>(end - begin));
}

// A number as Spark writes it (an integer; SQL accumulators as strings); 0 when it is neither.
int64_t Int(od::value v);
double Double(od::value v);
std::string_view String(od::value v);
bool Bool(od::value v);

// Calls visit(key, value) for each field of an object value; a non-object is an absent one.
template <class Visit>
error_code VisitObject(od::value v, Visit&& visit) {
  od::object object;
  error_code e = v.get_object().get(object);
  if (e) return Broken(e) ? e : SUCCESS;
  for (auto result : object) {
    od::field field;
    if ((e = Take(result, &field))) return e;
    if ((e = visit(KeyOf(field), field.value()))) return e;
  }
  return SUCCESS;
}

template <class Visit>
error_code VisitArray(od::value v, Visit&& visit) {
  od::array array;
  error_code e = v.get_array().get(array);
  if (e) return Broken(e) ? e : SUCCESS;
  for (auto result : array) {
    od::value element;
    if ((e = Take(result, &element))) return e;
    if ((e = visit(element))) return e;
  }
  return SUCCESS;
}

// The root fields of one event line after "Event" (which the reader has read already).
class RootFields {
 public:
  RootFields(od::object_iterator it, od::object_iterator end, bool event_first)
      : it_(it), end_(end), event_first_(event_first) {}

  template <class Visit>
  error_code ForEach(Visit&& visit) {
    for (; it_ != end_; ++it_) {
      od::field field;
      error_code e = Take(*it_, &field);
      if (e) return e;
      const std::string_view key = KeyOf(field);
      if (!event_first_ && key == "Event") continue;
      if ((e = visit(key, field.value()))) return e;
    }
    return SUCCESS;
  }

 private:
  od::object_iterator it_, end_;
  bool event_first_;
};

}  // namespace clusop::event_json
