// libFuzzer target: the input bytes as an event-log JSON line (or a bare sparkPlanInfo object),
// through the JSON reader directly (whatever the first byte) and through the whole pipeline.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_checks.hpp"
#include "fuzz_pipeline.hpp"
#include "parse/json_plan_reader.hpp"
#include "parse/plan_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  {  // the JSON reader on any bytes (it must stay memory-safe even on non-UTF-8 input)
    clusop::PlanTree tree;
    std::string error;
    if (clusop::ReadJsonPlan(input, &tree, &error)) {
      clusop::fuzz::CheckTree(tree, input);
    } else {
      CLUSOP_FUZZ_REQUIRE(!error.empty(), "a failed JSON read says why");
    }
  }
  {  // the dispatching reader
    clusop::PlanTree tree;
    std::string error;
    if (clusop::ReadPlan(input, &tree, &error)) clusop::fuzz::CheckTree(tree, input);
  }
  clusop::fuzz::RunPipeline(input, clusop::fuzz::VariantOf(data, size));
  return 0;
}
