"""Main-content extraction from an HTML tree: trafilatura, trimmed where readability disagrees.

trafilatura (fast mode: its own extractor without its readability/jusText comparison) gives the
body paragraphs. readability-lxml (trafilatura's bundled copy) then reads the same tree; when it
supports most of trafilatura's text, the leading and trailing paragraphs it does not support are
dropped: boilerplate (standfirsts, newsletter boxes, related-article lists) sits at the edges of
an extraction, while readability's misses inside the body (tables, lists) are kept. When
readability supports too little of trafilatura's text for that, but its own text lies whole inside
trafilatura's, the surplus around it goes if it holds at most one prose paragraph (a short post
with a sidebar's link table after it); and when trafilatura's text is one run-together block (a
page's text, menus and all) holding readability's, readability's is the story cut out of it.
Measured on the article-extraction benchmark (benchmarks/README.md), this edge agreement beat
trafilatura's own fallback and a paragraph-by-paragraph intersection.

trafilatura's copy of readability is trimmed for speed: one ruthless pass, no merging of an
article's sibling segments. Where trafilatura and the copy disagree (the copy holds under
MIN_AGREEMENT of trafilatura's text, is far longer, or is empty), the readability-lxml library
itself reads the pruned page and its text is the second opinion instead (about one page in six
on the benchmark, at several times the copy's cost).

Where a page spreads its text over sibling blocks (a blog's posts, a story in sections, an old
table layout's cells), trafilatura keeps one of them; when readability's text holds nearly all
of trafilatura's and adds sibling blocks with several paragraphs of prose, the library's text
is taken instead (`_with_sibling_blocks`), on every page, edges in doubt or not.

`read_page` keeps every text it read beside the rules' choice (`Readings`); the learned chooser
(cleaner/chooser.py) may then take another of them where its trees score it the better body.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass, field, replace

import lxml.html
from lxml import etree
from lxml.html import HtmlElement
from readability.readability import Unparseable
from trafilatura import extract as trafilatura_extract

from .compat.readability import Document as ReadabilityDocument
from .compat.trafilatura import bare_extraction, body_of, comments_of, extraction_options, try_readability
from .document import Paragraph, Removal
from .headline import title_key
from .leaks import looks_like_source
from .units import SENTENCE_MARKS

logger = logging.getLogger(__name__)
# The id the edge trim's removals carry: a built-in step, a rule of the set (rulebook/steps.yaml).
EDGE_TRIM_RULE = "generic.extraction-edge"
# The id the learned chooser's removals carry (cleaner/chooser.py): trafilatura's text it did not take.
CHOOSER_RULE = "generic.extraction-chooser"
# The id of paragraphs dropped as leaked script, style, JSON or template source (leaks.py).
SOURCE_TEXT_RULE = "generic.source-text"
_KINDS = {"head": "heading", "p": "paragraph", "quote": "quote", "code": "paragraph"}
# Edge agreement: readability must support this share of trafilatura's shingles before it may
# trim anything, and a paragraph counts as supported when this share of its shingles is.
MIN_AGREEMENT = 0.7
MIN_PARAGRAPH_SUPPORT = 0.5
# ... or, when readability supports less, it is (this share of its shingles) inside trafilatura's
# text and trafilatura adds no prose around it: the surplus is furniture (trim_to_contained).
MIN_HELD_SECOND = 0.8
MAX_SURPLUS_PROSE = 1
SHINGLE = 4
# A leading paragraph readability dropped is kept when it reads as prose: readability often
# misses an article's first paragraph, which sits in different markup from the rest.
MIN_LEAD_CHARS = 60
# Readability trims and replaces only when the edges are in doubt: the boilerplate it trims sits
# at an extraction's edges as headings, list items and short lines (newsletter boxes, related
# lists, "SOURCE:" and copyright lines, standfirsts). When the first and last two paragraphs
# (after a heading repeating the page's title, which the headline step removes) are long prose,
# there is nothing at the edges for it to trim; it is then asked only for sibling blocks.
EDGE_PARAGRAPHS = 2
MIN_EDGE_PROSE_CHARS = 100
# Readability's text replaces trafilatura's when it is this many times longer and holds most of
# trafilatura's shingles (trafilatura kept one block of a longer article: old table layouts,
# posts split over sibling containers). Checked when trafilatura's text is short or its edges are
# in doubt; its own fallback makes the same length comparison.
MIN_LONGER_RATIO = 2.0
MIN_CONTAINED_SHARE = 0.5
# The readability-lxml library is asked only where trafilatura and readability's copy disagree
# (`agrees`); there its text replaces trafilatura's when this many times longer (and holding it).
MIN_LIBRARY_LONGER_RATIO = 1.3
SHORT_EXTRACTION_CHARS = 2000
# When the two extractions disagree (readability holds under MIN_CONTAINED_SHARE of trafilatura's
# shingles, so one of them took the wrong block: a navigation bar, a teaser box, a sidebar),
# readability wins with at least PROSE_RATIO times trafilatura's prose (paragraphs of
# MIN_PROSE_CHARS or more ending a sentence) unless it is under 1/MAX_SHORTER_RATIO of
# trafilatura's length. Old pages write their text as bare lines with no sentence punctuation to
# count; there a third opinion decides, asked only when readability's text is ARBITER_LENGTH_RATIO
# times longer: trafilatura's full extraction (its own fallbacks) on the page's markup, which
# must share ARBITER_MARGIN more of its text with one side than with the other.
PROSE_RATIO = 2.0
MIN_PROSE_CHARS = 80
MAX_SHORTER_RATIO = 3.0
# The length bound does not hold when trafilatura's text has no prose at all and reads as a list
# (a blogroll, names or links: lines of MAX_LIST_LINE_WORDS words or fewer on average, where an old
# page's bare-line article runs longer) and readability's has at least MIN_SOLE_PROSE_CHARS of it:
# several sentences of the page's only prose.
MIN_SOLE_PROSE_CHARS = 300
MAX_LIST_LINE_WORDS = 8
ARBITER_LENGTH_RATIO = 3.0
ARBITER_MARGIN = 0.2
# Sibling blocks: readability's text replaces trafilatura's when it holds MIN_SIBLING_HELD_SHARE of
# trafilatura's shingles, is MIN_SIBLING_LONGER_RATIO times longer, and what it adds holds at least
# MIN_SIBLING_PROSE_CHARS of prose (several sentences of paragraphs: more of the article, where
# the additions it makes to news articles are captions, credits and teaser lines).
MIN_SIBLING_HELD_SHARE = 0.8
MIN_SIBLING_LONGER_RATIO = 1.1
MIN_SIBLING_PROSE_CHARS = 700
# A whole-page dump: one paragraph of at least this many characters holding this share of the
# extraction (looks_like_dump).
MIN_DUMP_CHARS = 2000
MIN_DUMP_SHARE = 0.9
_SENTENCE_END = re.compile(rf"[{SENTENCE_MARKS}»\"”’)]\s*$")
# A sentence ending anywhere in a text: a word, then its full stop, question or exclamation mark.
_SENTENCE_INSIDE = re.compile(rf"\w[{SENTENCE_MARKS}][\"”’»)]*(?:\s|$)")
_TOKEN = re.compile(r"\w+")
READABILITY_BLOCKS = (
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "tr",
    "blockquote",
    "pre",
    "td",
    "th",
)


@dataclass(frozen=True)
class ExtractOptions:
    """What extraction keeps and which of its checks run (`generic.extraction-edge`, the source-text
    filter), and what may overrule the rules' choice among the page's readings: the learned chooser
    (`cleaner.chooser.choose`, which the pipeline passes in) or, when None, nothing."""

    include_comments: bool = False
    trim_edges: bool = True
    drop_source: bool = True
    chooser: Callable[[Readings], Extraction] | None = None


DEFAULT_OPTIONS = ExtractOptions()


@dataclass
class Extraction:
    """Body paragraphs in reading order and the removals the edge trim made."""

    paragraphs: list[Paragraph]
    removed: list[Removal] = field(default_factory=list)


def extract(
    tree: HtmlElement,
    url: str | None,
    options: ExtractOptions = DEFAULT_OPTIONS,
    title: str | None = None,
    markup: str | None = None,
) -> Extraction:
    """The page's body paragraphs (see `_extract`), without source code that leaked into its text."""
    found = _extract(tree, url, options, title, markup)
    if not options.drop_source:
        return found
    leaks = [not para.code and looks_like_source(para.text) for para in found.paragraphs]
    if not any(leaks):
        return found
    kept = [para for para, leak in zip(found.paragraphs, leaks, strict=True) if not leak]
    leaked = [
        Removal(SOURCE_TEXT_RULE, "extract", p.text) for p, leak in zip(found.paragraphs, leaks, strict=True) if leak
    ]
    return Extraction(kept, [*found.removed, *leaked])


def _extract(
    tree: HtmlElement, url: str | None, options: ExtractOptions, title: str | None, markup: str | None
) -> Extraction:
    """The rules' decision (`read_page`), or the candidate the options' chooser prefers."""
    readings = read_page(tree, url, options, title, markup)
    found = options.chooser(readings) if options.chooser else readings.decided
    comments = readings.comments
    # reader comments (asked for with include_comments) follow the body; no second opinion has them
    return replace(found, paragraphs=[*found.paragraphs, *comments]) if comments else found


@dataclass
class Readings:
    """What extraction read of one page: the candidates for its body and the rules' choice among them.

    `decided` is the rules' extraction and `origin` where it came from ("trafilatura", "trimmed",
    "copy", "library"); `library` is None where the rules never asked for it (it costs several
    times the copy). The shingle memo holds every candidate's shingles for the chooser's features.
    """

    trafilatura: list[Paragraph]
    comments: list[Paragraph]
    copy: list[Paragraph]
    library: list[Paragraph] | None
    decided: Extraction
    origin: str
    title: str | None
    shingles: _ShingleMemo


def read_page(
    tree: HtmlElement, url: str | None, options: ExtractOptions, title: str | None, markup: str | None
) -> Readings:
    """trafilatura on the parsed (and pruned) tree, edges trimmed by readability's agreement.

    trafilatura works on its own copy; readability then consumes `tree` itself. The page's title
    (read before pruning, cleaner/pagemeta.py) tells a repeated headline from edge boilerplate;
    `markup`, the page's source, lets a third opinion settle a complete disagreement (PROSE_RATIO).
    """
    paragraphs, comments = _trafilatura_paragraphs(tree, url, options.include_comments)
    shingles = _ShingleMemo()  # every check reads the same paragraphs' shingles
    if not paragraphs:
        found = library_readability_paragraphs(tree)
        copy = [] if found else readability_paragraphs(tree)
        return Readings(paragraphs, comments, copy, found, Extraction(found or copy), "library", title, shingles)
    library = _LibraryReading(deepcopy(tree))  # the copy consumes the tree; the library reads the same page
    copy = readability_paragraphs(tree)
    if looks_like_dump(paragraphs) and not agrees(copy, paragraphs, shingles):
        # trafilatura gave the page's text run together and readability reads something else in it:
        # its recall-favouring pass may find the story's own paragraphs (on the library's uncut tree,
        # which trafilatura copies). Where readability reads the same text, the dump is the story.
        second, second_comments = _trafilatura_paragraphs(
            library.pruned, url, options.include_comments, favor_recall=True
        )
        if second and not looks_like_dump(second):
            paragraphs, comments = second, second_comments
    arbiter = _Arbiter(markup, url, options.include_comments) if markup is not None else None
    decided, origin = _body(library, copy, paragraphs, options, title, arbiter, shingles)
    return Readings(paragraphs, comments, copy, library.found, decided, origin, title, shingles)


def _body(
    library: _LibraryReading,
    copy: list[Paragraph],
    paragraphs: list[Paragraph],
    options: ExtractOptions,
    title: str | None,
    arbiter: _Arbiter | None,
    shingles: _ShingleMemo,
) -> tuple[Extraction, str]:
    """trafilatura's body paragraphs, replaced or trimmed where readability (and an arbiter) disagree;
    and where the text came from."""
    doubt = options.trim_edges and edges_in_doubt(paragraphs, title)
    second, from_library = _second_opinion(copy, library, paragraphs, shingles)
    replaced = "library" if from_library else "copy"
    sibling_text = _with_sibling_blocks(library, paragraphs, second, shingles)
    if sibling_text is not None:
        return Extraction(sibling_text), "library"
    if not doubt and _length(paragraphs) >= SHORT_EXTRACTION_CHARS:
        return Extraction(paragraphs), "trafilatura"  # long prose from edge to edge: nothing to trim or replace
    longer_ratio = MIN_LIBRARY_LONGER_RATIO if from_library else MIN_LONGER_RATIO
    if holds_and_extends(second, paragraphs, shingles, longer_ratio):
        return Extraction(second), replaced
    if second and takes_other_block(second, paragraphs, shingles, arbiter):
        return Extraction(second), replaced
    if second and run_together_around(paragraphs, second, shingles):
        return Extraction(second), replaced
    if not doubt:
        return Extraction(paragraphs), "trafilatura"
    # two readings of readability that disagree are no ground for a trim, unless trafilatura's
    # text holds the second opinion and adds no prose to it
    kept = paragraphs if from_library else trim_to_support(paragraphs, second, shingles)
    if len(kept) == len(paragraphs):
        kept = trim_to_contained(paragraphs, second, shingles)
    trimmed = trimmed_removals(paragraphs, kept)
    return Extraction(kept, trimmed), "trimmed" if trimmed else "trafilatura"


def _second_opinion(
    second: list[Paragraph], library_reading: _LibraryReading, paragraphs: list[Paragraph], shingles: _ShingleMemo
) -> tuple[list[Paragraph], bool]:
    """readability's paragraphs: trafilatura's copy's, or the library's where the copy disagrees with
    trafilatura (`agrees`) and the library finds text (then True).

    The library is asked for what the copy missed, so a text with under half the copy's prose is
    not taken (a 'Skip to content' line, one teaser); nor is one that leaves out trafilatura's text when the
    copy holds it and more: the library then took another block (teasers beside the article).
    """
    if agrees(second, paragraphs, shingles):
        return second, False
    library = library_reading()
    if not library or PROSE_RATIO * _prose(library) < _prose(second):
        return second, False
    copy_holds = held_share(second, paragraphs, shingles) >= MIN_AGREEMENT
    if copy_holds and held_share(library, paragraphs, shingles) < MIN_CONTAINED_SHARE:
        return second, False
    return library, True


def _with_sibling_blocks(
    library_reading: _LibraryReading,
    paragraphs: list[Paragraph],
    second: list[Paragraph],
    shingles: _ShingleMemo,
) -> list[Paragraph] | None:
    """readability-lxml's text when it holds trafilatura's and adds sibling blocks of prose, else None.

    trafilatura keeps one container where a page spreads its text over several siblings (a
    blog's posts, a story in sections, an old layout's table cells); readability merges the
    siblings that score like the best one. Its copy tells whether that is the case; the library,
    which merges more (article segments, a heading preamble), gives the text.
    """
    if not adds_sibling_text(second, paragraphs, shingles):
        return None
    library = library_reading()
    if library and added_prose(library, paragraphs, shingles) >= MIN_SIBLING_PROSE_CHARS:
        return library if adds_sibling_text(library, paragraphs, shingles) else None
    return None


@dataclass
class _LibraryReading:
    """The readability-lxml library's paragraphs of the pruned page, read once and only when asked for."""

    pruned: HtmlElement
    found: list[Paragraph] | None = None

    def __call__(self) -> list[Paragraph]:
        if self.found is None:  # the library consumes the tree: one reading per page
            self.found = library_readability_paragraphs(self.pruned)
        return self.found


def adds_sibling_text(second: list[Paragraph], first: list[Paragraph], shingles: _ShingleMemo) -> bool:
    """True when the second extraction holds nearly all the first and is somewhat longer."""
    if not second or _length(second) < MIN_SIBLING_LONGER_RATIO * _length(first):
        return False
    return held_share(second, first, shingles) >= MIN_SIBLING_HELD_SHARE


def added_prose(second: list[Paragraph], first: list[Paragraph], shingles: _ShingleMemo) -> int:
    """Characters of prose in the second extraction's paragraphs that the first does not hold."""
    own = shingles.union(first)
    added = [p for p in second if _share(shingles(p.text), own) < MIN_PARAGRAPH_SUPPORT]
    return _prose(added)


def agrees(second: list[Paragraph], first: list[Paragraph], shingles: _ShingleMemo) -> bool:
    """True when the second opinion holds most of the first's text and is not much longer: nothing to settle."""
    if not second or _length(second) >= MIN_LONGER_RATIO * _length(first):
        return False
    return held_share(second, first, shingles) >= MIN_AGREEMENT


def held_share(second: list[Paragraph], first: list[Paragraph], shingles: _ShingleMemo) -> float:
    """The share of the first extraction's shingles that the second one holds."""
    return _share(shingles.union(first), shingles.union(second))


def holds_and_extends(
    second: list[Paragraph],
    first: list[Paragraph],
    shingles: _ShingleMemo | None = None,
    longer_ratio: float = MIN_LONGER_RATIO,
) -> bool:
    """True when the second extraction is much longer and contains most of the first."""
    if _length(second) < longer_ratio * _length(first) or second[0].text.startswith("{"):
        return False
    return held_share(second, first, shingles if shingles is not None else _ShingleMemo()) >= MIN_CONTAINED_SHARE


def takes_other_block(
    second: list[Paragraph], first: list[Paragraph], shingles: _ShingleMemo, arbiter: Callable[[], str] | None = None
) -> bool:
    """True when the two extractions disagree and the second one is the article.

    A block of prose beats menus, teasers and link lists; when neither side has prose to count,
    the side the arbiter's text agrees with wins.
    """
    own, theirs = shingles.union(first), shingles.union(second)
    if _share(own, theirs) >= MIN_CONTAINED_SHARE:
        return False
    length, other_length = _length(first), _length(second)
    prose, other_prose = _prose(first), _prose(second)
    if other_prose >= PROSE_RATIO * max(prose, 1) and MAX_SHORTER_RATIO * other_length >= length:
        return True
    if prose == 0 and other_prose >= MIN_SOLE_PROSE_CHARS and _reads_as_list(first):
        return True  # a list of names or links, however long, against the page's only prose
    if arbiter is None or other_length < ARBITER_LENGTH_RATIO * length:
        return False
    third = _shingles(arbiter())
    return _share(third, theirs) > _share(third, own) + ARBITER_MARGIN


def _reads_as_list(paragraphs: list[Paragraph]) -> bool:
    """True when the paragraphs are short lines on average: items of a list, not lines of an article."""
    words = sum(len(para.text.split()) for para in paragraphs)
    return words <= MAX_LIST_LINE_WORDS * len(paragraphs)


def _prose(paragraphs: list[Paragraph]) -> int:
    """Characters in paragraphs that read as prose: long enough, ending a sentence."""
    return sum(len(p.text) for p in paragraphs if _reads_as_prose(p, MIN_PROSE_CHARS))


@dataclass(frozen=True)
class _Arbiter:
    """trafilatura's full extraction of the page's markup, with its own fallbacks: a third opinion."""

    markup: str
    url: str | None
    include_comments: bool

    def __call__(self) -> str:
        return trafilatura_extract(self.markup, url=self.url, include_comments=self.include_comments) or ""


def _length(paragraphs: list[Paragraph]) -> int:
    return sum(len(para.text) for para in paragraphs)


def _trafilatura_paragraphs(
    tree: HtmlElement, url: str | None, include_comments: bool, favor_recall: bool = False
) -> tuple[list[Paragraph], list[Paragraph]]:
    """trafilatura's fast mode (on its own copy of the tree), flattened to paragraphs: the body's,
    and the reader comments' when asked for."""
    result = bare_extraction(tree, options=extraction_options(url, include_comments, favor_recall))
    body, comments = body_of(result), comments_of(result)
    return (
        [] if body is None else list(paragraphs_of(body)),
        [] if comments is None or not include_comments else list(paragraphs_of(comments)),
    )


def looks_like_dump(paragraphs: list[Paragraph]) -> bool:
    """One long paragraph holding nearly all the text: a page's text run together, menus and all.

    trafilatura falls back to such a dump when no container looks like an article
    (jaraguadosul.com.br: 8,700 characters of menu around a 500-character story); its
    recall-favouring pass, tried only then, finds the story's own paragraphs.
    """
    if not paragraphs:
        return False
    longest = max(len(para.text) for para in paragraphs)
    total = sum(len(para.text) for para in paragraphs)
    return longest >= MIN_DUMP_CHARS and longest >= MIN_DUMP_SHARE * total


def trimmed_removals(paragraphs: list[Paragraph], kept: list[Paragraph]) -> list[Removal]:
    """The edge paragraphs the trim took off, recorded like any rule's removal."""
    if len(kept) == len(paragraphs):
        return []
    start = next(i for i in range(len(paragraphs)) if paragraphs[i : i + len(kept)] == kept)
    dropped = paragraphs[:start] + paragraphs[start + len(kept) :]
    return [Removal(EDGE_TRIM_RULE, "extract", para.text) for para in dropped]


def edges_in_doubt(paragraphs: list[Paragraph], title: str | None) -> bool:
    """True unless the paragraphs at both edges are long prose (a repeated title aside)."""
    if title and paragraphs and title_key(paragraphs[0].text) == title_key(title):
        paragraphs = paragraphs[1:]
    edges = paragraphs[:EDGE_PARAGRAPHS] + paragraphs[-EDGE_PARAGRAPHS:]
    return not paragraphs or not all(
        para.kind == "paragraph" and _reads_as_prose(para, MIN_EDGE_PROSE_CHARS) for para in edges
    )


def readability_paragraphs(tree: HtmlElement) -> list[Paragraph]:
    """readability-lxml's article text, one paragraph per block (consumes the tree)."""
    return _block_lines(try_readability(tree))


def _block_lines(summary: HtmlElement) -> list[Paragraph]:
    """A readability summary's text, one paragraph per block."""
    for node in summary.iter():  # a line break in the page's source is a space inside a block
        node.text = node.text.replace("\n", " ") if node.text else node.text
        node.tail = node.tail.replace("\n", " ") if node.tail else node.tail
    for block in summary.iter(*READABILITY_BLOCKS):
        block.tail = "\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in summary.text_content().split("\n"))
    return [Paragraph(line) for line in lines if line]  # whitespace collapsed: already tidy


def library_readability_paragraphs(tree: HtmlElement) -> list[Paragraph]:
    """readability-lxml's own article text from the pruned tree (left whole), one paragraph per block.

    The library does what trafilatura's trimmed copy leaves out: a second, less ruthless pass when
    the first finds too little, and merging an article's sibling segments (a blog's posts, a story
    split around an advert). It costs several times the copy's time, so it is asked only when
    trafilatura and the copy disagree (`agrees`) or trafilatura found nothing. It is given no URL:
    with one it rewrites every link of the page to an absolute address (a fifth of its time),
    and only the text is read.
    """
    try:
        summary = ReadabilityDocument(tree).summary(html_partial=True)
        return _block_lines(lxml.html.fromstring(summary)) if summary.strip() else []
    except (Unparseable, ValueError, etree.ParserError) as err:  # control characters, empty documents
        logger.debug("readability-lxml gave no text: %s", err)
        return []


def trim_to_support(
    paragraphs: list[Paragraph], second: list[Paragraph], shingles: _ShingleMemo | None = None
) -> list[Paragraph]:
    """Drop leading and trailing paragraphs the second opinion does not support."""
    # most paragraphs come back word for word from readability: each text's shingles once
    shingles = shingles if shingles is not None else _ShingleMemo()
    support = shingles.union(second)
    if not support or _share(shingles.union(paragraphs), support) < MIN_AGREEMENT:
        return paragraphs
    span = _supported_span(paragraphs, support, shingles)
    return paragraphs[span[0] : span[1]] if span else paragraphs


def _supported_span(
    paragraphs: list[Paragraph], support: set[tuple[str, ...]], shingles: _ShingleMemo
) -> tuple[int, int] | None:
    """(first, end) of the span the support backs, widened to the prose before it (a missed lead); None if none."""
    backed = [_share(shingles(p.text), support) >= MIN_PARAGRAPH_SUPPORT for p in paragraphs]
    if not any(backed):
        return None
    first = backed.index(True)
    last = len(backed) - backed[::-1].index(True)
    while first > 0 and _reads_as_prose(paragraphs[first - 1]):
        first -= 1
    return first, last


def trim_to_contained(
    paragraphs: list[Paragraph], second: list[Paragraph], shingles: _ShingleMemo | None = None
) -> list[Paragraph]:
    """Keep the span the second opinion supports when trafilatura's text holds all of it and adds no prose.

    trafilatura runs on past a short post into what follows it in the same container (a sidebar's
    link table, a comment form's notices, a blogroll), more text than the post itself, so the
    second opinion supports too little of it for `trim_to_support`. When the second opinion is
    (nearly) all inside trafilatura's text, its span holds prose, what lies outside the span is
    at least MIN_LONGER_RATIO times the span (less is a short article's own closing lines) with no
    block that large on its own (a comment thread in one table cell is text, not furniture), and
    every paragraph there is no prose but at most one (long and ending a sentence: a blurb, a
    comment form's notice), that surplus is the page's furniture: it goes. More prose outside the
    span keeps everything: readability missed part of the article.
    """
    shingles = shingles if shingles is not None else _ShingleMemo()
    support = shingles.union(second)
    if not support or _share(support, shingles.union(paragraphs)) < MIN_HELD_SECOND:
        return paragraphs
    span = _supported_span(paragraphs, support, shingles)
    if span is None:
        return paragraphs
    first, last = span
    kept, surplus = paragraphs[first:last], paragraphs[:first] + paragraphs[last:]
    if _length(surplus) < MIN_LONGER_RATIO * _length(kept):  # a short article's own last lines, not furniture
        return paragraphs
    if not _prose(kept) or max(len(para.text) for para in surplus) >= MIN_LONGER_RATIO * _length(kept):
        return paragraphs  # no post to trim to (a heading, a caption), or a block of text beside it
    prose = sum(_reads_as_prose(para, MIN_PROSE_CHARS) for para in surplus)
    return paragraphs if prose > MAX_SURPLUS_PROSE else kept


def run_together_around(paragraphs: list[Paragraph], second: list[Paragraph], shingles: _ShingleMemo) -> bool:
    """True when trafilatura's text is one run-together block holding the second opinion and much more.

    Under the dump size `looks_like_dump` asks for, trafilatura still falls back to a page's text
    run together (navigation, teaser titles, the story, share links in one paragraph); the
    second opinion that it holds (MIN_HELD_SECOND) at under 1/MIN_LONGER_RATIO of its length is
    the story cut out of it, when it holds a sentence: a headline and a byline alone are not the story.
    """
    longest = max(len(para.text) for para in paragraphs)
    length = _length(paragraphs)
    if longest < MIN_DUMP_SHARE * length or MIN_LONGER_RATIO * _length(second) > length:
        return False
    if not any(_SENTENCE_INSIDE.search(para.text) for para in second):
        return False
    return held_share(paragraphs, second, shingles) >= MIN_HELD_SECOND


def _reads_as_prose(para: Paragraph, min_chars: int = MIN_LEAD_CHARS) -> bool:
    return len(para.text) >= min_chars and bool(_SENTENCE_END.search(para.text))


class _ShingleMemo(dict):
    """Each distinct text's shingles, and each extraction's (all its paragraphs'), worked out once."""

    def __init__(self) -> None:
        super().__init__()
        self._unions: dict[tuple[str, ...], set[tuple[str, ...]]] = {}

    def __call__(self, text: str) -> set[tuple[str, ...]]:
        found = self.get(text)
        if found is None:
            found = self[text] = _shingles(text)
        return found

    def union(self, paragraphs: list[Paragraph]) -> set[tuple[str, ...]]:
        """The shingles of all the paragraphs: each check of one page compares the same extractions."""
        key = tuple(para.text for para in paragraphs)
        found = self._unions.get(key)
        if found is None:
            found = self._unions[key] = set().union(*(self(text) for text in key))
        return found


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _TOKEN.findall(text)
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return set(zip(*(words[i:] for i in range(SHINGLE)), strict=False))


def _share(own: set[tuple[str, ...]], support: set[tuple[str, ...]]) -> float:
    return len(own & support) / len(own) if own else 0.0


def paragraphs_of(body: etree._Element) -> Iterator[Paragraph]:
    """Flatten trafilatura's output tree: one paragraph per block, one per list item or row.

    Text between blocks is a paragraph of its own: trafilatura leaves loose text as the tail of
    the block before it (ign.com deal descriptions after their headings, rt.com and
    moneycontrol.com lines after a quote or list). A line break separates words (billboard.com
    tour dates, one per line, were glued into 'FLJune 10').
    """
    for line_break in body.iter("lb"):  # <br> in the page: words either side stay apart
        line_break.tail = " " + (line_break.tail or "")
    yield from _loose(body.text)
    for group, block in enumerate(body):
        tag = block.tag if isinstance(block.tag, str) else ""
        if tag == "list":
            yield from _items(block, "item", "list", group)
        elif tag == "table":
            yield from _rows(block, group)
        else:
            text = " ".join("".join(block.itertext()).split())
            if text:
                yield Paragraph(text, _KINDS.get(tag, "paragraph"), _level(block), code=tag == "code")
        yield from _loose(block.tail)


def _level(block: etree._Element) -> int | None:
    """A heading's level from trafilatura's `rend` ("h2"), where it gives one."""
    rend = (block.get("rend") or "") if block.tag == "head" else ""
    return int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1] in "123456" else None


def _loose(text: str | None) -> Iterator[Paragraph]:
    text = " ".join(text.split()) if text else ""
    if text:
        yield Paragraph(text)


def _items(block: etree._Element, tag: str, kind: str, group: int | None = None) -> Iterator[Paragraph]:
    """One paragraph per item, nested lists' items included, each item's text once."""
    for item in block.iter(tag):
        text = " ".join(_text_outside(item, str(block.tag)).split())
        if text:
            yield Paragraph(text, kind, group=group)


def _text_outside(node: etree._Element, nested: str) -> str:
    """The node's text without that of nested `nested` elements (their items come on their own)."""
    parts = [node.text or ""]
    for child in node:
        if child.tag != nested:
            parts.append(_text_outside(child, nested))
        parts.append(child.tail or "")
    return "".join(parts)


def _rows(table: etree._Element, group: int | None = None) -> Iterator[Paragraph]:
    """One paragraph per row, nested tables' rows included, each cell's text once."""
    for row in table.iter("row"):
        own_cells = (cell for cell in row.iter("cell") if next(cell.iterancestors("row")) is row)
        cells = tuple(cell for cell in (" ".join(_text_outside(c, "table").split()) for c in own_cells) if cell)
        text = " | ".join(cells)
        if text:
            yield Paragraph(text, "table", group=group, cells=cells)
