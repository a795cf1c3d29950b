#pragma once
// How a number reads, in every face: the CLI, the page, the widget and the exports print these
// strings (the JSON carries them next to the numbers) and never format the numbers themselves.
#include <cstdint>
#include <string>

namespace clusop::display {

// "$1,234.56"; below a cent "$0.0042"; "-$3.10".
std::string Money(double usd);
// A share in [0, 1] as a percentage with one decimal: 0.3333 -> "33.3%".
std::string Percent(double share);
// A plain number with up to `decimals` decimals, trailing zeros dropped: 2.90 -> "2.9".
std::string Number(double value, int decimals);

// The event-log figures (clusop scan's text and the *_text fields of clusop.scan/1):
// a duration in ms as "850 ms", "12.3 s", "4.5 min", "1.2 h"; negative: "unknown".
std::string Duration(double ms);
// A byte size in binary units: "512 B", "1.5 KiB", "3.2 MiB", "1.1 GiB".
std::string Bytes(int64_t bytes);
// A count with thousands separators: 1234567 -> "1,234,567".
std::string Count(int64_t n);
// A ratio of two figures with one decimal: 14.23 -> "14.2x".
std::string Times(double ratio);
// A dollar figure the price table modeled, labelled as such: "$1.23 per run (modeled)".
std::string ModeledPerRun(double usd);
// An instant (epoch ms) to the minute, in UTC: "2024-05-01 12:34 UTC".
std::string UtcMinute(int64_t epoch_ms);

}  // namespace clusop::display
