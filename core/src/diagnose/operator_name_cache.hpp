#pragma once
// The catalog's answer for each distinct operator name of one plan. A plan repeats a few dozen
// names over thousands of nodes, so each name is looked up in the catalog once; a repeat costs
// a cheap hash of the name's first and last 8 bytes and word compares, inline.
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "engine/engine_catalog.hpp"

namespace clusop {

class OperatorNameCache {
 public:
  OperatorNameCache();

  // The answer stays valid until the next call.
  const OperatorInfo& Find(std::string_view name) {
    uint64_t head = 0, tail = 0;
    EndWords(name, &head, &tail);
    const size_t hash = HashOf(head, tail, name.size());
    for (size_t at = hash & mask_;; at = (at + 1) & mask_) {
      const Slot& slot = slots_[at];
      if (!slot.filled) break;
      if (slot.size == name.size() && slot.head == head && slot.tail == tail && MiddlesEqual(slot.data, name))
        return slot.info;
    }
    return Insert(name, hash);
  }

 private:
  struct Slot {
    uint64_t head = 0;  // the name's first 8 bytes (zero-padded when shorter)
    uint64_t tail = 0;  // its last 8 bytes (the head again when shorter)
    size_t size = 0;
    const char* data = nullptr;
    OperatorInfo info;
    bool filled = false;
  };

  static uint64_t Load8(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }

  // Loads stay inside the name: a name shorter than 8 bytes is copied byte by byte.
  static void EndWords(std::string_view name, uint64_t* head, uint64_t* tail) {
    if (name.size() >= 8) {
      *head = Load8(name.data());
      *tail = Load8(name.data() + name.size() - 8);
    } else if (!name.empty()) {
      std::memcpy(head, name.data(), name.size());
      *tail = *head;
    }
  }

  static size_t HashOf(uint64_t head, uint64_t tail, size_t size) {
    const uint64_t mixed = (head ^ (tail * 0x9E3779B97F4A7C15ull) ^ size) * 0xFF51AFD7ED558CCDull;
    return static_cast<size_t>(mixed ^ (mixed >> 29));
  }

  // Two names of the same size above 16 bytes whose first and last 8 bytes match: the bytes in
  // between, a word at a time (the last word, at size - 16, may overlap the one before it).
  static bool MiddlesEqual(const char* a, std::string_view b) {
    const size_t size = b.size();
    if (size <= 16) return true;
    for (size_t at = 8; at < size - 16; at += 8)
      if (Load8(a + at) != Load8(b.data() + at)) return false;
    return Load8(a + size - 16) == Load8(b.data() + size - 16);
  }

  const OperatorInfo& Insert(std::string_view name, size_t hash);
  void Grow();

  std::vector<Slot> storage_;
  Slot* slots_ = nullptr;  // storage_.data(): a power-of-two count of slots
  size_t mask_ = 0;        // that count - 1
  size_t used_ = 0;
};

}  // namespace clusop
