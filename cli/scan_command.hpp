#pragma once

namespace clusop::cli {

// clusop scan [options] PATH...: every application in the paths read, in parallel.
int RunScanCommand(int argc, char** argv);

}  // namespace clusop::cli
