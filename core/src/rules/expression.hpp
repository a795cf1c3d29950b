#pragma once
// The expressions of the rule language: numbers (with units), names, + - * /, comparisons,
// and / or / not, min, max, ceil, floor. Compiled to postfix code by an iterative
// shunting-yard pass and evaluated with a value stack: no recursion, bounded nesting.
// An unknown value is NaN: arithmetic keeps it unknown, a comparison with it is false.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace clusop::rules {

inline constexpr int kMaxExpressionDepth = 32;     // parentheses and calls nested
inline constexpr size_t kMaxExpressionTokens = 256;

enum class Op : uint8_t {
  kNumber, kSlot, kAdd, kSub, kMul, kDiv, kNeg,
  kLt, kLe, kGt, kGe, kEq, kNe, kAnd, kOr, kNot,
  kMin, kMax, kCeil, kFloor,
};

struct Instruction {
  Op op = Op::kNumber;
  double number = 0;
  int slot = -1;
};

struct Expression {
  std::string text;
  std::vector<Instruction> code;
  bool empty() const { return code.empty(); }
  double Evaluate(const double* slots) const;
};

// Gives the slot of a name, or -1 with `error` set.
using NameResolver = std::function<int(std::string_view name, std::string* error)>;

// Compiles `text`; false with a one-line `error` naming what was expected.
bool CompileExpression(std::string_view text, const NameResolver& resolve, Expression* out, std::string* error);

// A condition split at its top-level "and"s; each part that is a comparison keeps its two
// sides so a finding can show the measured value beside the threshold.
struct Conjunct {
  Expression whole;
  bool comparison = false;
  std::string op;           // ">", ">=", ...
  Expression left, right;
};

bool CompileCondition(std::string_view text, const NameResolver& resolve, std::vector<Conjunct>* out,
                      std::string* error);

// A number with an optional unit: 10MiB, 60s, 5min, 2h, 0.5 -> bytes, milliseconds, plain.
bool ParseNumberWithUnit(std::string_view text, double* out);

}  // namespace clusop::rules
