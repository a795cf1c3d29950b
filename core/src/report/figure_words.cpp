#include "report/figure_words.hpp"

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "common/display_text.hpp"
#include "report/error_json.hpp"

namespace clusop::figure_words {
namespace {

using nlohmann::json;

// Beyond 2^53 a double skips whole numbers, and the byte and minute formatters' int64 conversions
// overflow further out: such a figure gets an error, not wrong words.
constexpr double kLargestExactWhole = 9007199254740992.0;

struct Kind {
  const char* name;
  std::string (*words)(double value);
  // the words for a figure the core could not give (null): what clusop.scan/1 writes then
  const char* missing;  // nullptr: the text is null too
};

std::string Whole(double v) { return display::Number(v, 0); }
std::string DurationWords(double v) { return display::Duration(v); }
std::string BytesWords(double v) { return display::Bytes(std::llround(v)); }
std::string CountWords(double v) { return display::Count(std::llround(v)); }
std::string TimesWords(double v) { return display::Times(v); }
std::string ShareWords(double v) { return display::Percent(v); }
std::string MoneyWords(double v) { return display::Money(v); }
std::string ModeledWords(double v) { return display::ModeledPerRun(v); }
std::string MinuteWords(double v) { return display::UtcMinute(std::llround(v)); }

// One row per formatter of common/display_text the scan document uses for its *_text fields.
constexpr Kind kKinds[] = {
    {"duration_ms", DurationWords, nullptr},
    {"bytes", BytesWords, nullptr},
    {"count", CountWords, nullptr},
    {"whole_number", Whole, nullptr},
    {"times", TimesWords, nullptr},
    {"share", ShareWords, nullptr},
    {"money", MoneyWords, nullptr},
    {"modeled_usd_per_run", ModeledWords, "not priced"},
    {"utc_minute", MinuteWords, nullptr},
};

const Kind* Find(const std::string& name) {
  for (const Kind& k : kKinds)
    if (name == k.name) return &k;
  return nullptr;
}

std::string KindList() {
  std::string out;
  for (const std::string& k : Kinds()) out += (out.empty() ? "" : ", ") + k;
  return out;
}

std::string Error(std::string_view code, const std::string& message, int indent) {
  return ContractErrorJson(kSchema, code, message, indent);
}

}  // namespace

const std::vector<std::string>& Kinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> out;
    for (const Kind& k : kKinds) out.emplace_back(k.name);
    return out;
  }();
  return kinds;
}

std::string WordsJson(std::string_view request, int indent) {
  const json in = json::parse(request.begin(), request.end(), nullptr, false);
  if (in.is_discarded() || !in.is_object())
    return Error("bad_request", "request: expected a JSON object {\"figures\": [{\"kind\", \"value\"}, ...]}", indent);
  const auto figures = in.find("figures");
  if (figures == in.end() || !figures->is_array())
    return Error("bad_request", "request: expected \"figures\": an array of {\"kind\", \"value\"}", indent);
  json texts = json::array();
  for (size_t i = 0; i < figures->size(); ++i) {
    const json& f = (*figures)[i];
    const std::string where = "figures[" + std::to_string(i) + "]";
    if (!f.is_object()) return Error("bad_request", where + ": expected an object {\"kind\", \"value\"}", indent);
    const auto kind = f.find("kind");
    if (kind == f.end() || !kind->is_string())
      return Error("bad_request", where + ".kind: expected one of " + KindList(), indent);
    const Kind* k = Find(kind->get<std::string>());
    if (k == nullptr)
      return Error("unknown_kind", where + ".kind: unknown kind \"" + kind->get<std::string>() + "\"; expected one of " + KindList(),
                   indent);
    const auto value = f.find("value");
    if (value == f.end() || value->is_null()) {
      texts.push_back(k->missing ? json(k->missing) : json(nullptr));
    } else if (value->is_number() && std::fabs(value->get<double>()) <= kLargestExactWhole) {
      texts.push_back(k->words(value->get<double>()));
    } else {
      return Error("bad_request",
                   where + ".value: expected null or a number within +-2^53 (whole numbers stay exact there), got " +
                       (value->is_number() ? value->dump() : std::string(value->type_name())),
                   indent);
    }
  }
  json out = json::object();
  out["schema"] = kSchema;
  out["texts"] = std::move(texts);
  return out.dump(indent > 0 ? indent : -1);
}

}  // namespace clusop::figure_words
