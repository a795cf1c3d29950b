#include "file_reading.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "analysis/scan_errors.hpp"

namespace clusop::cli {
namespace {

// A file opened for reading, or standard input (never closed here).
class OpenFile {
 public:
  explicit OpenFile(const std::string& path)
      : fd_(path == kStandardInput ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC)),
        owned_(path != kStandardInput) {}
  ~OpenFile() {
    if (fd_ >= 0 && owned_) ::close(fd_);
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
  bool owned_;
};

// Reads up to `n` bytes, retrying on interruption; -1 on error.
ssize_t ReadSome(int fd, char* into, size_t n) {
  for (;;) {
    const ssize_t got = ::read(fd, into, n);
    if (got >= 0 || errno != EINTR) return got;
  }
}

std::string CannotRead(const std::string& path) { return ReadFailure(path, std::strerror(errno)); }

}  // namespace

bool ReadHead(const std::string& path, size_t limit, std::string* head, std::string* error) {
  OpenFile file(path);
  if (file.fd() < 0) {
    *error = CannotRead(path);
    return false;
  }
  head->assign(limit, '\0');
  size_t have = 0;
  while (have < limit) {
    const ssize_t got = ReadSome(file.fd(), head->data() + have, limit - have);
    if (got < 0) {
      *error = CannotRead(path);
      return false;
    }
    if (got == 0) break;
    have += static_cast<size_t>(got);
  }
  head->resize(have);
  return true;
}

bool ReadInChunks(const std::string& path, const std::function<bool(std::string_view)>& chunk, std::string* error) {
  OpenFile file(path);
  if (file.fd() < 0) {
    *error = CannotRead(path);
    return false;
  }
  const std::unique_ptr<char[]> buffer(new char[kChunkBytes]);
  for (;;) {
    const ssize_t got = ReadSome(file.fd(), buffer.get(), kChunkBytes);
    if (got < 0) {
      *error = CannotRead(path);
      return false;
    }
    if (got == 0 || !chunk(std::string_view(buffer.get(), static_cast<size_t>(got)))) return true;
  }
}

bool ReadWhole(const std::string& path, std::string* out, std::string* error) {
  out->clear();
  return ReadInChunks(path, [&](std::string_view chunk) { out->append(chunk); return true; }, error);
}

}  // namespace clusop::cli
