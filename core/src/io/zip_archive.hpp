#pragma once
// Zip archives of logs. A zip needs its central directory (at the end), so the archive is
// handed whole; members are inflated one at a time on demand, in bounded memory.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/codec.hpp"

namespace clusop {

struct ZipMember {
  std::string name;
  uint64_t compressed_size = 0;
  uint64_t size = 0;
  uint64_t offset = 0;  // of the local header
  uint16_t method = 0;  // 0 stored, 8 deflate
  uint16_t flags = 0;   // general purpose bits (bit 0: encrypted)
  uint32_t crc32 = 0;   // of the uncompressed bytes, checked after reading
};

bool IsZipArchive(std::string_view head);

// Lists the archive's file members (directories skipped). False with `error` when it is not a
// readable zip (no end-of-central-directory record, bad offsets, zip64 beyond the input).
bool ListZipMembers(std::string_view archive, std::vector<ZipMember>* members, std::string* error);

// The same from the archive's last bytes only (`tail`, of an archive of `archive_size` bytes):
// how the browser lists a zip without reading it whole. False with `*need` > 0 (and no error)
// when the directory starts further back: call again with that many last bytes.
bool ListZipMembersFromTail(std::string_view tail, uint64_t archive_size, std::vector<ZipMember>* members,
                            std::string* error, uint64_t* need, uint64_t* directory_start = nullptr);

// Streams one member's bytes (stored or deflate) to `out` in chunks.
bool ReadZipMember(std::string_view archive, const ZipMember& member, ByteSink* out, std::string* error);

}  // namespace clusop
