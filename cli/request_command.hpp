#pragma once

namespace clusop::cli {

// clusop request [--jsonl] FILE|-: raw requests to the core's entry point, answers unchanged.
int RunRequest(int argc, char** argv);

}  // namespace clusop::cli
