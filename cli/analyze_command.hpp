#pragma once

namespace clusop::cli {

// clusop analyze [options] FILE...|-: each input's plan analysed; a whole event log (decided by
// the core's input_kind) is scanned and each SQL execution's analysis shown.
int RunAnalyze(int argc, char** argv);

}  // namespace clusop::cli
