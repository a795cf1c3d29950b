// clusop._core: the C entry points of the core (core/include/clusop/clusop.h), as they are.
// JSON requests in, the core's JSON answers out, event-log bytes fed as a stream: no analysis
// happens on the Python side.
#include <Python.h>
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <atomic>
#include <cstddef>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "analysis/input_kind.hpp"
#include "cli_main.hpp"
#include "clusop/clusop.h"
#include "io/codec.hpp"
#include "io/zip_archive.hpp"

namespace clusop {
extern const char* const kEmbeddedPriceTable;  // pricing/price_table.json, compiled into the core
}

namespace nb = nanobind;

namespace {

// The core's answer as UTF-8 bytes, exactly as it wrote them; frees the core's copy.
nb::bytes TakeAnswer(char* out) {
  if (out == nullptr) throw std::bad_alloc();
  std::string answer(out);
  clusop_free(out);
  return nb::bytes(answer.data(), answer.size());
}

// The GIL is released while the core works, so a watch thread analysing a plan never blocks
// the notebook.
nb::bytes Analyze(nb::bytes request) {
  std::string in(request.c_str(), request.size());
  char* out = nullptr;
  {
    nb::gil_scoped_release release;
    out = clusop_analyze(in.data(), in.size());
  }
  return TakeAnswer(out);
}

nb::bytes Layout(nb::bytes request) {
  std::string in(request.c_str(), request.size());
  char* out = nullptr;
  {
    nb::gil_scoped_release release;
    out = clusop_layout(in.data(), in.size());
  }
  return TakeAnswer(out);
}

// Findings made elsewhere (the Python face's @rule functions) merged, priced and ranked as a
// scan ranks its own (clusop_rank).
std::string Rank(nb::handle request) {
  std::string in;
  if (nb::isinstance<nb::bytes>(request)) {
    nb::bytes b = nb::borrow<nb::bytes>(request);
    in.assign(b.c_str(), b.size());
  } else if (nb::isinstance<nb::str>(request)) {
    in = nb::borrow<nb::str>(request).c_str();
  } else {
    throw nb::type_error("rank: request must be bytes or str (JSON)");
  }
  char* out = nullptr;
  {
    nb::gil_scoped_release release;
    out = clusop_rank(in.data(), in.size());
  }
  if (out == nullptr) throw std::bad_alloc();
  std::string answer(out);
  clusop_free(out);
  return answer;
}

// Signals from many clusters merged, judged and priced (clusop_signals, "clusop.signals/1").
std::string Signals(const std::string& request) {
  char* out = nullptr;
  {
    nb::gil_scoped_release release;
    out = clusop_signals(request.data(), request.size());
  }
  if (out == nullptr) throw std::bad_alloc();
  std::string answer(out);
  clusop_free(out);
  return answer;
}

// Two runs of one job compared (clusop_compare, "clusop.compare/1"): the loop's before/after table.
std::string Compare(const std::string& request) {
  char* out = nullptr;
  {
    nb::gil_scoped_release release;
    out = clusop_compare(request.data(), request.size());
  }
  if (out == nullptr) throw std::bad_alloc();
  std::string answer(out);
  clusop_free(out);
  return answer;
}

// The whole scan's document from each application's stream answer and what the listing met:
// the core words every error (clusop_scan_document).
nb::bytes ScanDocument(nb::bytes request) {
  std::string in(request.c_str(), request.size());
  char* out = nullptr;
  {
    nb::gil_scoped_release release;
    out = clusop_scan_document(in.data(), in.size());
  }
  return TakeAnswer(out);
}

// What the first bytes of an input are, as the core decides it for every face (empty,
// plan_text, event_line, event_log, compressed, zip_archive, binary).
std::string InputKind(nb::bytes head, bool whole) {
  std::string_view bytes(head.c_str(), head.size());
  if (bytes.size() > clusop::kInputKindHeadBytes) bytes = bytes.substr(0, clusop::kInputKindHeadBytes);
  return clusop::InputKindName(clusop::DecideInputKind(bytes, whole));
}

// Why input whose first bytes are these cannot start an event log, in the core's words (empty,
// binary noise, plan or other text); "" when they can.
std::string Refusal(nb::bytes head, bool whole) {
  std::string_view bytes(head.c_str(), head.size());
  if (bytes.size() > clusop::kInputKindHeadBytes) bytes = bytes.substr(0, clusop::kInputKindHeadBytes);
  return std::string(clusop::NotAnEventLogReason(clusop::DecideInputKind(bytes, whole)));
}

// A contiguous view of bytes, bytearray or memoryview, held for the duration of a call (the
// exporter cannot resize or free it meanwhile, so the GIL can be released while it is read).
class HeldBuffer {
 public:
  explicit HeldBuffer(nb::handle obj) {
    if (PyObject_GetBuffer(obj.ptr(), &view_, PyBUF_SIMPLE) != 0) throw nb::python_error();
  }
  ~HeldBuffer() { PyBuffer_Release(&view_); }
  HeldBuffer(const HeldBuffer&) = delete;
  HeldBuffer& operator=(const HeldBuffer&) = delete;
  const char* data() const { return static_cast<const char*>(view_.buf); }
  size_t size() const { return static_cast<size_t>(view_.len); }

 private:
  Py_buffer view_{};
};

// A zip archive's file members, read by the core's zip reader (io/zip_archive.hpp) so that every
// face reads an archive alike: (index, name, uncompressed size). ValueError with the core's
// words when it is not a readable zip.
std::vector<std::tuple<size_t, std::string, uint64_t>> ZipMembers(nb::handle archive) {
  HeldBuffer bytes(archive);
  std::vector<clusop::ZipMember> members;
  std::string error;
  bool ok = false;
  {
    nb::gil_scoped_release release;
    ok = clusop::ListZipMembers(std::string_view(bytes.data(), bytes.size()), &members, &error);
  }
  if (!ok) throw nb::value_error(error.c_str());
  std::vector<std::tuple<size_t, std::string, uint64_t>> out;
  for (size_t i = 0; i < members.size(); ++i) out.emplace_back(i, members[i].name, members[i].size);
  return out;
}

// Hands inflated bytes of a zip member to a stream; the first bytes of an application are
// first shown to the core's input-kind decision, as the command line does.
class StreamSink : public clusop::ByteSink {
 public:
  StreamSink(clusop_stream* stream, bool check_first, uint64_t total) : stream_(stream), check_(check_first), total_(total) {}
  bool Write(std::string_view bytes, std::string* error) override {
    if (check_) {
      check_ = false;
      const std::string_view head = bytes.substr(0, clusop::kInputKindHeadBytes);
      reason_ = clusop::NotAnEventLogReason(clusop::DecideInputKind(head, bytes.size() == total_));
      if (!reason_.empty()) {
        refused_ = true;
        *error = reason_;
        return false;
      }
    }
    fed_ += bytes.size();
    if (clusop_stream_feed(stream_, bytes.data(), bytes.size()) != 0) {
      stopped_ = true;
      *error = "the stream stopped";
      return false;
    }
    return true;
  }
  bool refused() const { return refused_; }
  bool stopped() const { return stopped_; }
  uint64_t fed() const { return fed_; }
  const std::string& reason() const { return reason_; }

 private:
  clusop_stream* stream_;
  bool check_;
  uint64_t total_;
  uint64_t fed_ = 0;
  bool refused_ = false;
  bool stopped_ = false;
  std::string reason_;
};

// One application's event-log stream (clusop_stream_*). Each call releases the GIL, so
// applications fed from several threads decode in parallel. One stream is fed by one thread at
// a time: a second concurrent call is refused rather than racing inside the core.
class Stream {
 public:
  explicit Stream(nb::bytes request) {
    stream_ = clusop_stream_open(request.c_str(), request.size());
    if (stream_ == nullptr) throw std::bad_alloc();
  }
  ~Stream() {
    if (stream_ != nullptr) clusop_free(clusop_stream_finish(stream_));
  }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  bool NextFile(const std::string& name) {
    Claim claim(this);
    int rc = 0;
    {
      nb::gil_scoped_release release;
      rc = clusop_stream_next_file(stream_, name.data(), name.size());
    }
    return rc == 0;
  }

  bool Feed(nb::handle chunk) {
    HeldBuffer bytes(chunk);
    Claim claim(this);
    int rc = 0;
    {
      nb::gil_scoped_release release;
      rc = clusop_stream_feed(stream_, bytes.data(), bytes.size());
    }
    return rc == 0;
  }

  // Feeds member `index` of a zip archive (bytes, bytearray, memoryview or mmap), inflated as it
  // is read. Returns (outcome, detail): ("ok", ""), ("refused", the core's reason), ("stopped",
  // ""), ("error", the zip reader's words), ("empty", "") when the member held no byte.
  std::tuple<std::string, std::string> FeedZipMember(nb::handle archive, size_t index, bool check_first) {
    HeldBuffer bytes(archive);
    Claim claim(this);
    std::string error;
    std::string outcome = "ok";
    std::string detail;
    {
      nb::gil_scoped_release release;
      const std::string_view all(bytes.data(), bytes.size());
      std::vector<clusop::ZipMember> members;
      if (!clusop::ListZipMembers(all, &members, &error)) {
        outcome = "error";
        detail = error;
      } else if (index >= members.size()) {
        outcome = "error";
        detail = "zip: no member " + std::to_string(index);
      } else {
        StreamSink sink(stream_, check_first, members[index].size);
        if (!clusop::ReadZipMember(all, members[index], &sink, &error)) {
          if (sink.refused()) {
            outcome = "refused";
            detail = sink.reason();
          } else if (sink.stopped()) {
            outcome = "stopped";
          } else {
            outcome = "error";
            detail = error;
          }
        } else if (check_first && sink.fed() == 0 && !sink.refused()) {
          outcome = "empty";
        }
      }
    }
    return {outcome, detail};
  }

  nb::bytes Finish() {
    Claim claim(this);
    clusop_stream* s = stream_;
    stream_ = nullptr;
    char* out = nullptr;
    {
      nb::gil_scoped_release release;
      out = clusop_stream_finish(s);
    }
    return TakeAnswer(out);
  }

  bool finished() const { return stream_ == nullptr; }

 private:
  // Marks the stream busy for one call; refuses a finished or busy stream.
  class Claim {
   public:
    explicit Claim(Stream* s) : s_(s) {
      if (s_->stream_ == nullptr) throw std::runtime_error("clusop: this stream is already finished");
      if (s_->busy_.exchange(true)) throw std::runtime_error("clusop: this stream is being fed by another thread");
    }
    ~Claim() { s_->busy_.store(false); }
    Claim(const Claim&) = delete;
    Claim& operator=(const Claim&) = delete;

   private:
    Stream* s_;
  };

  clusop_stream* stream_ = nullptr;
  std::atomic<bool> busy_{false};
};

// Python's own buffered output goes out before the C++ command line writes to fd 1 and 2, and
// after it, so the two never interleave out of order.
void FlushPythonStreams() {
  nb::module_ sys = nb::module_::import_("sys");
  for (const char* name : {"stdout", "stderr"}) {
    nb::object stream = sys.attr(name);
    if (!stream.is_none()) stream.attr("flush")();
  }
}

// The C++ command line (cli/cli_main.cpp) in this process: argv[0] is the program name. The GIL
// is released while it runs (a scan reads applications on threads of its own).
int RunCli(const std::vector<std::string>& args) {
  if (args.empty()) throw nb::value_error("run_cli: argv must hold at least the program name");
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  for (std::string& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  FlushPythonStreams();
  int rc = 0;
  {
    nb::gil_scoped_release release;
    rc = clusop_cli_main(static_cast<int>(copy.size()), argv.data());
  }
  FlushPythonStreams();
  return rc;
}

}  // namespace

NB_MODULE(_core, m) {
  m.doc() = "The clusop core's C entry points: JSON request bytes in, JSON answer bytes out; event logs as a stream.";
  m.def("analyze", &Analyze, nb::arg("request"),
        "Analyses one clusop request (UTF-8 JSON bytes); returns the clusop.analysis/1 answer bytes.");
  m.def("layout", &Layout, nb::arg("request"),
        "Groups listed paths into applications and orders their parts (clusop_layout); returns "
        "the clusop.layout/1 answer bytes.");
  m.def("rank", &Rank, nb::arg("request"),
        "Recommendations from elsewhere merged, priced and ranked as a scan ranks its own "
        "(clusop_rank): {\"application\", \"recommendations\"} as bytes or str in, the clusop.scan/1 JSON text out.");
  m.def("compare", &Compare, nb::arg("request"),
        "Two runs of one job compared (clusop_compare): {\"before\", \"after\": clusop.scan/1 applications, "
        "\"rules\"} as str in, the clusop.compare/1 JSON text out.");
  m.def("signals", &Signals, nb::arg("request"),
        "Signals merged, ranked or reconciled (clusop_signals): a clusop.signals/1 request as str in, "
        "the answer's JSON text out.");
  m.def("scan_document", &ScanDocument, nb::arg("request"),
        "The clusop.scan/1 document of a scan read one stream per application, its errors worded "
        "by the core (clusop_scan_document); returns the answer bytes.");
  m.def("zip_members", &ZipMembers, nb::arg("archive"),
        "The file members of a zip archive as the core reads them: [(index, name, size)]; "
        "ValueError naming what is wrong when it is not a readable zip.");
  m.def("refusal", &Refusal, nb::arg("head"), nb::arg("whole"),
        "Why input starting with these bytes cannot be an event log, in the core's words; '' when it can.");
  m.def("input_kind", &InputKind, nb::arg("head"), nb::arg("whole"),
        "What an input's first bytes are (the core's decision); whole: head is the entire input.");
  m.def("price_table", []() { return std::string(clusop::kEmbeddedPriceTable); },
        "The price table compiled into the core (clusop.price_table/1 JSON text).");
  m.def("run_cli", &RunCli, nb::arg("argv"),
        "Runs the C++ command line (`clusop analyze|scan|request ...`) in this process, writing to "
        "file descriptors 1 and 2 as the binary does; argv[0] is the program name. Returns the exit status.");
  m.def("words", [](const std::string& request) {
        char* out = clusop_words(request.data(), request.size());
        if (!out) throw std::bad_alloc();
        std::string text(out);
        clusop_free(out);
        return text;
      }, nb::arg("request"),
        "The words of figures kept as numbers (clusop_words): {\"figures\": [{\"kind\", \"value\"}]} as str in, "
        "the clusop.words/1 JSON text out.");
  m.def("version", []() { return std::string(clusop_version()); }, "The core's version.");
  m.def("vocabulary", []() {
        char* out = clusop_vocabulary();
        if (!out) throw std::bad_alloc();
        std::string text(out);
        clusop_free(out);
        return text;
      }, "The core's words for its codes (clusop.vocabulary/1 JSON text).");

  nb::class_<Stream>(m, "Stream",
                     "One application's event log fed as a stream (clusop_stream_open/next_file/feed/finish).")
      .def(nb::init<nb::bytes>(), nb::arg("request"),
           "Opens a stream; the request is the open request of clusop.h (JSON bytes).")
      .def("next_file", &Stream::NextFile, nb::arg("name"),
           "Starts the next file of the application; False once the stream failed.")
      .def("feed", &Stream::Feed, nb::arg("chunk"),
           "Feeds the next bytes (bytes, bytearray or memoryview) of the current file, GIL released; "
           "False once the stream failed.")
      .def("feed_zip_member", &Stream::FeedZipMember, nb::arg("archive"), nb::arg("index"), nb::arg("check_first"),
           "Feeds a zip archive's member, inflated by the core as it is read (GIL released); "
           "returns (outcome, detail): ok, refused (the core's reason), stopped, error (message), empty.")
      .def("finish", &Stream::Finish,
           "Ends the stream; returns the clusop.scan/1 answer bytes of this application.")
      .def_prop_ro("finished", &Stream::finished);
}
