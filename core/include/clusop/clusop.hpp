#pragma once
// C++ convenience over the C entry point: same JSON in, same JSON out.
#include <string>
#include <string_view>

namespace clusop {

std::string AnalyzeRequest(std::string_view request_json);

}  // namespace clusop
