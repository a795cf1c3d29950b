// clusop_zip_entries (clusop.h): a zip archive's entries from its last bytes, for a face that
// cannot hold the archive (the browser slices the tail of a File, then each entry's bytes, and
// feeds them to a stream: the SniffingDecoder reads an entry from its local header on).
#include <algorithm>
#include <string>
#include <vector>

#include "api/c_string.hpp"
#include "clusop/clusop.h"
#include "io/zip_archive.hpp"
#include "report/json_writer.hpp"

namespace clusop {
namespace {

constexpr const char* kZipSchema = "clusop.zip/1";

std::string Answer(std::string_view tail, double archive_size) {
  JsonWriter w(0);
  w.BeginObject();
  w.Key("schema").String(kZipSchema);
  if (!(archive_size >= static_cast<double>(tail.size())) || archive_size > 9007199254740992.0) {
    w.Key("error").BeginObject().Key("code").String("bad_request");
    w.Key("message").String("archive_size: expected the archive's size in bytes, at least the tail's length").EndObject();
    return w.EndObject().Take();
  }
  const uint64_t size = static_cast<uint64_t>(archive_size);
  std::vector<ZipMember> members;
  std::string error;
  uint64_t need = 0;
  uint64_t directory = 0;
  if (!ListZipMembersFromTail(tail, size, &members, &error, &need, &directory)) {
    if (need > 0) {
      w.Key("need").Int(static_cast<int64_t>(need));
    } else {
      w.Key("error").BeginObject().Key("code").String("not_a_zip").Key("message").String(error).EndObject();
    }
    return w.EndObject().Take();
  }
  // Each entry's bytes run from its local header to the next entry's (or the directory): the
  // slice a face feeds, header, data and data descriptor together.
  std::vector<uint64_t> starts;
  for (const ZipMember& m : members) starts.push_back(m.offset);
  std::sort(starts.begin(), starts.end());
  w.Key("entries").BeginArray();
  for (const ZipMember& m : members) {
    const auto next = std::upper_bound(starts.begin(), starts.end(), m.offset);
    const uint64_t end = next != starts.end() ? *next : directory;
    w.BeginObject();
    w.Key("name").String(m.name);
    w.Key("start").Int(static_cast<int64_t>(m.offset));
    w.Key("end").Int(static_cast<int64_t>(end));
    w.Key("compressed_size").Int(static_cast<int64_t>(m.compressed_size));
    w.Key("size").Int(static_cast<int64_t>(m.size));
    w.EndObject();
  }
  w.EndArray();
  return w.EndObject().Take();
}

}  // namespace
}  // namespace clusop

extern "C" char* clusop_zip_entries(const char* tail, size_t tail_length, double archive_size) {
  try {
    const std::string answer = clusop::Answer(std::string_view(tail ? tail : "", tail ? tail_length : 0), archive_size);
    return clusop::CopyToCString(answer);
  } catch (...) {
    return nullptr;
  }
}
