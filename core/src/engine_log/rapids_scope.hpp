#pragma once
// Which of a RAPIDS driver log's printouts speak of the plan pasted beside it. A driver log holds
// one printout per query (and per AQE stage of one): matched by operator name alone, a
// "ProjectExec cannot run on GPU" of one query would fill the reason of every Project in another.
#include <string>
#include <string_view>

namespace clusop {

// `log` with the RAPIDS explain printouts that name an attribute id ("ts#25") absent from `plan`
// blanked (each line kept as an empty line, so line numbers hold). Printouts naming no id, other
// engines' lines and every other line are kept; so is the whole log when the plan names no ids.
std::string RapidsPrintoutsAboutPlan(std::string_view log, std::string_view plan);

}  // namespace clusop
