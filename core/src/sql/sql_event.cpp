#include "sql/sql_event.hpp"

#include <cstdlib>

#include "common/text.hpp"
#include "parse/json_scanner.hpp"

namespace clusop {
namespace {

using Token = JsonScanner::Token;

class SqlEventReader {
 public:
  SqlEventReader(std::string_view line, SqlEvent* out) : scanner_(line), out_(out) {}

  bool Read(std::string* error) {
    if (scanner_.Next() != Token::kObjectBegin) return Fail(error, "expected a JSON object");
    for (;;) {
      const Token t = scanner_.Next();
      if (t == Token::kObjectEnd) break;
      if (t != Token::kKey) return Fail(error, "expected a key");
      if (!ReadField(scanner_.raw())) return Fail(error, what_);
    }
    if (scanner_.Next() != Token::kEnd) return Fail(error, "trailing data after the JSON object");
    return true;
  }

 private:
  bool ReadField(std::string_view key) {
    const Token t = scanner_.Next();
    if (key == "executionId") return ReadInt(t, &out_->execution_id);
    if (key == "time") return ReadInt(t, &out_->time_ms);
    if (key == "description") return ReadString(t, &out_->description);
    if (key == "details") return ReadString(t, &out_->details);
    if (key == "errorMessage") return t == Token::kLiteral ? true : ReadString(t, &out_->error_message);
    if (key == "accumUpdates") return ReadAccumUpdates(t);
    if (key == "sparkPlanInfo" && t == Token::kObjectBegin) out_->has_plan = true;
    return Skip(t);
  }

  bool Skip(Token t) {
    if (scanner_.SkipValue(t)) return true;
    return Error("a malformed value");
  }

  bool ReadInt(Token t, int64_t* out) {
    if (t != Token::kNumber) return Error("expected a number");
    const std::string digits(scanner_.raw());
    char* end = nullptr;
    const long long v = std::strtoll(digits.c_str(), &end, 10);
    if (end != digits.c_str() + digits.size()) return Error("expected an integer");
    *out = v;
    return true;
  }

  bool ReadString(Token t, std::string* out) {
    if (t != Token::kString) return t == Token::kLiteral ? true : Error("expected a string");
    if (!scanner_.raw_has_escapes()) {
      out->assign(scanner_.raw());
      return true;
    }
    if (!JsonScanner::Unescape(scanner_.raw(), out)) return Error("a bad escape in a string");
    return true;
  }

  // [[id, value], ...]
  bool ReadAccumUpdates(Token t) {
    if (t != Token::kArrayBegin) return Error("accumUpdates is not an array");
    for (;;) {
      const Token pair = scanner_.Next();
      if (pair == Token::kArrayEnd) return true;
      if (pair != Token::kArrayBegin) return Error("an accumulator update is not an [id, value] pair");
      int64_t id = -1;
      if (!ReadInt(scanner_.Next(), &id)) return false;
      if (scanner_.Next() != Token::kNumber) return Error("an accumulator value is not a number");
      const double value = std::strtod(std::string(scanner_.raw()).c_str(), nullptr);
      if (scanner_.Next() != Token::kArrayEnd) return Error("an accumulator update has more than two items");
      out_->accum_updates.emplace_back(id, value);
    }
  }

  bool Error(const char* what) {
    if (what_.empty()) {
      what_ = scanner_.error().empty() ? std::string(what) : scanner_.error();
      what_ += " at byte " + std::to_string(scanner_.token_begin());
    }
    return false;
  }

  bool Fail(std::string* error, const std::string& what) {
    *error = "invalid SQL event line: " + (what.empty() ? scanner_.error() : what);
    return false;
  }

  JsonScanner scanner_;
  SqlEvent* out_;
  std::string what_;
};

bool EndsWithClass(std::string_view event, std::string_view name) {
  return event == name || (text::EndsWith(event, name) && event[event.size() - name.size() - 1] == '.');
}

}  // namespace

SqlEventKind SqlEventKindOf(std::string_view event) {
  if (EndsWithClass(event, "SparkListenerSQLExecutionStart")) return SqlEventKind::kExecutionStart;
  if (EndsWithClass(event, "SparkListenerSQLAdaptiveExecutionUpdate")) return SqlEventKind::kAdaptiveUpdate;
  if (EndsWithClass(event, "SparkListenerSQLAdaptiveSQLMetricUpdates")) return SqlEventKind::kAdaptiveMetrics;
  if (EndsWithClass(event, "SparkListenerDriverAccumUpdates")) return SqlEventKind::kDriverAccumUpdates;
  if (EndsWithClass(event, "SparkListenerSQLExecutionEnd")) return SqlEventKind::kExecutionEnd;
  return SqlEventKind::kOther;
}

bool ReadSqlEvent(std::string_view line, SqlEvent* out, std::string* error) {
  return SqlEventReader(line, out).Read(error);
}

bool ReadPlanDescription(std::string_view line, std::string* out) {
  JsonScanner scanner(line);
  if (scanner.Next() != Token::kObjectBegin) return false;
  for (;;) {
    const Token t = scanner.Next();
    if (t != Token::kKey) return false;
    const bool wanted = scanner.raw() == "physicalPlanDescription";
    const Token v = scanner.Next();
    if (wanted) {
      if (v != Token::kString) return false;
      if (!scanner.raw_has_escapes()) {
        out->assign(scanner.raw());
        return true;
      }
      return JsonScanner::Unescape(scanner.raw(), out);
    }
    if (!scanner.SkipValue(v)) return false;
  }
}

}  // namespace clusop
