// The `clusop` binary: the command line of cli_main.cpp (see there and cli/README.md).
#include "cli_main.hpp"

int main(int argc, char** argv) { return clusop_cli_main(argc, argv); }
