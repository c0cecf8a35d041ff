"""Output names derived from input names or URLs: always inside the output root, never shared.

A name that tries to leave the root (`..`, an absolute path, a drive letter, a NUL) is
refused. A URL maps to `host/path`. Whenever the output name is not exactly the input name
(every URL, whose scheme, port and query a path cannot hold; an unsafe or upper-case
character; an over-long segment; a device name) a short hash of the original is added, so
two different names never map to the same file, even on case-insensitive file systems.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import OutputPathError

MAX_SEGMENT_CHARS = 120
# Deeper or longer names are refused: the file system would (ENAMETOOLONG), midway through a run.
MAX_SEGMENTS = 32
MAX_NAME_CHARS = 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_DRIVE = re.compile(r"^[A-Za-z]:")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_PORTS = (f"{port}{i}" for port in ("com", "lpt") for i in range(10))
_RESERVED = frozenset(("con", "prn", "aux", "nul", *_PORTS))


def safe_output_path(root: Path, name: str) -> Path:
    """The path under `root` for an input called `name` (a relative path or a URL)."""
    if not name or "\0" in name:
        raise OutputPathError(f"{name!r}: not a usable name (empty or contains NUL)")
    is_url = bool(_URL.match(name))
    parts = _url_parts(name) if is_url else _path_parts(name)
    segments = [_safe_segment(part) for part in parts]
    if len(segments) > MAX_SEGMENTS or sum(map(len, segments)) > MAX_NAME_CHARS:
        raise OutputPathError(
            f"{name[:60]!r}...: deeper than {MAX_SEGMENTS} folders or longer than {MAX_NAME_CHARS} characters"
        )
    if is_url or name != "/".join(segments):
        segments[-1] = _with_digest(segments[-1], name)
    target = root.joinpath(*segments)
    if not target.resolve().is_relative_to(root.resolve()):
        raise OutputPathError(f"{name!r}: leads outside the output directory")
    return target


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename: no reader sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _path_parts(name: str) -> list[str]:
    """Segments of a relative input path; anything that climbs or is absolute is refused."""
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        raise OutputPathError(f"{name!r}: absolute paths are refused")
    parts = [part for part in re.split(r"[/\\]+", name) if part not in ("", ".")]
    if ".." in parts:
        raise OutputPathError(f"{name!r}: '..' is refused")
    if not parts:
        raise OutputPathError(f"{name!r}: no file name in it")
    return parts


def _url_parts(url: str) -> list[str]:
    """host, then the decoded path segments; a query goes into the hash, not the name."""
    split = urlsplit(url)
    host = (split.hostname or "").lower()
    if not host:
        raise OutputPathError(f"{url!r}: a URL without a host")
    segments = [unquote(part) for part in split.path.split("/")]
    if any(part in ("..", ".") or "/" in part or "\\" in part or "\0" in part for part in segments):
        raise OutputPathError(f"{url!r}: '..', '.' or a separator inside a URL path is refused")
    parts = [host, *(part for part in segments if part)]
    if split.path.endswith("/") or len(parts) == 1:
        parts.append("index")
    return parts


def _safe_segment(part: str) -> str:
    """ASCII, lower case (case-insensitive file systems), no leading dot, not a device name."""
    safe = _UNSAFE.sub("_", part).lower()[:MAX_SEGMENT_CHARS].lstrip(".") or "_"
    return safe + "_" if safe.split(".")[0] in _RESERVED else safe


def _with_digest(segment: str, name: str) -> str:
    """`page.html` -> `page-1a2b3c4d5e.html`: the hash of the original keeps names apart."""
    digest = short_hash(name)
    stem, dot, suffix = segment.rpartition(".")
    return f"{stem}-{digest}.{suffix}" if dot and stem else f"{segment}-{digest}"


def short_hash(text: str) -> str:
    """Ten hex digits of the original name: what keeps two outputs apart."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
