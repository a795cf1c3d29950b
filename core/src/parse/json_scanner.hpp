#pragma once
// A pull tokenizer for JSON that reports byte offsets and never recurses: the event-log
// reader walks sparkPlanInfo trees of any depth with it, and keeps node spans for highlighting.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clusop {

class JsonScanner {
 public:
  enum class Token : uint8_t {
    kObjectBegin, kObjectEnd, kArrayBegin, kArrayEnd, kKey, kString, kNumber, kLiteral, kEnd, kError
  };

  explicit JsonScanner(std::string_view input) : input_(input) {}

  Token Next();
  // Next(), and when the token is a string value, its decoded text (escapes resolved) into
  // *decoded in the same pass over its bytes. A bad escape does not stop the scan: the token
  // is still returned, and decoded_ok() is false.
  Token NextDecoded(std::string* decoded);
  // Skips the value that starts with `token` (already returned by Next()).
  bool SkipValue(Token token);

  std::string_view raw() const { return raw_; }        // string contents (still escaped) or number text
  size_t token_begin() const { return token_begin_; }
  size_t position() const { return pos_; }
  const std::string& error() const { return error_; }
  bool raw_has_escapes() const { return has_escapes_; }
  bool decoded_ok() const { return decoded_ok_; }

  // Decodes JSON escapes (\n, \", \uXXXX incl. surrogate pairs) into UTF-8.
  static bool Unescape(std::string_view raw, std::string* out);

 private:
  Token Fail(const char* what);
  Token ScanString(Token kind);
  Token ScanScalar();
  void SkipSpace();

  std::string_view input_;
  size_t pos_ = 0;
  size_t token_begin_ = 0;
  std::string_view raw_;
  bool has_escapes_ = false;
  std::string* decoded_ = nullptr;  // NextDecoded's sink, only while it runs
  bool decoded_ok_ = true;
  std::vector<char> stack_;  // '{' or '['
  bool expect_key_ = false;  // inside an object, before a key
  bool need_separator_ = false;
  std::string error_;
};

}  // namespace clusop
