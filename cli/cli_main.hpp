// The whole command line behind one call: `clusop` (main.cpp) and the Python package's extension
// (notebook-widget/src/core_module.cpp, run_cli) both enter here, so both print the same bytes.
#pragma once

// argv[0] is the program name, argv[1] the command; returns the exit status. Writes to the
// process's standard output and error (fd 1 and 2) and flushes both before returning.
int clusop_cli_main(int argc, char** argv);
