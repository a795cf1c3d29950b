#include "parse/text_plan_reader.hpp"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "common/byte_search.hpp"
#include "common/text.hpp"
#include "parse/node_line.hpp"
#include "parse/text_lines.hpp"

namespace clusop {
namespace {

bool IsFence(std::string_view trimmed) { return text::StartsWith(trimmed, "```"); }

// "== Photon Explanation ==", "== Optimizer Statistics (...) ==": a top-level section title.
bool IsSectionHeader(std::string_view trimmed) {
  return text::StartsWith(trimmed, "== ") && text::EndsWith(trimmed, "==");
}

class TextPlanReader {
 public:
  TextPlanReader(std::string_view input, PlanTree* tree)
      : input_(input), tree_(tree), lines_(SplitLines(input)) {}

  bool Read(std::string* error) {
    tree_->input = input_;
    FindTitleStarts();
    has_comet_tag_ = input_.find(kCometTag) != std::string_view::npos;
    size_t begin = 0, end = lines_.size();
    FindPlanRegion(&begin, &end);
    FindEngineSections();
    size_t i = FirstOutlineLine(begin, end);
    if (i >= end) {
      *error = tree_->engine_explanation.empty()
                   ? "no physical plan found: expected Spark explain output (a '== Physical Plan ==' section or a "
                     "plan tree drawn with '+-'), or an event-log JSON line with sparkPlanInfo"
                   : "found a '== Photon Explanation ==' but no plan tree: paste the whole explain output";
      return false;
    }
    formatted_ = FormattedId(lines_[i].text) >= 0;
    const NodeId main = ReadOutline(&i, end);
    tree_->roots.push_back({main, false});
    ReadFormattedSections(i, end);
    tree_->format = DetectFormat();
    return true;
  }

 private:
  // The line holding byte `offset` (binary search over line starts).
  size_t LineAt(size_t offset) const {
    size_t lo = 0, hi = lines_.size();
    while (hi - lo > 1) {
      const size_t mid = (lo + hi) / 2;
      (lines_[mid].begin <= offset ? lo : hi) = mid;
    }
    return lo;
  }

  // Every place "== " starts, in order: each section title the reader looks for starts so. One
  // pass over the text's '=' finds them all (a search per title would read the text per title).
  void FindTitleStarts() {
    for (size_t at = 0; input_.size() - at >= 3;) {
      const char* equals = text::FindByte(input_.data() + at, input_.size() - 2 - at, '=');
      if (equals == nullptr) break;
      at = static_cast<size_t>(equals - input_.data());
      if (input_[at + 1] == '=' && input_[at + 2] == ' ') title_starts_.push_back(at);
      ++at;
    }
  }

  // The first place at or after `from` where `title` starts (input_.find(title, from)).
  size_t FindTitle(std::string_view title, size_t from = 0) const {
    for (auto it = std::lower_bound(title_starts_.begin(), title_starts_.end(), from); it != title_starts_.end(); ++it)
      if (input_.substr(*it, title.size()) == title) return *it;
    return std::string_view::npos;
  }

  // The first top-level section header ("== X ==") starting at or after line `from`.
  size_t NextSectionHeader(size_t from) const {
    if (from >= lines_.size()) return lines_.size();
    for (size_t at = FindTitle("== ", lines_[from].begin); at != std::string_view::npos;) {
      const size_t line = LineAt(at);
      if (IsSectionHeader(text::Trim(lines_[line].text))) return line;
      if (line + 1 >= lines_.size()) break;
      at = FindTitle("== ", lines_[line + 1].begin);  // each line is looked at once
    }
    return lines_.size();
  }

  // The lines between "== Physical Plan ==" and the next section header, else the whole text.
  void FindPlanRegion(size_t* begin, size_t* end) {
    has_logical_ = FindTitle("== Parsed Logical Plan ==") != std::string_view::npos;
    const size_t header = FindTitle("== Physical Plan ==");
    if (header != std::string_view::npos) *begin = LineAt(header) + 1;
    for (size_t at = header; at != std::string_view::npos;) {
      at = FindTitle("== Physical Plan ==", at + 1);
      if (at != std::string_view::npos) ++tree_->other_plans;
    }
    *end = NextSectionHeader(*begin);
  }

  void FindEngineSections() {
    const size_t explanation = FindTitle("== Photon Explanation ==");
    if (explanation != std::string_view::npos) {
      const size_t first = LineAt(explanation) + 1;
      const size_t next = NextSectionHeader(first);
      const size_t from = first < lines_.size() ? lines_[first].begin : input_.size();
      const size_t to = next < lines_.size() ? lines_[next].begin : input_.size();
      tree_->engine_explanation = input_.substr(from, to - from);
    }
    const size_t summary = input_.find("Comet accelerated ");
    if (summary != std::string_view::npos) tree_->engine_summary = text::Trim(lines_[LineAt(summary)].text);
  }

  size_t FirstOutlineLine(size_t begin, size_t end) const {
    size_t first_candidate = end;
    for (size_t i = begin; i < end; ++i) {
      const NodeLine line = ParseNodeLine(lines_[i].text);
      if (line.type != NodeLine::Type::kNode || !LooksLikeOperator(line.text)) continue;
      if (first_candidate == end) first_candidate = i;
      if (i + 1 >= end) break;
      const NodeLine next = ParseNodeLine(lines_[i + 1].text);
      const bool has_child = (next.type == NodeLine::Type::kNode || next.type == NodeLine::Type::kAqeMarker) &&
                             (next.has_glyph || next.column > line.column);
      if (has_child) return i;
    }
    return first_candidate;
  }

  // Reads consecutive outline lines from *i until a blank line; returns the root node.
  NodeId ReadOutline(size_t* i, size_t end) {
    struct Open {
      NodeId id;
      int32_t column;  // the node's, kept here so the stack is walked without reading the nodes
    };
    std::vector<Open> stack;
    NodeId root = kNoNode;
    tree_->nodes.reserve(tree_->nodes.size() + (end - *i));  // at most a node per line
    for (; *i < end; ++*i) {
      const TextLine& raw = lines_[*i];
      const NodeLine line = ParseNodeLine(raw.text);
      if (line.type == NodeLine::Type::kBlank) break;
      if (line.type == NodeLine::Type::kContinuation && IsFence(line.text)) {
        if (root == kNoNode) continue;
        break;
      }
      if (line.type == NodeLine::Type::kContinuation) {
        if (!stack.empty()) tree_->nodes[stack.back().id].span.end = raw.begin + raw.text.size();
        continue;
      }
      PlanNode node;
      node.kind = line.kind;
      node.marker = line.marker;
      node.text = line.text;
      // An AQE marker's children are printed at its own text column; sit it just left of them.
      node.column = line.type == NodeLine::Type::kAqeMarker ? line.column - 1 : line.column;
      node.span = {raw.begin, raw.begin + raw.text.size()};
      if (line.type == NodeLine::Type::kNode) {
        node.name = OperatorName(line.text);
        if (formatted_) node.explain_id = FormattedId(line.text);
        node.engine_reason = CometReason(line.text);
      } else {
        node.name = line.text;
      }
      while (!stack.empty() && stack.back().column >= node.column) stack.pop_back();
      NodeId parent = stack.empty() ? kNoNode : stack.back().id;
      if (parent == kNoNode && root != kNoNode) {
        tree_->warnings.push_back("line " + std::to_string(*i + 1) + " is indented left of the plan root; read as its child");
        parent = root;
      }
      const NodeId id = tree_->Add(node, parent);
      if (root == kNoNode) root = id;
      // Spark draws every child with a glyph, except the first one under an AQE marker line
      const auto under_marker = [&] { return parent != kNoNode && tree_->nodes[parent].kind != NodeKind::kOperator; };
      if (node.kind == NodeKind::kOperator && node.marker == StageMarker::kNone && !line.has_glyph && id != root &&
          !under_marker())
        unglyphed_children_ = true;
      stack.push_back({id, node.column});
    }
    return root;
  }

  // The reason in a node text's "[COMET: reason]" tag. Most plans hold no tag at all: the
  // input is searched once, not each line (a search per line stops at every '[').
  std::string_view CometReason(std::string_view s) const {
    if (!has_comet_tag_) return {};
    return CometReasonAt(s, s.find(kCometTag));
  }

  static std::string_view CometReasonAt(std::string_view s, size_t at) {
    if (at == std::string_view::npos) return {};
    const size_t from = at + 8;
    const size_t close = s.rfind(']');
    if (close == std::string_view::npos || close < from) return s.substr(from);
    return s.substr(from, close - from);
  }

  // After the outline of a formatted plan: "(N) Name" details blocks and "Subquery:k" sections.
  void ReadFormattedSections(size_t i, size_t end) {
    std::unordered_map<int32_t, std::string_view> details;
    while (i < end) {
      const std::string_view t = text::Trim(lines_[i].text);
      if (t.empty() || IsFence(t) || text::StartsWith(t, "=====")) {
        ++i;
      } else if (t[0] == '(' && FormattedIdAtStart(t) >= 0) {
        const int32_t id = FormattedIdAtStart(t);
        const size_t from = lines_[i].begin;
        size_t j = i + 1;
        while (j < end && !text::Trim(lines_[j].text).empty()) ++j;
        const size_t to = lines_[j - 1].begin + lines_[j - 1].text.size();
        details.emplace(id, input_.substr(from, to - from));
        i = j;
      } else if (text::StartsWith(t, "Subquery:")) {
        ++i;
        while (i < end && text::Trim(lines_[i].text).empty()) ++i;
        if (i < end && StartsSubqueryOutline(i)) {
          formatted_ = FormattedId(lines_[i].text) >= 0;
          tree_->roots.push_back({ReadOutline(&i, end), true});
        }
      } else {
        ++i;
      }
    }
    for (PlanNode& node : tree_->nodes) {
      if (node.explain_id < 0) continue;
      const auto it = details.find(node.explain_id);
      if (it != details.end()) node.detail = it->second;
    }
  }

  bool StartsSubqueryOutline(size_t i) const {
    const std::string_view t = text::Trim(lines_[i].text);
    if (t[0] == '(' || text::StartsWith(t, "Subquery:") || text::StartsWith(t, "=====")) return false;
    const NodeLine line = ParseNodeLine(lines_[i].text);
    return line.type == NodeLine::Type::kNode;
  }

  static int32_t FormattedIdAtStart(std::string_view t) {
    size_t j = 1;
    int32_t value = 0;
    while (j < t.size() && text::IsDigit(t[j]) && value < 10000000) value = value * 10 + (t[j++] - '0');
    if (j == 1 || j >= t.size() || t[j] != ')') return -1;
    return value;
  }

  PlanFormat DetectFormat() const {
    for (const PlanNode& node : tree_->nodes)
      if (!node.engine_reason.empty()) return PlanFormat::kCometExtended;
    if (!tree_->engine_summary.empty()) return PlanFormat::kCometExtended;
    if (formatted_ || tree_->roots.size() > 1) return PlanFormat::kFormatted;
    if (has_logical_) return PlanFormat::kExtended;
    if (unglyphed_children_) return PlanFormat::kSimplified;
    return PlanFormat::kTree;
  }

  std::string_view input_;
  PlanTree* tree_;
  std::vector<TextLine> lines_;
  std::vector<size_t> title_starts_;  // every "== " (FindTitleStarts)
  static constexpr std::string_view kCometTag = "[COMET: ";
  bool has_comet_tag_ = false;  // kCometTag occurs in the input
  bool formatted_ = false;
  bool has_logical_ = false;
  bool unglyphed_children_ = false;
};

}  // namespace

bool ReadTextPlan(std::string_view input, PlanTree* tree, std::string* error) {
  return TextPlanReader(input, tree).Read(error);
}

}  // namespace clusop
