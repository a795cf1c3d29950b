#include "rules/expression.hpp"

#include <cctype>
#include <cmath>
#include <algorithm>
#include <cstdlib>

namespace clusop::rules {
namespace {

enum class Tok : uint8_t { kNumber, kName, kFunction, kOperator, kOpen, kClose, kComma };

struct Token {
  Tok kind;
  std::string_view text;
  size_t begin = 0;
  double number = 0;
};

bool IsNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

bool IsFunction(std::string_view name) { return name == "min" || name == "max" || name == "ceil" || name == "floor"; }

bool Lex(std::string_view text, std::vector<Token>* out, std::string* error) {
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    if (out->size() >= kMaxExpressionTokens) {
      *error = "expression too long (more than " + std::to_string(kMaxExpressionTokens) + " tokens)";
      return false;
    }
    const size_t begin = i;
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])))) {
      while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
      while (i < text.size() && (std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == '%')) ++i;
      Token t{Tok::kNumber, text.substr(begin, i - begin), begin};
      if (!ParseNumberWithUnit(t.text, &t.number)) {
        *error = "bad number '" + std::string(t.text) + "' (units: ms s min h, B KiB MiB GiB TiB, %)";
        return false;
      }
      out->push_back(t);
      continue;
    }
    if (IsNameStart(c)) {
      while (i < text.size() && IsNameChar(text[i])) ++i;
      const std::string_view name = text.substr(begin, i - begin);
      size_t j = i;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
      const bool call = j < text.size() && text[j] == '(' && IsFunction(name);
      const bool word_op = name == "and" || name == "or" || name == "not";
      out->push_back({call ? Tok::kFunction : word_op ? Tok::kOperator : Tok::kName, name, begin});
      continue;
    }
    if (c == '(' || c == ')' || c == ',') {
      out->push_back({c == '(' ? Tok::kOpen : c == ')' ? Tok::kClose : Tok::kComma, text.substr(i, 1), begin});
      ++i;
      continue;
    }
    const std::string_view two = text.substr(i, 2);
    if (two == "<=" || two == ">=" || two == "==" || two == "!=") {
      out->push_back({Tok::kOperator, two, begin});
      i += 2;
      continue;
    }
    if (c == '<' || c == '>' || c == '+' || c == '-' || c == '*' || c == '/') {
      out->push_back({Tok::kOperator, text.substr(i, 1), begin});
      ++i;
      continue;
    }
    *error = std::string("unexpected character '") + c + "' in expression";
    return false;
  }
  return true;
}

struct OpInfo {
  Op op;
  int precedence;
  bool unary;
};

bool BinaryOp(std::string_view s, OpInfo* info) {
  static const struct {
    const char* text;
    Op op;
    int precedence;
  } kOps[] = {{"or", Op::kOr, 1},  {"and", Op::kAnd, 2}, {"<", Op::kLt, 4},  {"<=", Op::kLe, 4},
              {">", Op::kGt, 4},   {">=", Op::kGe, 4},   {"==", Op::kEq, 4}, {"!=", Op::kNe, 4},
              {"+", Op::kAdd, 5},  {"-", Op::kSub, 5},   {"*", Op::kMul, 6}, {"/", Op::kDiv, 6}};
  for (const auto& o : kOps)
    if (s == o.text) {
      *info = {o.op, o.precedence, false};
      return true;
    }
  return false;
}

bool IsComparison(std::string_view s) { return s == "<" || s == "<=" || s == ">" || s == ">=" || s == "==" || s == "!="; }

Op FunctionOp(std::string_view name, int* arity) {
  *arity = name == "min" || name == "max" ? 2 : 1;
  return name == "min" ? Op::kMin : name == "max" ? Op::kMax : name == "ceil" ? Op::kCeil : Op::kFloor;
}

// One entry of the operator stack: an operator, an open parenthesis (of a call or not), or a
// function waiting for its parenthesis.
struct Pending {
  enum Kind : uint8_t { kOperator, kParen, kFunction } kind;
  OpInfo info{};
  int commas = 0;
  bool call = false;
};

bool Compile(const std::vector<Token>& tokens, const NameResolver& resolve, std::vector<Instruction>* code,
             std::string* error) {
  std::vector<Pending> stack;
  bool want_operand = true;
  int depth = 0;
  auto near = [](const Token& t) { return " at '" + std::string(t.text) + "'"; };
  auto pop_operators = [&](int min_precedence) {
    while (!stack.empty() && stack.back().kind == Pending::kOperator && stack.back().info.precedence >= min_precedence) {
      code->push_back({stack.back().info.op});
      stack.pop_back();
    }
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    switch (t.kind) {
      case Tok::kNumber:
      case Tok::kName: {
        if (!want_operand) {
          *error = "expected an operator" + near(t);
          return false;
        }
        if (t.kind == Tok::kNumber) {
          code->push_back({Op::kNumber, t.number});
        } else {
          const int slot = resolve(t.text, error);
          if (slot < 0) return false;
          code->push_back({Op::kSlot, 0, slot});
        }
        want_operand = false;
        break;
      }
      case Tok::kFunction: {
        if (!want_operand) {
          *error = "expected an operator" + near(t);
          return false;
        }
        int arity = 1;
        Pending p{Pending::kFunction};
        p.info.op = FunctionOp(t.text, &arity);
        p.commas = arity;  // the arity, checked at the closing parenthesis
        stack.push_back(p);
        break;
      }
      case Tok::kOpen: {
        if (!want_operand) {
          *error = "expected an operator" + near(t);
          return false;
        }
        if (++depth > kMaxExpressionDepth) {
          *error = "expression nested deeper than " + std::to_string(kMaxExpressionDepth) + " levels";
          return false;
        }
        Pending p{Pending::kParen};
        p.call = !stack.empty() && stack.back().kind == Pending::kFunction;
        stack.push_back(p);
        break;
      }
      case Tok::kClose:
      case Tok::kComma: {
        if (want_operand) {
          *error = "expected a value" + near(t);
          return false;
        }
        pop_operators(0);
        if (stack.empty() || stack.back().kind != Pending::kParen) {
          *error = t.kind == Tok::kClose ? "unbalanced ')'" : "',' outside a call of min or max";
          return false;
        }
        if (t.kind == Tok::kComma) {
          if (!stack.back().call) {
            *error = "',' outside a call of min or max";
            return false;
          }
          ++stack.back().commas;
          want_operand = true;
          break;
        }
        const Pending paren = stack.back();
        stack.pop_back();
        --depth;
        if (paren.call) {
          const Pending function = stack.back();
          stack.pop_back();
          if (paren.commas + 1 != function.commas) {
            *error = "a function takes " + std::to_string(function.commas) + " argument(s)" + near(t);
            return false;
          }
          code->push_back({function.info.op});
        }
        want_operand = false;
        break;
      }
      case Tok::kOperator: {
        OpInfo info{};
        if (want_operand) {
          if (t.text == "-" || t.text == "not") {
            Pending p{Pending::kOperator};
            p.info = t.text == "-" ? OpInfo{Op::kNeg, 7, true} : OpInfo{Op::kNot, 3, true};
            stack.push_back(p);
            break;
          }
          *error = "expected a value" + near(t);
          return false;
        }
        BinaryOp(t.text, &info);
        pop_operators(info.precedence);
        Pending p{Pending::kOperator};
        p.info = info;
        stack.push_back(p);
        want_operand = true;
        break;
      }
    }
  }
  if (tokens.empty()) {
    *error = "expected an expression";
    return false;
  }
  if (want_operand) {
    *error = "expression ends where a value was expected";
    return false;
  }
  pop_operators(0);
  if (!stack.empty()) {
    *error = "unbalanced '('";
    return false;
  }
  return true;
}

bool Truth(double v) { return !std::isnan(v) && v != 0; }

}  // namespace

bool ParseNumberWithUnit(std::string_view text, double* out) {
  size_t digits = 0;
  while (digits < text.size() && (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.')) ++digits;
  if (digits == 0 || digits > 40) return false;
  const std::string number(text.substr(0, digits));
  char* end = nullptr;
  const double value = std::strtod(number.c_str(), &end);
  if (end != number.c_str() + number.size() || !std::isfinite(value)) return false;
  const std::string_view unit = text.substr(digits);
  static const struct {
    const char* name;
    double factor;
  } kUnits[] = {{"", 1},           {"ms", 1},          {"s", 1000},        {"min", 60000},     {"h", 3600000},
                {"B", 1},          {"KiB", 1024.0},    {"KB", 1024.0},     {"MiB", 1048576.0}, {"MB", 1048576.0},
                {"GiB", 1073741824.0}, {"GB", 1073741824.0}, {"TiB", 1099511627776.0}, {"TB", 1099511627776.0},
                {"%", 0.01}};
  for (const auto& u : kUnits)
    if (unit == u.name) {
      *out = value * u.factor;
      return true;
    }
  return false;
}

bool CompileExpression(std::string_view text, const NameResolver& resolve, Expression* out, std::string* error) {
  std::vector<Token> tokens;
  out->text = std::string(text);
  out->code.clear();
  return Lex(text, &tokens, error) && Compile(tokens, resolve, &out->code, error);
}

bool CompileCondition(std::string_view text, const NameResolver& resolve, std::vector<Conjunct>* out,
                      std::string* error) {
  std::vector<Token> tokens;
  if (!Lex(text, &tokens, error)) return false;
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  // Split at the top-level "and"s, noting each part's single top-level comparison if any.
  size_t part_begin = 0;
  int depth = 0;
  size_t comparisons = 0, comparison_at = 0, comparison_len = 0;
  bool other_logic = false;
  auto finish_part = [&](size_t part_end) {
    Conjunct c;
    if (!CompileExpression(trim(text.substr(part_begin, part_end - part_begin)), resolve, &c.whole, error)) return false;
    if (comparisons == 1 && !other_logic) {
      c.comparison = true;
      c.op = std::string(text.substr(comparison_at, comparison_len));
      if (!CompileExpression(trim(text.substr(part_begin, comparison_at - part_begin)), resolve, &c.left, error) ||
          !CompileExpression(trim(text.substr(comparison_at + comparison_len, part_end - comparison_at - comparison_len)),
                             resolve, &c.right, error))
        return false;
    }
    out->push_back(std::move(c));
    comparisons = 0;
    other_logic = false;
    return true;
  };
  // "or" binds looser than "and": a top-level "or" makes the whole condition one part.
  bool top_or = false;
  for (const Token& t : tokens) {
    depth += t.kind == Tok::kOpen ? 1 : t.kind == Tok::kClose ? -1 : 0;
    top_or = top_or || (depth == 0 && t.kind == Tok::kOperator && t.text == "or");
  }
  depth = 0;
  for (const Token& t : tokens) {
    if (t.kind == Tok::kOpen) ++depth;
    if (t.kind == Tok::kClose) --depth;
    if (depth != 0 || t.kind != Tok::kOperator) continue;
    if (t.text == "and" && !top_or) {
      if (!finish_part(t.begin)) return false;
      part_begin = t.begin + t.text.size();
    } else if (IsComparison(t.text)) {
      ++comparisons;
      comparison_at = t.begin;
      comparison_len = t.text.size();
    } else if (t.text == "or" || t.text == "not") {
      other_logic = true;
    }
  }
  return finish_part(text.size());
}

double Expression::Evaluate(const double* slots) const {
  // Compiled code is well formed: the stack never exceeds the code's length.
  double stack_small[64];
  std::vector<double> stack_large;
  double* stack = stack_small;
  if (code.size() > 64) {
    stack_large.resize(code.size());
    stack = stack_large.data();
  }
  size_t top = 0;
  const double nan = std::nan("");
  for (const Instruction& in : code) {
    switch (in.op) {
      case Op::kNumber: stack[top++] = in.number; break;
      case Op::kSlot: stack[top++] = slots[in.slot]; break;
      case Op::kNeg: stack[top - 1] = -stack[top - 1]; break;
      case Op::kNot: stack[top - 1] = std::isnan(stack[top - 1]) ? 0 : (stack[top - 1] == 0 ? 1 : 0); break;
      case Op::kCeil: stack[top - 1] = std::ceil(stack[top - 1]); break;
      case Op::kFloor: stack[top - 1] = std::floor(stack[top - 1]); break;
      default: {
        const double b = stack[--top];
        const double a = stack[top - 1];
        double r = nan;
        switch (in.op) {
          case Op::kAdd: r = a + b; break;
          case Op::kSub: r = a - b; break;
          case Op::kMul: r = a * b; break;
          case Op::kDiv: r = b == 0 ? nan : a / b; break;
          case Op::kLt: r = a < b; break;
          case Op::kLe: r = a <= b; break;
          case Op::kGt: r = a > b; break;
          case Op::kGe: r = a >= b; break;
          case Op::kEq: r = a == b; break;
          case Op::kNe: r = !std::isnan(a) && !std::isnan(b) && a != b; break;
          case Op::kAnd: r = Truth(a) && Truth(b); break;
          case Op::kOr: r = Truth(a) || Truth(b); break;
          case Op::kMin: r = std::isnan(a) || std::isnan(b) ? nan : std::min(a, b); break;
          case Op::kMax: r = std::isnan(a) || std::isnan(b) ? nan : std::max(a, b); break;
          default: break;
        }
        stack[top - 1] = std::isfinite(r) || std::isnan(r) ? r : nan;
      }
    }
  }
  return top == 1 ? stack[0] : nan;
}

}  // namespace clusop::rules
