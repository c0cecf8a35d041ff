"""Output names from input paths or URLs that can never escape the output directory."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath

from ..errors import InputError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_PART = 100


def safe_output_path(root: Path | str, name: str) -> Path:
    """`root / name` for a relative, clean name; refuses `..`, absolute paths and drive letters."""
    text = name.replace("\\", "/")
    if not text or text.startswith("/") or re.match(r"^[A-Za-z]:", text) or "\x00" in text:
        raise InputError(f"refusing output name {name!r}: not a relative path")
    parts = [part for part in PurePosixPath(text).parts if part not in ("", ".")]
    if not parts or ".." in parts:
        raise InputError(f"refusing output name {name!r}: it would leave the output directory")
    root = Path(root)
    target = root.joinpath(*(sanitise_part(part) for part in parts))
    if not target.resolve().is_relative_to(root.resolve()):
        raise InputError(f"refusing output name {name!r}: it would leave the output directory")
    return target


def sanitise_part(part: str) -> str:
    """One path component of safe characters only; long or altered components get a short hash."""
    clean = _UNSAFE.sub("_", part).strip("._") or "_"
    if clean != part or len(clean) > MAX_PART:
        clean = f"{clean[:MAX_PART]}-{short_hash(part)}"
    return clean


def name_from_url(url: str) -> str:
    """A readable relative name for a URL: host/path, with the query kept apart by a hash."""
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url, flags=re.I)
    text = text.split("#", 1)[0]
    path, _, query = text.partition("?")
    parts = [sanitise_part(p) for p in path.split("/") if p not in ("", ".", "..")] or ["_"]
    if query:
        parts[-1] = f"{parts[-1]}-{short_hash(query)}"
    return "/".join(parts)


def short_hash(text: str) -> str:
    """Eight hex digits that tell two names apart."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
