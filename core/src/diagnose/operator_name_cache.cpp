#include "diagnose/operator_name_cache.hpp"

namespace clusop {
namespace {

constexpr size_t kFirstCapacity = 64;  // a power of two, above the few dozen names of a big plan

}  // namespace

OperatorNameCache::OperatorNameCache()
    : storage_(kFirstCapacity), slots_(storage_.data()), mask_(kFirstCapacity - 1) {}

const OperatorInfo& OperatorNameCache::Insert(std::string_view name, size_t hash) {
  if ((used_ + 1) * 2 > storage_.size()) Grow();
  size_t at = hash & mask_;
  while (slots_[at].filled) at = (at + 1) & mask_;
  Slot& slot = slots_[at];
  EndWords(name, &slot.head, &slot.tail);
  slot.size = name.size();
  slot.data = name.data();
  slot.info = LookupOperator(name);
  slot.filled = true;
  ++used_;
  return slot.info;
}

void OperatorNameCache::Grow() {
  std::vector<Slot> old(storage_.size() * 2);
  old.swap(storage_);
  slots_ = storage_.data();
  mask_ = storage_.size() - 1;
  for (const Slot& slot : old) {
    if (!slot.filled) continue;
    size_t at = HashOf(slot.head, slot.tail, slot.size) & mask_;
    while (slots_[at].filled) at = (at + 1) & mask_;
    slots_[at] = slot;
  }
}

}  // namespace clusop
