#include "engine_log/rapids_scope.hpp"

#include <unordered_set>
#include <vector>

#include "common/text.hpp"

namespace clusop {
namespace {

// "*Exec <ProjectExec> will run on GPU", "  !Expression <Cast> ... cannot run on GPU because ...".
bool IsRapidsLine(std::string_view line) {
  const std::string_view t = text::TrimLeft(line);
  return !t.empty() && (t[0] == '!' || t[0] == '*' || t[0] == '@') && t.find('<') != std::string_view::npos &&
         t.find(" run on GPU") != std::string_view::npos;
}

// Calls `each` with every attribute id ("amount#23") in `s`: a name, '#', digits.
template <typename F>
void ForEachAttributeId(std::string_view s, F&& each) {
  for (size_t hash = s.find('#'); hash != std::string_view::npos; hash = s.find('#', hash + 1)) {
    size_t begin = hash;
    while (begin > 0 && text::IsIdentChar(s[begin - 1])) --begin;
    size_t end = hash + 1;
    while (end < s.size() && text::IsDigit(s[end])) ++end;
    if (begin == hash || end == hash + 1) continue;
    each(s.substr(begin, end - begin));
  }
}

}  // namespace

std::string RapidsPrintoutsAboutPlan(std::string_view log, std::string_view plan) {
  if (log.find(" run on GPU") == std::string_view::npos) return std::string(log);  // no RAPIDS printout
  std::unordered_set<std::string_view> plan_ids;
  ForEachAttributeId(plan, [&](std::string_view id) { plan_ids.insert(id); });
  if (plan_ids.empty()) return std::string(log);

  std::vector<std::string_view> lines;
  for (size_t start = 0; start <= log.size();) {
    const size_t end = log.find('\n', start);
    lines.push_back(log.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  std::vector<bool> blank(lines.size(), false);
  // A printout: a RAPIDS line at the left margin and the RAPIDS lines below it.
  for (size_t i = 0; i < lines.size();) {
    if (!IsRapidsLine(lines[i])) {
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < lines.size() && IsRapidsLine(lines[end]) && text::TrimLeft(lines[end]).size() < lines[end].size()) ++end;
    bool about_plan = true;
    for (size_t k = i; k < end && about_plan; ++k)
      ForEachAttributeId(lines[k], [&](std::string_view id) { about_plan = about_plan && plan_ids.count(id) > 0; });
    for (size_t k = i; k < end; ++k) blank[k] = !about_plan;
    i = end;
  }
  std::string out;
  out.reserve(log.size());
  for (size_t k = 0; k < lines.size(); ++k) {
    if (k > 0) out += '\n';
    if (!blank[k]) out += lines[k];
  }
  return out;
}

}  // namespace clusop
