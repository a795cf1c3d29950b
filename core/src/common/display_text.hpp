#pragma once
// How a number reads, in every face: the CLI, the page, the widget and the exports print these
// strings (the JSON carries them next to the numbers) and never format the numbers themselves.
#include <string>

namespace clusop::display {

// "$1,234.56"; below a cent "$0.0042"; "-$3.10".
std::string Money(double usd);
// A share in [0, 1] as a percentage with one decimal: 0.3333 -> "33.3%".
std::string Percent(double share);
// A plain number with up to `decimals` decimals, trailing zeros dropped: 2.90 -> "2.9".
std::string Number(double value, int decimals);

}  // namespace clusop::display
