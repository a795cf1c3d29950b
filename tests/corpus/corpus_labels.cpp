#include "corpus_labels.hpp"

#include <sstream>

#include "support/test_files.hpp"

namespace clusop::testing {
namespace {

std::vector<std::string> SplitCsvLine(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"') {
      if (quoted && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == ',' && !quoted) {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

}  // namespace

std::vector<LabelledPlan> GoldenLabels(const std::string& corpus) {
  std::vector<LabelledPlan> plans;
  std::istringstream in(ReadFile(corpus + "/golden/labels.csv"));
  std::string line;
  std::getline(in, line);  // header: file,source,engine_format,category,real_fallback,...
  while (std::getline(in, line)) {
    const auto cells = SplitCsvLine(line);
    if (cells.size() < 5 || cells[3].rfind("n/a", 0) == 0) continue;
    if (cells[4] != "yes" && cells[4] != "no") continue;
    plans.push_back({"golden/" + cells[0], cells[1], cells[4] == "yes", false, ""});
  }
  return plans;
}

std::vector<LabelledPlan> ManifestLabels(const std::string& corpus) {
  std::vector<LabelledPlan> plans;
  std::istringstream in(ReadFile(corpus + "/MANIFEST.md"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("| ", 0) != 0 || line.rfind("| file", 0) == 0 || line.rfind("| ---", 0) == 0) continue;
    std::vector<std::string> cells;
    size_t start = 2;
    for (size_t at = line.find(" | ", start); at != std::string::npos; at = line.find(" | ", start)) {
      cells.push_back(line.substr(start, at - start));
      start = at + 3;
    }
    if (start < line.size()) cells.push_back(line.substr(start, line.rfind(" |") - start));
    if (cells.size() < 6 || !Exists(corpus + "/" + cells[0])) continue;
    const std::string label = cells[5].substr(0, cells[5].find(' '));
    if (label != "yes" && label != "no") continue;  // partial / unsure are not scored
    const bool on_accelerator = cells[5].find("accelerator") != std::string::npos;
    plans.push_back({cells[0], cells[1], label == "yes", on_accelerator, cells.size() > 6 ? cells[6] : ""});
  }
  return plans;
}

std::map<std::string, std::string> KnownDifferences(const std::string& tsv_name) {
  std::map<std::string, std::string> known;
  std::istringstream in(ReadFile(SourceDir() + "/tests/corpus/" + tsv_name));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    known[line.substr(0, tab)] = tab == std::string::npos ? "" : line.substr(tab + 1);
  }
  return known;
}

}  // namespace clusop::testing
