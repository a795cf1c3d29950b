// Zip archives (PKWARE APPNOTE): the end-of-central-directory record, the central directory's
// file headers, each member's local header, then its bytes stored or raw-deflated (zlib).
#include "io/zip_archive.hpp"

#include <zlib.h>

#include <algorithm>
#include <memory>

#include "io/byte_order.hpp"
#include "io/decoded_output.hpp"

namespace clusop {
namespace {

using io::ReadLittleEndian16;
using io::ReadLittleEndian32;

constexpr uint32_t kLocalHeaderSignature = 0x04034b50;
constexpr uint32_t kCentralHeaderSignature = 0x02014b50;
constexpr uint32_t kEndSignature = 0x06054b50;
constexpr uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr size_t kLocalHeaderBytes = 30;
constexpr size_t kCentralHeaderBytes = 46;
constexpr size_t kEndBytes = 22;
constexpr size_t kMaxCommentBytes = 0xFFFF;
constexpr size_t kZip64LocatorBytes = 20;
constexpr uint16_t kStored = 0;
constexpr uint16_t kDeflated = 8;

bool Fail(std::string* error, const std::string& what) {
  *error = "zip: " + what;
  return false;
}

// The end-of-central-directory record: the last signature whose comment reaches the end exactly.
bool FindEnd(std::string_view archive, size_t* at) {
  if (archive.size() < kEndBytes) return false;
  const size_t lowest = archive.size() - std::min(archive.size(), kEndBytes + kMaxCommentBytes);
  for (size_t i = archive.size() - kEndBytes + 1; i-- > lowest;) {
    if (ReadLittleEndian32(archive, i) != kEndSignature) continue;
    if (i + kEndBytes + ReadLittleEndian16(archive, i + 20) == archive.size()) {
      *at = i;
      return true;
    }
  }
  return false;
}

bool CopyStored(std::string_view data, ByteSink* out, std::string* error) {
  while (!data.empty()) {
    const size_t n = std::min(data.size(), io::kOutputChunkBytes);
    if (!out->Write(data.substr(0, n), error)) return false;
    data.remove_prefix(n);
  }
  return true;
}

}  // namespace

bool IsZipArchive(std::string_view head) {
  return head.size() >= 4 && (ReadLittleEndian32(head, 0) == kLocalHeaderSignature ||
                              ReadLittleEndian32(head, 0) == kEndSignature);
}

bool ListZipMembers(std::string_view archive, std::vector<ZipMember>* members, std::string* error) {
  uint64_t need = 0;
  return ListZipMembersFromTail(archive, archive.size(), members, error, &need);
}

bool ListZipMembersFromTail(std::string_view archive, uint64_t archive_size, std::vector<ZipMember>* members,
                            std::string* error, uint64_t* need, uint64_t* directory_start) {
  members->clear();
  *need = 0;
  if (archive.size() > archive_size) return Fail(error, "the tail given is longer than the archive");
  const uint64_t base = archive_size - archive.size();  // where `archive` starts in the whole file
  size_t end = 0;
  if (!FindEnd(archive, &end)) {
    if (base > 0 && archive.size() < kEndBytes + kMaxCommentBytes) {  // the record may lie further back
      *need = std::min<uint64_t>(archive_size, kEndBytes + kMaxCommentBytes);
      return false;
    }
    return Fail(error, "no end-of-central-directory record (not a zip archive, or cut short)");
  }
  const uint16_t disk = ReadLittleEndian16(archive, end + 4);
  const uint16_t entries = ReadLittleEndian16(archive, end + 10);
  const uint32_t directory_size = ReadLittleEndian32(archive, end + 12);
  const uint32_t directory_offset = ReadLittleEndian32(archive, end + 16);
  const bool zip64 = end >= kZip64LocatorBytes && ReadLittleEndian32(archive, end - kZip64LocatorBytes) == kZip64LocatorSignature;
  if (zip64 || entries == 0xFFFF || directory_size == 0xFFFFFFFFu || directory_offset == 0xFFFFFFFFu)
    return Fail(error, "zip64 archive (over 4 GiB or 65535 entries): not supported, expected a plain zip");
  if (disk != 0) return Fail(error, "multi-part (spanned) archive: not supported");
  if (uint64_t{directory_offset} + directory_size > base + end)
    return Fail(error, "central directory at " + std::to_string(directory_offset) + " (+" +
                           std::to_string(directory_size) + " bytes) lies outside the archive");
  if (directory_offset < base) {  // the directory starts before the tail given: ask for more
    *need = archive_size - directory_offset;
    return false;
  }

  if (directory_start) *directory_start = directory_offset;
  size_t pos = static_cast<size_t>(directory_offset - base);
  const size_t directory_end = pos + size_t{directory_size};
  for (uint32_t i = 0; i < entries; ++i) {
    if (pos + kCentralHeaderBytes > directory_end || ReadLittleEndian32(archive, pos) != kCentralHeaderSignature)
      return Fail(error, "central directory entry " + std::to_string(i + 1) + " of " + std::to_string(entries) +
                             " is missing or damaged (expected signature PK\\1\\2 at byte " + std::to_string(pos) + ")");
    ZipMember m;
    m.flags = ReadLittleEndian16(archive, pos + 8);
    m.method = ReadLittleEndian16(archive, pos + 10);
    m.crc32 = ReadLittleEndian32(archive, pos + 16);
    m.compressed_size = ReadLittleEndian32(archive, pos + 20);
    m.size = ReadLittleEndian32(archive, pos + 24);
    const size_t name_length = ReadLittleEndian16(archive, pos + 28);
    const size_t extra_length = ReadLittleEndian16(archive, pos + 30);
    const size_t comment_length = ReadLittleEndian16(archive, pos + 32);
    m.offset = ReadLittleEndian32(archive, pos + 42);
    const size_t next = pos + kCentralHeaderBytes + name_length + extra_length + comment_length;
    if (next > directory_end) return Fail(error, "central directory entry " + std::to_string(i + 1) + " runs past the directory");
    m.name.assign(archive.substr(pos + kCentralHeaderBytes, name_length));
    if (m.compressed_size == 0xFFFFFFFFu || m.size == 0xFFFFFFFFu || m.offset == 0xFFFFFFFFu)
      return Fail(error, "member " + m.name + " needs zip64 (over 4 GiB): not supported");
    if (m.offset + kLocalHeaderBytes > directory_offset)
      return Fail(error, "member " + m.name + " has its local header outside the archive's data");
    pos = next;
    if (!m.name.empty() && m.name.back() == '/') continue;
    members->push_back(std::move(m));
  }
  return true;
}

bool ReadZipMember(std::string_view archive, const ZipMember& member, ByteSink* out, std::string* error) {
  const std::string who = "member " + member.name + ": ";
  if (member.offset > archive.size() || archive.size() - member.offset < kLocalHeaderBytes ||
      ReadLittleEndian32(archive, member.offset) != kLocalHeaderSignature)
    return Fail(error, who + "expected a local file header (PK\\3\\4) at byte " + std::to_string(member.offset));
  if (member.flags & 1) return Fail(error, who + "encrypted: not supported");
  const uint64_t start = member.offset + kLocalHeaderBytes + ReadLittleEndian16(archive, member.offset + 26) +
                         ReadLittleEndian16(archive, member.offset + 28);
  if (start > archive.size() || archive.size() - start < member.compressed_size)
    return Fail(error, who + "its " + std::to_string(member.compressed_size) + " bytes run past the end of the archive");
  const std::string_view data = archive.substr(start, member.compressed_size);

  // Check size and CRC-32 on the way out, whatever the method.
  class CheckingSink : public ByteSink {
   public:
    CheckingSink(ByteSink* inner, uint64_t expected) : inner_(inner), expected_(expected) {}
    bool Write(std::string_view bytes, std::string* error) override {
      if (bytes.size() > expected_ - written_) {
        *error = "zip: member holds more bytes than its directory entry says";
        return false;
      }
      written_ += bytes.size();
      crc_ = crc32_z(crc_, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size());
      return inner_->Write(bytes, error);
    }
    uint64_t written_ = 0;
    uLong crc_ = crc32_z(0, nullptr, 0);

   private:
    ByteSink* inner_;
    uint64_t expected_;
  } checked(out, member.size);

  if (member.method == kStored) {
    if (member.compressed_size != member.size) return Fail(error, who + "stored member with differing sizes");
    if (!CopyStored(data, &checked, error)) return false;
  } else if (member.method == kDeflated) {
    z_stream z{};
    if (inflateInit2(&z, -15) != Z_OK) return Fail(error, "could not initialise zlib");
    std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&z, inflateEnd);
    auto buffer = std::make_unique<char[]>(io::kOutputChunkBytes);
    std::string_view rest = data;
    for (;;) {
      const size_t chunk = std::min<size_t>(rest.size(), 1u << 30);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(rest.data()));
      z.avail_in = static_cast<uInt>(chunk);
      z.next_out = reinterpret_cast<Bytef*>(buffer.get());
      z.avail_out = static_cast<uInt>(io::kOutputChunkBytes);
      const int status = inflate(&z, Z_NO_FLUSH);
      rest.remove_prefix(chunk - z.avail_in);
      const size_t produced = io::kOutputChunkBytes - z.avail_out;
      if (produced > 0 && !checked.Write(std::string_view(buffer.get(), produced), error)) return false;
      if (status == Z_STREAM_END) break;
      if (status == Z_OK) continue;
      if (status == Z_BUF_ERROR && produced > 0) continue;
      if (status == Z_BUF_ERROR) return Fail(error, who + "deflate data ends early");
      return Fail(error, who + "corrupt deflate data: " + (z.msg ? z.msg : std::to_string(status)));
    }
  } else {
    return Fail(error, who + "compression method " + std::to_string(member.method) +
                           " is not supported (expected 0 stored or 8 deflate)");
  }
  if (checked.written_ != member.size)
    return Fail(error, who + std::to_string(checked.written_) + " bytes read, the directory says " + std::to_string(member.size));
  if (checked.crc_ != member.crc32) return Fail(error, who + "CRC-32 mismatch: the member is damaged");
  return true;
}

}  // namespace clusop
