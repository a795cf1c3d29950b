#include "usage.hpp"

namespace clusop::cli {

#define CLUSOP_CLUSTER_OPTIONS                                                                   \
  "  --engine auto|photon|comet|gluten|rapids|spark   the engine (default: detected)\n"         \
  "  --photon-enabled true|false                      whether the cluster runs Photon\n"        \
  "  --cloud aws|azure|gcp  --sku jobs|all_purpose|...  --tier premium|enterprise|standard\n"   \
  "  --node-type T  --driver-node-type T  --workers N  the cluster shape, for the price\n"      \
  "  --runs-per-day N                                 runs a day, for the monthly figure\n"   \
  "  --billing databricks|cloud_vm                    DBUs too, or VMs only (default: DBUs for\n" \
  "                                                   Photon, VMs only for the other engines)\n"

const char* const kToolHelp =
    "clusop: find the Spark work that fell back from a native engine (Photon, Comet, Gluten,\n"
    "RAPIDS) to the JVM, and what it costs; read whole event logs for where the time went.\n"
    "\n"
    "usage: clusop analyze [options] FILE...|-     analyse executed plans (or event logs)\n"
    "       clusop scan [options] PATH...          read event logs: files, folders, zip archives\n"
    "       clusop request [--jsonl] FILE|-        raw clusop.analysis/1 requests, for programs\n"
    "       clusop --version\n"
    "\n"
    "clusop COMMAND --help tells more. Dollar figures are modeled, never billed amounts.\n";

const char* const kAnalyzeHelp =
    "usage: clusop analyze [options] FILE...|-\n"
    "\n"
    "Analyses each FILE (or standard input): explain() text in any form, event-log JSON with a\n"
    "plan, or a whole event log (plain or compressed), whose SQL executions are then analysed.\n"
    "\n"
    "options:\n" CLUSOP_CLUSTER_OPTIONS
    "  --runtime-seconds S                              one run's duration, for the price\n"
    "  --format text|json|markdown                      text for people (default), json for programs,\n"
    "                                                   markdown for a ticket (a plan, not an event log)\n"
    "  --fail-on-fallback                               exit 1 when a fallback is found\n"
    "  --tree                                           text: also draw the plan tree, fallbacks marked\n"
    "\n"
    "exit status: 0 analysed; 1 with --fail-on-fallback and a fallback; 2 when an input is\n"
    "unreadable or holds no plan (one line on stderr says what was expected).\n";

const char* const kScanHelp =
    "usage: clusop scan [options] PATH...\n"
    "\n"
    "Reads Spark event logs: files, folders (walked recursively), rolling eventlog_v2_* folders,\n"
    "Databricks log delivery folders and zip archives, plain or compressed (zstd, gzip, lz4,\n"
    "snappy, lzf). Prints per application its recommendations ranked by the time they save\n"
    "(rules/README.md), its stages (time, skew, spill, GC) and each SQL execution's fallbacks\n"
    "with their modeled dollars.\n"
    "\n"
    "options:\n" CLUSOP_CLUSTER_OPTIONS
    "  --format text|json                               text for people (default), json (clusop.scan/1)\n"
    "  --jobs N                                         applications read at once (default: cores)\n"
    "  --rules FILE                                     your rules file, run beside the built-in rules\n"
    "  --set RULE.THRESHOLD=VALUE                       override a rule's threshold (repeatable)\n"
    "  --mute RULE                                      leave a rule out (repeatable)\n"
    "\n"
    "exit status: 0 when at least one application was read (unreadable files are listed as\n"
    "errors); 2 when nothing could be read or no input was given.\n";

const char* const kRequestHelp =
    "usage: clusop request [--jsonl] FILE|-\n"
    "\n"
    "Passes each request (JSON, as documented for clusop_analyze) to the core and prints its\n"
    "answer unchanged; with --jsonl one request per line in, one answer per line out.\n";

const char* const kShortUsage =
    "usage: clusop analyze [options] FILE...|-\n"
    "       clusop scan [options] PATH...\n"
    "       clusop request [--jsonl] FILE|-\n"
    "       clusop --help | --version\n";

#undef CLUSOP_CLUSTER_OPTIONS

}  // namespace clusop::cli
