#include "diagnose/operator_name_cache.hpp"

namespace clusop {
namespace {

constexpr size_t kFirstCapacity = 64;  // a power of two, above the few dozen names of a big plan

}  // namespace

OperatorNameCache::OperatorNameCache() : slots_(kFirstCapacity) {}

const OperatorInfo& OperatorNameCache::Insert(std::string_view name, const Key& key) {
  if ((used_ + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  size_t at = key.hash & mask;
  while (slots_[at].filled) at = (at + 1) & mask;
  Slot& slot = slots_[at];
  slot.key = key;
  slot.data = name.data();
  slot.filled = true;
  slot.info = LookupOperator(name);
  ++used_;
  return slot.info;
}

void OperatorNameCache::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (!slot.filled) continue;
    size_t at = slot.key.hash & mask;
    while (slots_[at].filled) at = (at + 1) & mask;
    slots_[at] = slot;
  }
}

}  // namespace clusop
