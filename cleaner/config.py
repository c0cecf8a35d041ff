"""Options for a Cleaner, fixed when it is built and shared by every document it cleans."""

from __future__ import annotations

from dataclasses import dataclass

INPUT_KINDS = ("auto", "html", "text")
MiB = 1024 * 1024


@dataclass(frozen=True)
class Config:
    """Everything that changes how documents are cleaned; the CLI builds one from its flags."""

    rule_dirs: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    bundled_rules: bool = True
    input_kind: str = "auto"
    detect_language: bool = True
    include_comments: bool = False
    # The learned line model (generic.line-model) on text dumps: opt-in, because on extracted
    # dumps it still drops about 2% of body paragraphs on some sources (cleaner/models/MODEL_CARD.md).
    line_model: bool = False
    # Limits. None turns a limit off. Over a limit, a document becomes an error.
    # 10 MiB: real article pages are well under 5 MiB (Common Crawl truncates at 1 MiB);
    # anything bigger is a data dump that would only stall extraction.
    max_input_bytes: int | None = 10 * MiB
    # 256 MiB: what one gzip stream may expand to (a gzip bomb stops here, not in memory);
    # a single gzipped document is further held to max_input_bytes.
    max_decompressed_bytes: int | None = 256 * MiB
    # 10 s per document: typical pages take 10-200 ms, a 10 MiB page a few s. Enforced in-process
    # on the main thread, and by the runner, which kills a worker stuck past it.
    max_seconds: float | None = 10.0

    def __post_init__(self) -> None:
        if self.input_kind not in INPUT_KINDS:
            raise ValueError(f"input_kind must be one of {', '.join(INPUT_KINDS)}, not {self.input_kind!r}")
        for name in ("max_input_bytes", "max_decompressed_bytes", "max_seconds"):
            value = getattr(self, name)
            if value is not None and not value > 0:
                raise ValueError(f"{name} must be positive or None, not {value!r}")
