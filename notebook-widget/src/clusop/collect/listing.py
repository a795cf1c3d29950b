"""What a collector hands the core: the names of the files it found (a local path or a URL such
as ``s3://bucket/key``), their sizes, what the listing met (problems for the core to word, as
clusop.scan reports them), and a picklable :class:`Reader` that opens any of those names again,
on this machine or on a Spark executor. Collectors list and fetch bytes; what the files are
(application grouping, part order, codec) is the core's decision (clusop_layout, the stream)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional

# {"path", "problem", "reason"}: the listing problems clusop_scan_document words
Issue = Dict[str, str]


def issue(path: str, problem: str, reason: str = "") -> Issue:
    return {"path": path, "problem": problem, "reason": reason}


@dataclass(frozen=True)
class LogFile:
    """One file to feed the core. A zip member names its archive (``archive``) and its index in
    the core's zip reader; its ``name`` is ``<archive>/<member>``, as clusop.scan names it."""

    name: str
    size: int
    archive: Optional[str] = None
    zip_index: Optional[int] = None


def scheme(name: str) -> str:
    """The URL scheme of a name ('' for a local path)."""
    head, sep, _ = name.partition("://")
    return head.lower() if sep and head.isalnum() else ""


@dataclass(frozen=True)
class Reader:
    """Opens listed names: local paths with open(), URLs through fsspec with the storage options
    given per scheme (``{"s3": {"endpoint_url": ...}}``). Picklable, so executors open the files
    themselves: bytes never travel through the driver."""

    storage_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def filesystem(self, url: str):
        import fsspec

        proto = scheme(url)
        return fsspec.filesystem(proto, **dict(self.storage_options.get(proto, {})))

    def open(self, name: str):
        """A binary stream with readinto()."""
        if not scheme(name):
            return open(name, "rb")
        return self.filesystem(name).open(name, "rb")

    def open_archive(self, archive: str):
        """A context manager giving the whole archive addressable (the zip reader needs its end):
        a local file mapped, a remote one fetched into memory."""
        from .._scan_inputs import _Held, _MappedFile

        if not scheme(archive):
            return _MappedFile(archive)
        return _Held(memoryview(self.filesystem(archive).cat_file(archive)))


@dataclass
class Listing:
    files: List[LogFile] = field(default_factory=list)
    issues: List[Issue] = field(default_factory=list)
    reader: Reader = field(default_factory=Reader)

    def extend(self, other: "Listing") -> None:
        seen = {f.name for f in self.files}
        self.files.extend(f for f in other.files if f.name not in seen)
        self.issues.extend(other.issues)
        merged = dict(self.reader.storage_options)
        merged.update(other.reader.storage_options)
        self.reader = Reader(merged)

    @property
    def bytes(self) -> int:
        return sum(f.size for f in self.files)
