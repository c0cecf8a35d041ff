"""Train the line model (cleaner/models/line-model.npz) from the training pages, and report it.

    python benchmarks/train_line_model.py [--out cleaner/models/line-model.npz] [--sources aeb,cleaneval,dragnet]

For every page of the sources (benchmarks/sources.py) two crawler dumps are made: what
trafilatura extracts (`extract(html, include_comments=False)`) and a whole-page dump (every
block element's text in document order, menus and all). Each dump goes through cleaner with
the model off; each paragraph it keeps is labelled by the page's gold text: the share of its
tokens that sit in a 4-token shingle found in the gold (shingles run across paragraph breaks,
so a short heading inside the article counts as body and a menu item does not). Share >= 0.75
is body, <= 0.25 boilerplate, the rest is left out of training.

Only pages with `is_heldout(page) == False` train the weights and set the two thresholds: the
strict one (the highest drop rate whose body loss on each source's training extracted dumps stays
under 1%) and the page threshold for dumps that look like a whole page (`looks_like_page`): the
one of PAGE_THRESHOLDS with the best mean F1 on the training whole-page dumps whose body loss on
the training extracted dumps that look like a page, the only ones it touches by default, stays
under 1% on each source.
Train and held-out figures are printed per source and dump. Fixed order and full-batch
optimisation: the same data gives the same weights. Dumps are cached in benchmarks/data/.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from lxml import etree
from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.metric import aggregate, score_page, shingles, tokens  # noqa: E402
from benchmarks.sources import DATA_DIR, SOURCES, Page, is_heldout, load_source  # noqa: E402
from cleaner import Cleaner  # noqa: E402
from cleaner.config import Config  # noqa: E402
from cleaner.errors import CleanerError  # noqa: E402
from cleaner.linemodel import (  # noqa: E402
    DENSE_SIZE,
    HASH_DIM,
    LINE_MODEL_RULE,
    NEIGHBOURHOOD_SIZE,
    Features,
    LineModel,
    char_tables,
    featurize,
    looks_like_page,
    neighbourhood,
)

DUMPS = ("extracted", "whole-page")
CACHE = DATA_DIR / "line-model-dumps.json"
BODY, BOILERPLATE = 0.75, 0.25
MAX_BODY_LOSS = 0.01
SEED = 20240725
EPOCHS = 300
RATE = 0.05
L2 = 1e-4
PAGE_THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5)
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas"}
BLOCK_TAGS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
}
_PARSER = lxml_html.HTMLParser(encoding="utf-8")


def whole_page_text(markup: str) -> str:
    """Every block element's text in document order, one line each: what a naive crawler stores."""
    try:
        tree = lxml_html.document_fromstring(markup.encode("utf-8", errors="replace"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return ""
    title = tree.findtext(".//title") or ""
    pieces = [title, "\n"]
    skipping = 0
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            skipping += tag in SKIP_TAGS or not tag
            if not skipping:
                pieces.append("\n" if tag in BLOCK_TAGS else "")
                pieces.append(element.text or "")
            continue
        if tag in SKIP_TAGS or not tag:
            skipping -= 1
        elif not skipping and tag in BLOCK_TAGS:
            pieces.append("\n")
        if not skipping:
            pieces.append(element.tail or "")
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def make_dumps(pages: list[Page]) -> dict[str, dict[str, str]]:
    """{source/id: {dump kind: text}}, cached: trafilatura takes minutes over every page."""
    import trafilatura

    cached = json.loads(CACHE.read_text()) if CACHE.exists() else {}
    for page in pages:
        key = f"{page.source}/{page.id}"
        if key not in cached:
            extracted = trafilatura.extract(page.html, url=page.url, include_comments=False) or ""
            cached[key] = {"extracted": extracted, "whole-page": whole_page_text(page.html)}
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps(cached))
    return cached


def cleaned_paragraphs(cleaner: Cleaner, dump: str) -> list[str]:
    """The paragraphs cleaner keeps from a text dump: what the line model sees."""
    try:
        text = cleaner.clean(dump, kind="text").text
    except CleanerError:
        return []
    return text.split("\n\n") if text else []


def body_shares(paragraphs: list[str], gold: str) -> np.ndarray:
    """Each paragraph's share of tokens inside a 4-token shingle the gold text has."""
    gold_shingles = set(shingles(tokens(gold)))
    words = [tokens(text) for text in paragraphs]
    stream = [word for para in words for word in para]
    covered = np.zeros(len(stream), dtype=bool)
    for start in range(max(len(stream) - 3, 0)):
        if tuple(stream[start : start + 4]) in gold_shingles:
            covered[start : start + 4] = True
    if 0 < len(stream) < 4 and tuple(stream) in gold_shingles:
        covered[:] = True
    shares, start = [], 0
    for para in words:
        shares.append(covered[start : start + len(para)].mean() if para else 0.0)
        start += len(para)
    return np.array(shares)


@dataclass
class Doc:
    """One dump of one page as the model sees it: paragraphs, labels, features."""

    page: Page
    dump: str
    paragraphs: list[str]
    shares: np.ndarray
    features: Features = field(repr=False)
    scores: np.ndarray | None = None


def make_docs(pages: list[Page], dumps: dict[str, dict[str, str]]) -> list[Doc]:
    cleaner = Cleaner(Config(disabled_rules=(LINE_MODEL_RULE,), detect_language=False))
    docs = []
    for page in pages:
        for dump in DUMPS:
            paragraphs = cleaned_paragraphs(cleaner, dumps[f"{page.source}/{page.id}"][dump])
            features = featurize(paragraphs, char_tables())
            docs.append(Doc(page, dump, paragraphs, body_shares(paragraphs, page.truth), features))
    return docs


@dataclass
class Matrix:
    """Training rows: dense features, hashed buckets as flat (row, bucket) pairs, labels."""

    dense: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray
    labels: np.ndarray


def matrix(docs: Iterable[Doc]) -> Matrix:
    """Every clearly labelled paragraph of the documents as one training set."""
    dense, rows, cols, values, labels = [], [], [], [], []
    offset = 0
    for doc in docs:
        keep = (doc.shares >= BODY) | (doc.shares <= BOILERPLATE)
        if not keep.any():
            continue
        index = np.cumsum(keep) - 1 + offset
        features = doc.features
        entries = keep[features.rows]
        rows.append(index[features.rows[entries]])
        cols.append(features.buckets[entries])
        values.append(features.values[entries])
        dense.append(features.dense[keep])
        labels.append((doc.shares[keep] <= BOILERPLATE).astype(float))
        offset += int(keep.sum())
    return Matrix(
        np.vstack(dense), np.concatenate(rows), np.concatenate(cols), np.concatenate(values), np.concatenate(labels)
    )


def fit_logistic(
    x: np.ndarray, y: np.ndarray, words: tuple[np.ndarray, np.ndarray, np.ndarray] | None, epochs: int
) -> np.ndarray:
    """Weights (dense, then hashed words, then bias) by full-batch Adam on the class-balanced log loss.

    `words` holds (row, bucket, value) triples over HASH_DIM buckets, or None. Full batches and
    zero starting weights: the same data gives the same weights.
    """
    n, d = x.shape
    rows, cols, values = words if words else (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    buckets = HASH_DIM if words else 0
    weight = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean())) / n
    params = np.zeros(d + buckets + 1)
    moment, velocity = np.zeros_like(params), np.zeros_like(params)
    for step in range(1, epochs + 1):
        w_dense, w_words = params[:d], params[d : d + buckets]
        logits = x @ w_dense + params[-1]
        if buckets:
            logits += np.bincount(rows, w_words[cols] * values, minlength=n)
        error = (1 / (1 + np.exp(-logits)) - y) * weight
        grads = [x.T @ error + L2 * w_dense]
        if buckets:
            grads.append(np.bincount(cols, error[rows] * values, minlength=buckets) + L2 * w_words)
        grad = np.concatenate([*grads, [error.sum()]])
        moment = 0.9 * moment + 0.1 * grad
        velocity = 0.999 * velocity + 0.001 * grad**2
        rate = RATE * np.sqrt(1 - 0.999**step) / (1 - 0.9**step)
        params -= rate * moment / (np.sqrt(velocity) + 1e-8)
    return params


def train(docs: list[Doc], epochs: int = EPOCHS) -> LineModel:
    """Stage one on each paragraph's features, then stage two on its logit beside its neighbours'."""
    np.random.seed(SEED)
    data = matrix(docs)
    mean = data.dense.mean(axis=0)
    scale = data.dense.std(axis=0) + 1e-6
    x = (data.dense - mean) / scale
    first = fit_logistic(x, data.labels, (data.rows, data.cols, data.values), epochs)
    identity = np.zeros(NEIGHBOURHOOD_SIZE)
    identity[0] = 1.0
    model = LineModel(first[:DENSE_SIZE], first[DENSE_SIZE:-1], float(first[-1]), 1.0, mean, scale, identity, 0.0, 1.0)
    near, labels = [], []
    for doc in docs:
        keep = (doc.shares >= BODY) | (doc.shares <= BOILERPLATE)
        if keep.any():
            words = np.expm1(doc.features.dense[:, 1] * 5)
            near.append(neighbourhood(model.logits(doc.features), words)[keep])
            labels.append((doc.shares[keep] <= BOILERPLATE).astype(float))
    second = fit_logistic(np.vstack(near), np.concatenate(labels), None, epochs)
    return replace(model, stage2_weights=second[:-1], stage2_bias=float(second[-1]))


def kept_text(doc: Doc, threshold: float | None) -> str:
    if threshold is None or doc.scores is None or len(doc.paragraphs) < 3:
        return "\n\n".join(doc.paragraphs)
    return "\n\n".join(p for p, s in zip(doc.paragraphs, doc.scores, strict=True) if s < threshold)


def page_threshold_of(doc: Doc, threshold: float | None) -> float | None:
    """The page threshold for a dump that looks like a whole page, no model for any other (the default)."""
    return threshold if looks_like_page(doc.paragraphs) else None


def mean_f1(docs: list[Doc], threshold: float) -> float:
    """Mean over sources of the F1 on their whole-page dumps, with the model on where it is by default."""
    scores = []
    for source in SOURCES:
        group = [doc for doc in docs if doc.dump == "whole-page" and doc.page.source == source]
        if group:
            pages = (score_page(kept_text(doc, page_threshold_of(doc, threshold)), doc.page.truth) for doc in group)
            scores.append(aggregate(pages).f1)
    return float(np.mean(scores)) if scores else 0.0


def pick_page_threshold(docs: list[Doc]) -> float:
    """The page threshold with the best whole-page F1 whose body loss on each source's extracted
    dumps, with the model where it runs by default (the dumps that look like a page), stays under 1%;
    the highest of PAGE_THRESHOLDS when none does."""
    groups = [[doc for doc in docs if doc.dump == "extracted" and doc.page.source == source] for source in SOURCES]
    groups = [group for group in groups if group]
    allowed = [
        t
        for t in PAGE_THRESHOLDS
        if all(body_loss(group, lambda doc, t=t: page_threshold_of(doc, t)) < MAX_BODY_LOSS for group in groups)
    ]
    return max(allowed or [max(PAGE_THRESHOLDS)], key=lambda t: (mean_f1(docs, t), t))


def body_loss(docs: list[Doc], threshold: float | Callable[[Doc], float | None]) -> float:
    """Share of the gold shingles cleaner finds without the model that the model then removes
    (`threshold` may pick each dump's own, None for no model)."""
    found = lost = 0
    for doc in docs:
        chosen = threshold(doc) if callable(threshold) else threshold
        truth = shingles(tokens(doc.page.truth))
        before = sum((shingles(tokens(kept_text(doc, None))) & truth).values())
        if chosen is not None and doc.scores is not None and (doc.scores >= chosen).any():
            after = sum((shingles(tokens(kept_text(doc, chosen))) & truth).values())
            lost += max(before - after, 0)
        found += before
    return lost / found if found else 0.0


def worst_loss(groups: list[list[Doc]], threshold: float) -> float:
    return max(body_loss(group, threshold) for group in groups)


def pick_threshold(docs: list[Doc]) -> float:
    """The lowest threshold (most removed) whose body loss on every source's training extracted
    dumps is under 1%: no source pays for another's gain.

    Loss only grows as the threshold falls: walk down in steps of 0.05, then back up by 0.01.
    """
    groups = [[doc for doc in docs if doc.dump == "extracted" and doc.page.source == source] for source in SOURCES]
    groups = [group for group in groups if group]
    coarse = 1.0
    for threshold in np.round(np.arange(0.95, 0.25, -0.05), 2):
        if worst_loss(groups, threshold) >= MAX_BODY_LOSS:
            break
        coarse = float(threshold)
    for threshold in np.round(np.arange(coarse - 0.04, coarse, 0.01), 2):
        if threshold > 0 and worst_loss(groups, threshold) < MAX_BODY_LOSS:
            return float(threshold)
    return coarse


def report(docs: list[Doc], model: LineModel, split: str) -> list[dict]:
    """Per source and dump: without the model, by default (page-like dumps only) and switched on."""
    modes: dict[str, Callable[[Doc], float | None]] = {
        "without": lambda doc: None,
        "default": lambda doc: model.page_threshold if looks_like_page(doc.paragraphs) else None,
        "on": lambda doc: model.page_threshold if looks_like_page(doc.paragraphs) else model.threshold,
    }
    rows = []
    for source in SOURCES:
        for dump in DUMPS:
            group = [doc for doc in docs if doc.page.source == source and doc.dump == dump]
            if not group:
                continue
            row: dict = {"split": split, "source": source, "dump": dump, "pages": len(group)}
            for mode, choose in modes.items():
                score = aggregate(score_page(kept_text(doc, choose(doc)), doc.page.truth) for doc in group)
                row[mode] = score.__dict__
                row[f"body_loss_{mode}"] = body_loss(group, choose)
            rows.append(row)
            cells = "  ".join(
                f"{mode} {row[mode]['precision']:.3f}/{row[mode]['recall']:.3f}/{row[mode]['f1']:.3f}"
                f" (loss {row[f'body_loss_{mode}']:.2%})"
                for mode in ("default", "on")
            )
            without = row["without"]
            print(
                f"{split:<9}{source:<10}{dump:<11}{len(group):>5}  without {without['precision']:.3f}/"
                f"{without['recall']:.3f}/{without['f1']:.3f}  {cells}"
            )
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "cleaner" / "models" / "line-model.npz")
    parser.add_argument("--sources", default=",".join(SOURCES))
    parser.add_argument(
        "--threshold-only",
        action="store_true",
        help="keep the weights in --out; only pick the threshold again and report",
    )
    parser.add_argument("--report", type=Path, default=ROOT / "benchmarks" / "results" / "line-model.json")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    pages = [page for source in args.sources.split(",") for page in load_source(source)]
    dumps = make_dumps(pages)
    docs = make_docs(pages, dumps)
    training = [doc for doc in docs if not is_heldout(doc.page)]
    heldout = [doc for doc in docs if is_heldout(doc.page)]
    labels = np.concatenate([doc.shares for doc in training])
    print(
        f"{len(pages)} pages, {len(training)} training dumps, {len(labels)} paragraphs, "
        f"{np.mean(labels <= BOILERPLATE):.1%} boilerplate, {np.mean(labels >= BODY):.1%} body",
        file=sys.stderr,
    )
    model = LineModel.load(args.out) if args.threshold_only else train(training)
    for doc in docs:
        doc.scores = model.scores(doc.paragraphs)
    threshold, page_threshold = pick_threshold(training), pick_page_threshold(training)
    model = replace(model, threshold=threshold, page_threshold=page_threshold)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(
        f"threshold {threshold:.2f}, page threshold {page_threshold:.2f}; wrote {args.out} "
        f"in {time.perf_counter() - started:.0f} s"
    )
    rows = report(training, model, "train") + report(heldout, model, "held-out")
    args.report.parent.mkdir(parents=True, exist_ok=True)
    summary = {"threshold": threshold, "page_threshold": page_threshold, "rows": rows}
    args.report.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
