"""Output sinks: JSON Lines (stdout or file, `.gz` by suffix), a mirrored directory of .txt (or
.md, .xml) + .json, plain text, Markdown or XML documents to stdout or one file, or Parquet. File
outputs commit in checkpointed steps, so a killed run resumes."""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import CleanerError, OutputPathError
from ..formats import EXTENSIONS, XML_DECLARATION, render_record
from ..schema import ALWAYS_FIELDS
from .checkpoint import Checkpoint
from .paths import safe_output_path, short_hash, write_atomic
from .readers import InputRecord

TEXT_FORMATS = tuple(EXTENSIONS)  # txt, markdown, xml: one file each in a directory, else one stream
FORMATS = ("jsonl", "dir", "parquet", *TEXT_FORMATS)
# Between two documents of a text format in one stream: txt a form feed line (the plain-text page
# break), Markdown a blank line (each document opens with its `---` front matter), XML nothing.
SEPARATORS = {"txt": "\f\n", "markdown": "\n", "xml": ""}
XML_ROOT = "docs"  # the root that holds one <doc> per document in a single XML stream
ALWAYS = ALWAYS_FIELDS  # what --fields always keeps
REFUSED = "_refused"  # where directory output puts the records whose names cannot be paths


class OutputError(CleanerError):
    """The output cannot be written (disk full, no permission, a closed stream); the run stops."""

    kind = "output"


@contextmanager
def writing(where: object) -> Iterator[None]:
    """Turn a failed write into one line naming the output and the system's reason. A broken
    pipe passes through: the command treats it as its reader having had enough, like any Unix tool."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as err:
        raise OutputError(f"cannot write {where}: {err.strerror or err}") from None


def json_bytes(record: dict[str, Any], indent: int | None = None) -> bytes:
    """A record as UTF-8 JSON. A lone surrogate (a file name that is not UTF-8, a JSON field with
    half a pair) has no UTF-8 form, so such a record is written with \\u escapes instead: still
    valid JSON, and it reads back to the same strings."""
    try:
        return json.dumps(record, ensure_ascii=False, indent=indent).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(record, indent=indent).encode("ascii")


def check_format(fmt: str | None) -> None:
    """Refuse an unknown --format in one line, before anything is read or written."""
    if fmt is not None and fmt not in FORMATS:
        raise CleanerError(f"--format: unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def writes_directory(fmt: str, output: str | None) -> bool:
    """True when the output is a directory of files: the dir format, or a text format whose OUTPUT
    is a directory (an existing one, or a name ending in / or without a suffix)."""
    if fmt == "dir":
        return True
    if fmt not in TEXT_FORMATS or not output or output == "-":
        return False
    return output.endswith(("/", os.sep)) or Path(output).is_dir() or not Path(output.removesuffix(".gz")).suffix


def pick_format(output: str | None, fmt: str | None) -> str:
    """The output format: as given, else from OUTPUT (.parquet, .jsonl[.gz], else a directory)."""
    if fmt:
        return fmt
    if not output or output == "-":
        return "jsonl"
    if output.endswith(".parquet"):
        return "parquet"
    name = output.removesuffix(".gz")
    if Path(output).is_dir() or not Path(name).suffix:
        return "dir"
    return "jsonl"


def select_fields(record: dict[str, Any], fields: tuple[str, ...], include_removed: bool) -> dict[str, Any]:
    """The record with only the chosen fields (source, status and error always stay)."""
    if fields:
        record = {key: value for key, value in record.items() if key in fields or key in ALWAYS}
    if not include_removed:
        record.pop("removed", None)
    return record


class JsonlSink:
    """JSON Lines to stdout or a file; a file grows in committed steps (one gzip member each)."""

    def __init__(self, output: str | None, checkpoint: Checkpoint | None):
        self.path = None if output in (None, "-") else Path(output)
        self.checkpoint = checkpoint
        self.gz = bool(self.path and self.path.suffix == ".gz")
        self.lines: list[bytes] = []
        self.stream: BinaryIO = sys.stdout.buffer if self.path is None else self._open(self.path)

    def _open(self, path: Path) -> BinaryIO:
        path.parent.mkdir(parents=True, exist_ok=True)
        offset = self.checkpoint.offset if self.checkpoint else 0
        if offset and (not path.exists() or path.stat().st_size < offset):
            raise CleanerError(f"{path}: shorter than its checkpoint says; pass --restart to start over")
        stream = open(path, "r+b") if offset and path.exists() else open(path, "wb")  # noqa: SIM115
        stream.truncate(offset)
        stream.seek(offset)
        return stream

    def write(self, record: dict[str, Any], item: InputRecord) -> dict[str, Any]:
        self.lines.append(json_bytes(record) + b"\n")
        if self.path is None:
            self.commit([])
        return record

    def commit(self, sources: list[str], errors: int = 0) -> None:
        """Write out what is buffered, then record it (and `sources`) as done."""
        data = b"".join(self.lines)
        self.lines.clear()
        with writing(self.path or "to standard output"):
            if data:
                self.stream.write(gzip.compress(data, mtime=0) if self.gz else data)
            self.stream.flush()
        if self.checkpoint:
            self.checkpoint.commit(self.stream.tell(), sources, errors)

    def close(self, complete: bool = True) -> None:
        """Close a file output; when the run already failed, a second error here is not news."""
        if self.stream is sys.stdout.buffer:
            return
        try:
            with writing(self.path):
                self.stream.close()
        except CleanerError:
            if complete:
                raise


class TextSink(JsonlSink):
    """Plain text, Markdown or XML documents one after another, to stdout or one file: txt
    separates them with a form feed line, Markdown opens each with its front matter, XML puts one
    `<doc>` per document inside one `<docs>` root. Every record is one document; an error is an
    empty one in txt, front matter or a `<doc>` with its status and error in Markdown and XML."""

    def __init__(self, output: str | None, checkpoint: Checkpoint | None, fmt: str):
        super().__init__(output, checkpoint)
        self.fmt = fmt
        self.first = not (checkpoint and checkpoint.offset)  # a resumed file already holds documents
        if self.first and fmt == "xml":
            self.lines.append(f"{XML_DECLARATION}<{XML_ROOT}>\n".encode())

    def write(self, record: dict[str, Any], item: InputRecord) -> dict[str, Any]:
        text = render_record(self.fmt, record)
        if self.fmt == "txt" and text:
            text += "\n"
        separator = "" if self.first else SEPARATORS[self.fmt]
        self.first = False
        self.lines.append((separator + text).encode("utf-8", "replace"))
        if self.path is None:
            self.commit([])
        return record

    def close(self, complete: bool = True) -> None:
        """XML's closing root tag goes after the last commit, so a resumed run rewrites it."""
        if self.fmt == "xml":
            closing = f"</{XML_ROOT}>\n".encode()
            try:
                with writing(self.path or "to standard output"):
                    self.stream.write(gzip.compress(closing, mtime=0) if self.gz else closing)
                    self.stream.flush()
            except (CleanerError, BrokenPipeError):
                if complete:
                    raise
        super().close(complete)


class DirSink:
    """One `.txt` (clean text; `.md` or `.xml` for those formats) and one `.json` (everything else)
    per record, mirroring the input tree; each file is written to a temporary name and renamed, so
    none is ever half-written. An error record has its `.json` only, with status "error"."""

    def __init__(self, output: str, checkpoint: Checkpoint | None, fmt: str = "txt"):
        if not output or output == "-":
            raise CleanerError("directory output needs -o DIRECTORY")
        self.root = Path(output)
        self.root.mkdir(parents=True, exist_ok=True)
        self.checkpoint = checkpoint
        self.fmt = fmt
        self.shown = ("text",) if fmt == "txt" else ("text", "blocks")  # what the body file holds

    def write(self, record: dict[str, Any], item: InputRecord) -> dict[str, Any]:
        """Write the record under its input's name; a name that cannot be a path (`..`, NUL, too
        deep) makes it an error record under `_refused/<hash of its source>`. Returns what was
        written."""
        try:
            target = self.target(item)
        except OutputPathError as err:
            record = {**record, "status": "error", "error_kind": err.kind, "error": f"OutputPathError: {err}"}
            record.pop("text", None)
            target = self.root / REFUSED / short_hash(item.source)
        meta = {key: value for key, value in record.items() if key not in self.shown}
        with writing(target):
            if "text" in record:
                write_atomic(target.with_name(target.name + EXTENSIONS[self.fmt]), self.body(record))
            write_atomic(target.with_name(target.name + ".json"), json_bytes(meta, indent=2) + b"\n")
        return record

    def body(self, record: dict[str, Any]) -> bytes:
        """The document's file: its text, or a Markdown or XML document (with its declaration)."""
        if self.fmt == "txt":
            return (record["text"] + "\n").encode("utf-8", "replace")
        head = XML_DECLARATION if self.fmt == "xml" else ""
        return (head + render_record(self.fmt, record)).encode("utf-8", "replace")

    def target(self, item: InputRecord) -> Path:
        """Its input's relative name, with a short hash when another input took that name."""
        target = safe_output_path(self.root, item.name or item.source)
        if owner(target.with_name(target.name + ".json")) not in (None, item.source):
            target = target.with_name(f"{target.name}-{short_hash(item.source)}")
        return target

    def commit(self, sources: list[str], errors: int = 0) -> None:
        if self.checkpoint:
            self.checkpoint.commit(0, sources, errors)

    def close(self, complete: bool = True) -> None:
        pass


def owner(meta_path: Path) -> str | None:
    """The source recorded in an existing .json output, if any."""
    try:
        return json.loads(meta_path.read_text(encoding="utf-8")).get("source")
    except (OSError, ValueError, AttributeError):
        return None
