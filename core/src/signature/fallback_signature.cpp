#include "signature/fallback_signature.hpp"

#include <cstdint>

namespace clusop {
namespace {

class Fnv1a64 {
 public:
  void Add(std::string_view s) {
    for (unsigned char c : s) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
    hash_ ^= 0xff;  // separator, so "ab"+"c" differs from "a"+"bc"
    hash_ *= 0x100000001b3ULL;
  }
  std::string Hex() const {
    static const char* digits = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 0; i < 16; ++i) out[15 - i] = digits[(hash_ >> (4 * i)) & 0xF];
    return out;
  }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::string FallbackSignature(const PlanTree& tree, const Diagnosis& d) {
  if (d.fallbacks.empty()) return {};
  Fnv1a64 hash;
  hash.Add("clusop.signature/1");
  hash.Add(EngineName(d.engine.engine));
  for (const FallbackSubtree& f : d.fallbacks) {
    hash.Add(CauseName(f.cause));
    for (NodeId id : f.nodes) hash.Add(tree.nodes[id].name);
  }
  return hash.Hex();
}

}  // namespace clusop
