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
    const Key key = KeyOf(name);
    const size_t mask = slots_.size() - 1;
    for (size_t at = key.hash & mask;; at = (at + 1) & mask) {
      const Slot& slot = slots_[at];
      if (!slot.filled) break;
      if (slot.key.size == key.size && slot.key.head == key.head && slot.key.tail == key.tail &&
          MiddlesEqual(slot.data, name))
        return slot.info;
    }
    return Insert(name, key);
  }

 private:
  struct Key {
    uint64_t head = 0;  // the name's first 8 bytes (zero-padded when shorter)
    uint64_t tail = 0;  // its last 8 bytes (the head again when shorter)
    size_t size = 0;
    size_t hash = 0;
  };
  struct Slot {
    Key key;
    const char* data = nullptr;
    bool filled = false;
    OperatorInfo info;
  };

  static uint64_t Load8(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }

  // Loads stay inside the name: a name shorter than 8 bytes is copied byte by byte.
  static Key KeyOf(std::string_view name) {
    Key key;
    key.size = name.size();
    if (name.size() >= 8) {
      key.head = Load8(name.data());
      key.tail = Load8(name.data() + name.size() - 8);
    } else if (!name.empty()) {
      std::memcpy(&key.head, name.data(), name.size());
      key.tail = key.head;
    }
    const uint64_t mixed = (key.head ^ (key.tail * 0x9E3779B97F4A7C15ull) ^ key.size) * 0xFF51AFD7ED558CCDull;
    key.hash = static_cast<size_t>(mixed ^ (mixed >> 29));
    return key;
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

  const OperatorInfo& Insert(std::string_view name, const Key& key);
  void Grow();

  size_t used_ = 0;
  std::vector<Slot> slots_;
};

}  // namespace clusop
