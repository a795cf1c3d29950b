#pragma once
// A file mapped read-only into memory: a zip archive must be seen whole (its directory is at
// the end), and mapping lets the kernel page it in and out instead of the heap holding it.
#include <string>
#include <string_view>

namespace clusop::cli {

class MappedFile {
 public:
  MappedFile() = default;
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  // False with `error` when the file cannot be opened or mapped.
  bool Open(const std::string& path, std::string* error);
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace clusop::cli
