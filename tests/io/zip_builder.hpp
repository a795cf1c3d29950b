#pragma once
// Zip archives built byte by byte from the PKWARE layout (APPNOTE 4.3), stored and deflated.
#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

#include "stream_builders.hpp"

namespace clusop::testing {

inline void Put16(std::string* out, uint32_t v) {
  out->push_back(static_cast<char>(v));
  out->push_back(static_cast<char>(v >> 8));
}
inline void Put32(std::string* out, uint32_t v) { PutLittleEndian32(out, v); }

struct ZipEntry {
  std::string name;
  std::string content;
  bool deflate = false;
};

inline std::string BuildZip(const std::vector<ZipEntry>& entries, const std::string& comment = "") {
  std::string zip, directory;
  for (const ZipEntry& e : entries) {
    const std::string data = e.deflate ? RawDeflate(e.content) : e.content;
    const uint32_t crc = static_cast<uint32_t>(
        crc32_z(crc32_z(0, nullptr, 0), reinterpret_cast<const Bytef*>(e.content.data()), e.content.size()));
    const uint32_t offset = static_cast<uint32_t>(zip.size());
    const uint16_t method = e.deflate ? 8 : 0;
    Put32(&zip, 0x04034b50);
    Put16(&zip, 20);
    Put16(&zip, 0);
    Put16(&zip, method);
    Put32(&zip, 0);  // time, date
    Put32(&zip, crc);
    Put32(&zip, static_cast<uint32_t>(data.size()));
    Put32(&zip, static_cast<uint32_t>(e.content.size()));
    Put16(&zip, static_cast<uint32_t>(e.name.size()));
    Put16(&zip, 0);
    zip += e.name + data;

    Put32(&directory, 0x02014b50);
    Put16(&directory, 20);
    Put16(&directory, 20);
    Put16(&directory, 0);
    Put16(&directory, method);
    Put32(&directory, 0);
    Put32(&directory, crc);
    Put32(&directory, static_cast<uint32_t>(data.size()));
    Put32(&directory, static_cast<uint32_t>(e.content.size()));
    Put16(&directory, static_cast<uint32_t>(e.name.size()));
    Put16(&directory, 0);
    Put16(&directory, 0);
    Put16(&directory, 0);
    Put16(&directory, 0);
    Put32(&directory, 0);
    Put32(&directory, offset);
    directory += e.name;
  }
  const uint32_t directory_offset = static_cast<uint32_t>(zip.size());
  zip += directory;
  Put32(&zip, 0x06054b50);
  Put16(&zip, 0);
  Put16(&zip, 0);
  Put16(&zip, static_cast<uint32_t>(entries.size()));
  Put16(&zip, static_cast<uint32_t>(entries.size()));
  Put32(&zip, static_cast<uint32_t>(directory.size()));
  Put32(&zip, directory_offset);
  Put16(&zip, static_cast<uint32_t>(comment.size()));
  return zip + comment;
}

}  // namespace clusop::testing
