#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "analysis/analyze.hpp"

namespace clusop {

// A parsed request: owns the plan text and any price table the caller sent.
struct Request {
  std::string plan;
  AnalyzeInput input;
  std::unique_ptr<PriceTable> prices;
  int indent = 0;
};

// False with `error` naming what was expected.
bool ParseRequest(std::string_view json, Request* request, std::string* error);

}  // namespace clusop
