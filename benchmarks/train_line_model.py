"""Train the line model (cleaner/models/line-model.npz) from the training pages, and report it.

    python benchmarks/train_line_model.py [--out cleaner/models/line-model.npz] [--sources aeb,cleaneval,dragnet]
    python benchmarks/train_line_model.py --check   # would it write the shipped file again? (no training)

For every page of the sources (benchmarks/sources.py) three crawler dumps are made: what
trafilatura extracts (`extract(html, include_comments=False)`), a whole-page dump
(benchmarks/wholepage.py, the dump benchmarks/dumps.py scores cleaner on) and the whole page as
Markdown by html2text (`html2text_markdown`, which cleaner reads as Markdown: a converter that
runs a block's inline elements into one line, unlike the whole-page dump). Each dump goes through cleaner up to
the model (`Cleaner.model_input`: the rules and header step, which leave a page-like dump's tail to the model);
each paragraph it leaves is labelled by the page's gold text: the share of its
tokens that sit in a 4-token shingle found in the gold (shingles run across paragraph breaks,
so a short heading inside the article counts as body and a menu item does not). Share >= 0.75
is body, <= 0.25 boilerplate, the rest is left out of training.

The model (cleaner/linemodel.py) has two stages: a logistic regression over each paragraph's
features, then gradient-boosted trees (scikit-learn, exported to numpy arrays) over the
paragraph's dense features and the first-stage logits around it. The trees are trained on
out-of-fold first-stage logits (FOLDS folds by page) and the shipped first stage is the mean of
the fold models, so the trees see logits on the scale a new page gets.

Only pages with `is_heldout(page) == False` train the weights and set the threshold. It is picked
on the training dumps scored out of fold at both stages (FOLDS more tree fits, each without one
fold of pages, over the out-of-fold first-stage logits: as a new page would be scored, not by
trees that were fitted to those very rows): the lowest whose body loss on each source's training
extracted dumps with the model switched on (page-like dumps cut by `page_cut`, which has no
threshold of its own and empties a page only when every unit scores the threshold or more; the
others at the threshold) stays under 1%. The page cut's own body loss on the extracted dumps by
default (the page-like ones) must stay under 1% too, or the script stops without writing a model.
Train (out-of-fold) and held-out figures are printed per source and dump. Fixed order, full-batch
optimisation and a fixed seed for the trees: the same data gives the same model. The model file
records a digest of the training paragraphs and labels (`inputs_digest`); `--check` makes them
again and compares, so a text path that moved under the shipped model shows without a retrain.
Dumps, and the paragraphs cleaner keeps of them (keyed by a hash of cleaner's code and rules), are
cached in benchmarks/data/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import multiprocessing
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.metric import aggregate, score_page, shingles, tokens  # noqa: E402
from benchmarks.sources import DATA_DIR, SOURCES, Page, article_gold, is_heldout, load_source  # noqa: E402
from benchmarks.wholepage import html2text_markdown, whole_page_text  # noqa: E402
from cleaner import Cleaner  # noqa: E402
from cleaner.config import Config  # noqa: E402
from cleaner.errors import CleanerError  # noqa: E402
from cleaner.linemodel import (  # noqa: E402
    DENSE_SIZE,
    EMPTY_PAGE_SCORE,
    HASH_DIM,
    WORDS_COLUMN,
    WORDS_SCALE,
    Features,
    Forest,
    LineModel,
    char_tables,
    featurize,
    probability,
    runs_on,
    stage_two_features,
    units_going,
)
from cleaner.units import looks_like_page, sentence_unit_texts  # noqa: E402

DUMPS = ("extracted", "whole-page", "markdown")
PAGE_DUMPS = ("whole-page", "markdown")  # the dumps of the whole page, reader comments and all
# Which gold text labels the paragraphs: the whole gold (the default; Dragnet's and CleanEval's keep
# reader comments and forum posts as body, AEB's leaves comments out) or the article alone, up to
# Dragnet's comments marker (tried: MODEL_CARD.md says why it is not the default).
GOLDS: dict[str, Callable[[Page], str]] = {"article": article_gold, "full": lambda page: page.truth}


def add_gold_option(parser: argparse.ArgumentParser, use: str) -> None:
    """`--gold full|article`, the same for training and evaluation; `use` says what the gold is for."""
    parser.add_argument(
        "--gold",
        choices=sorted(GOLDS),
        default="full",
        help=f"{use} the whole gold text (Dragnet's reader comments included) or the article alone, "
        "up to Dragnet's comments marker",
    )


def pages_with_gold(sources: str, gold: str) -> list[Page]:
    """Every page of the comma-separated sources, its truth the gold `--gold` names."""
    read = GOLDS[gold]
    return [replace(page, truth=read(page)) for source in sources.split(",") for page in load_source(source)]


CACHE = DATA_DIR / "line-model-dumps.json"
CLEANED_CACHE = DATA_DIR / "line-model-cleaned.json"
# Bump when how dumps are made changes (benchmarks/wholepage.py), so the cache is rebuilt.
DUMP_FORMAT = 2
BODY, BOILERPLATE = 0.75, 0.25
MAX_BODY_LOSS = 0.01
SEED = 20240725
EPOCHS = 300
RATE = 0.05
L2 = 1e-4
FOLDS = 3
# 120 trees of depth 5 walk half the steps of 150 of depth 8 (the trees' time is trees x depth) at
# the same out-of-fold whole-page F1 (0.8912 against 0.8916; MODEL_CARD.md).
TREES = 120
TREE_RATE = 0.16
TREE_LEAVES = 31
TREE_DEPTH = 5
MIN_LEAF = 40
# The first stage decides alone at or over the lowest of these logits where, out of fold, the
# trees score as body fewer than MAX_SURE_KEPT of the training paragraphs it scores there (the
# trees' walk is a third of the model's time; a whole page's menus are most of its lines), or at
# the strict threshold's logit where that is higher (`pick_sure_logit`).
SURE_LOGITS = (6.0, 5.0, 4.0, 3.5, 3.0, 2.5, 2.0)
MAX_SURE_KEPT = 0.005
# And it decides alone at or under the highest of these where, out of fold, the trees score as
# boilerplate fewer than MAX_SURE_BODY_DROPPED of the training paragraphs it scores there: a
# page's plainest prose. Stricter than MAX_SURE_KEPT: a line kept against the trees costs the
# page's precision (at 0.5%, -2.5: whole-page F1 AEB -0.0008 out of fold; at -3, under 0.0002).
SURE_BODY_LOGITS = (-2.0, -2.5, -3.0, -3.5, -4.0, -5.0, -6.0)
MAX_SURE_BODY_DROPPED = 0.002
EMPTY = np.zeros(0, np.int32)
NO_TREES = Forest(EMPTY, np.zeros(0), np.zeros((0, 2), np.int32), np.zeros(0), EMPTY, 0, 0.0)


def make_dumps(pages: list[Page]) -> dict[str, dict[str, str]]:
    """{source/id: {dump kind: text}}, cached: trafilatura takes minutes over every page."""
    import trafilatura

    made_by = f"{DUMP_FORMAT}/trafilatura {trafilatura.__version__}"
    stored = json.loads(CACHE.read_text()) if CACHE.exists() else {}
    cached = stored.get("dumps", {}) if stored.get("made_by") == made_by else {}
    for page in pages:
        key = f"{page.source}/{page.id}"
        if key not in cached:
            extracted = trafilatura.extract(page.html, url=page.url, include_comments=False) or ""
            cached[key] = {"extracted": extracted, "whole-page": whole_page_text(page.html)}
        if "markdown" not in cached[key]:
            cached[key]["markdown"] = html2text_markdown(page.html)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps({"made_by": made_by, "dumps": cached}))
    return cached


def cleaned_paragraphs(cleaner: Cleaner, dump: str, url: str | None = None) -> list[str]:
    """The paragraphs cleaner leaves of a text dump for the line model, given its page's URL as a
    crawler gives it: what the model sees."""
    try:
        return cleaner.model_input(dump, url)
    except CleanerError:
        return []


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


def cleaner_fingerprint() -> str:
    """A hash of what decides the paragraphs the model sees: cleaner's code (the model's own module
    aside: the page test other steps read is in units.py) and its rules. The cleaned dumps are cached
    under it, so a change to either cleans again."""
    digest = hashlib.sha256()
    package = ROOT / "cleaner"
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".yaml", ".yml", ".json", ".txt")):
        if path.name != "linemodel.py":
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    for path in sorted((ROOT / "rules").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def keeps_comments(page: Page, dump: str) -> bool:
    """Whether the page's gold text holds its reader comments (Dragnet's, after its marker line)
    and the dump is a whole page, which holds them too. Such a dump is cleaned as
    `Config(include_comments=True)` cleans it, the configuration that gold asks for: the model
    learns a comment thread from input that holds it whole, labelled by a gold that keeps it. (An
    extracted dump has its comments left out already.)"""
    return dump in PAGE_DUMPS and article_gold(page) != page.truth


def dump_key(page: Page, dump: str, text: str) -> str:
    """A cleaned dump's cache key: the page, the kind of dump, the configuration and a hash of its
    text and URL."""
    kept = "+comments" if keeps_comments(page, dump) else ""
    digest = hashlib.sha256(f"{text}\0{page.url or ''}".encode()).hexdigest()[:16]
    return f"{page.source}/{page.id}/{dump}{kept}/{digest}"


def _clean_all(chunk: tuple[bool, list[tuple[str, str | None]]]) -> list[list[str]]:
    """The paragraphs cleaner leaves of each text (with its page's URL) for the model, one cleaner
    per chunk of dumps, reader comments kept or not."""
    keep, texts = chunk
    cleaner = Cleaner(Config(line_model=False, detect_language=False, include_comments=keep))
    return [cleaned_paragraphs(cleaner, text, url) for text, url in texts]


def cleaned_dumps(pages: list[Page], dumps: dict[str, dict[str, str]], jobs: int = 2) -> dict[str, list[str]]:
    """{dump_key: paragraphs cleaner leaves for the model}, cached by cleaner_fingerprint: cleaning
    the dumps is about half of a training run, and the same code and rules give the same paragraphs."""
    made_by = cleaner_fingerprint()
    stored = json.loads(CLEANED_CACHE.read_text()) if CLEANED_CACHE.exists() else {}
    cached = stored.get("cleaned", {}) if stored.get("made_by") == made_by else {}
    texts = {
        dump_key(page, dump, text): (keeps_comments(page, dump), (text, page.url))
        for page in pages
        for dump, text in dumps[f"{page.source}/{page.id}"].items()
    }
    missing = [key for key in texts if key not in cached]
    if missing:
        groups = [[key for key in missing if texts[key][0] == keep] for keep in (False, True)]
        keys = [group[at : at + 50] for group in groups for at in range(0, len(group), 50)]
        chunks = [(texts[chunk[0]][0], [texts[key][1] for key in chunk]) for chunk in keys]
        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            for chunk, paragraphs in zip(keys, pool.map(_clean_all, chunks), strict=True):
                cached.update(zip(chunk, paragraphs, strict=True))
        CLEANED_CACHE.parent.mkdir(parents=True, exist_ok=True)
        CLEANED_CACHE.write_text(json.dumps({"made_by": made_by, "cleaned": cached}))
    return cached


def make_docs(pages: list[Page], dumps: dict[str, dict[str, str]]) -> list[Doc]:
    cleaned = cleaned_dumps(pages, dumps)
    docs = []
    for page in pages:
        for dump in DUMPS:
            paragraphs = sentence_unit_texts(cleaned[dump_key(page, dump, dumps[f"{page.source}/{page.id}"][dump])])
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
        error = (probability(logits) - y) * weight
        grads = [x.T @ error + L2 * w_dense]
        if buckets:
            grads.append(np.bincount(cols, error[rows] * values, minlength=buckets) + L2 * w_words)
        grad = np.concatenate([*grads, [error.sum()]])
        moment = 0.9 * moment + 0.1 * grad
        velocity = 0.999 * velocity + 0.001 * grad**2
        rate = RATE * np.sqrt(1 - 0.999**step) / (1 - 0.9**step)
        params -= rate * moment / (np.sqrt(velocity) + 1e-8)
    return params


def fit_first(docs: list[Doc], epochs: int, standard: tuple[np.ndarray, np.ndarray] | None = None) -> LineModel:
    """The first stage alone (no trees): a logistic regression over dense features and hashed words,
    standardised by `standard` (mean, scale) when given, else by these rows'."""
    data = matrix(docs)
    mean, scale = standard or (data.dense.mean(axis=0), data.dense.std(axis=0) + 1e-6)
    x = (data.dense - mean) / scale
    first = fit_logistic(x, data.labels, (data.rows, data.cols, data.values), epochs)
    return LineModel(first[:DENSE_SIZE], first[DENSE_SIZE:-1], float(first[-1]), 1.0, mean, scale, NO_TREES)


def fold_of(docs: list[Doc]) -> tuple[list[int], int]:
    """Each dump's fold (by page, so a page's two dumps share one) and the number of folds."""
    order: dict[object, int] = {}
    keys = [(doc.page.source, doc.page.id) if doc.page is not None else index for index, doc in enumerate(docs)]
    for key in keys:
        order.setdefault(key, len(order))
    folds = min(FOLDS, len(order))
    return [order[key] % max(folds, 1) for key in keys], folds


def first_stage(docs: list[Doc], epochs: int) -> tuple[LineModel, list[np.ndarray]]:
    """The first stage and each dump's first-stage logits from a model that never saw its page.

    FOLDS models, each fitted without one fold of pages (by page, so a page's two dumps share a
    fold), give the logits of the pages left out: the trees learn how far to trust the first
    stage on unseen pages, not on its own training rows. The shipped first stage is their mean
    (one standardisation for all, so the mean of the weights is the mean of the logits): on a new
    page its logits are on the scale the trees were trained on.
    """
    fold, folds = fold_of(docs)
    if folds < 2:
        model = fit_first(docs, epochs)
        return model, [model.logits(doc.features) for doc in docs]
    dense = matrix(docs).dense
    standard = (dense.mean(axis=0), dense.std(axis=0) + 1e-6)
    logits: list[np.ndarray] = [np.zeros(0)] * len(docs)
    models = []
    for held in range(folds):
        models.append(fit_first([doc for doc, f in zip(docs, fold, strict=True) if f != held], epochs, standard))
        for index, f in enumerate(fold):
            if f == held:
                logits[index] = models[-1].logits(docs[index].features)
    mean_model = replace(
        models[0],
        dense_weights=np.mean([m.dense_weights for m in models], axis=0),
        word_weights=np.mean([m.word_weights for m in models], axis=0),
        bias=float(np.mean([m.bias for m in models])),
    )
    return mean_model, logits


def out_of_fold_scores(docs: list[Doc], logits: list[np.ndarray], trees: int) -> list[np.ndarray]:
    """Each dump's boilerplate scores from trees that never saw its page (fitted on the other folds'
    dumps, over the out-of-fold first-stage logits): the thresholds are picked on these, as a new
    page would be scored, not on scores of rows the trees were fitted to."""
    fold, folds = fold_of(docs)
    scores: list[np.ndarray] = [np.zeros(0)] * len(docs)
    for held in range(folds):
        inside = [index for index, f in enumerate(fold) if f != held]
        x, y, weight = stage_two_rows([docs[i] for i in inside], [logits[i] for i in inside])
        forest = fit_forest(x, y, weight, trees)
        for index, f in enumerate(fold):
            if f == held and docs[index].paragraphs:
                row = stage_two_features(docs[index].features.dense, logits[index])
                scores[index] = probability(forest.decision(row))
    return scores


def fit_forest(x: np.ndarray, y: np.ndarray, weight: np.ndarray, trees: int) -> Forest:
    """Gradient-boosted trees (sklearn's histogram boosting, fixed seed, no early stopping), as arrays."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(
        max_iter=trees,
        learning_rate=TREE_RATE,
        max_leaf_nodes=TREE_LEAVES,
        max_depth=TREE_DEPTH,
        min_samples_leaf=max(2, min(MIN_LEAF, len(y) // 50)),
        l2_regularization=1.0,
        early_stopping=False,
        random_state=SEED,
    )
    model.fit(x, y, sample_weight=weight)
    forest = export_forest(model)
    sample = x[: min(len(x), 2000)]
    if not np.allclose(forest.decision(sample), model.decision_function(sample), atol=1e-6):
        raise RuntimeError("exported trees disagree with sklearn's; check the node layout of this sklearn version")
    return forest


def export_forest(model: object) -> Forest:
    """The fitted trees as flat arrays (cleaner.linemodel.Forest): leaves point to themselves."""
    parts: dict[str, list[np.ndarray]] = {name: [] for name in ("feature", "threshold", "left", "right", "value")}
    roots, offset, depth = [], 0, 0
    for (predictor,) in model._predictors:  # type: ignore[attr-defined]
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        own = np.arange(len(nodes)) + offset
        parts["feature"].append(np.where(leaf, 0, nodes["feature_idx"]))
        parts["threshold"].append(np.where(leaf, np.inf, nodes["num_threshold"]))
        parts["left"].append(np.where(leaf, own, nodes["left"].astype(np.int64) + offset))
        parts["right"].append(np.where(leaf, own, nodes["right"].astype(np.int64) + offset))
        parts["value"].append(np.where(leaf, nodes["value"], 0.0))
        roots.append(offset)
        offset += len(nodes)
        depth = max(depth, int(nodes["depth"].max()))
    arrays = {name: np.concatenate(values) for name, values in parts.items()}
    return Forest(
        arrays["feature"].astype(np.int32),
        arrays["threshold"].astype(np.float64),
        np.column_stack([arrays["left"], arrays["right"]]).astype(np.int32),
        arrays["value"].astype(np.float64),
        np.array(roots, dtype=np.int32),
        depth,
        float(np.ravel(model._baseline_prediction)[0]),  # type: ignore[attr-defined]
    )


def stage_two_rows(docs: list[Doc], logits: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The trees' training rows (clearly labelled paragraphs), labels and weights: classes balanced,
    and within a class a paragraph weighs by the square root of its words (the metric counts tokens)."""
    rows, labels, sizes = [], [], []
    for doc, first in zip(docs, logits, strict=True):
        keep = (doc.shares >= BODY) | (doc.shares <= BOILERPLATE)
        if keep.any():
            rows.append(stage_two_features(doc.features.dense, first)[keep])
            labels.append((doc.shares[keep] <= BOILERPLATE).astype(float))
            sizes.append(np.sqrt(np.expm1(doc.features.dense[keep, WORDS_COLUMN] * WORDS_SCALE) + 1))
    y, size = np.concatenate(labels), np.concatenate(sizes)
    weight = size * np.where(y == 1, 0.5 / size[y == 1].sum(), 0.5 / size[y == 0].sum()) * len(y)
    return np.vstack(rows), y, weight


def train(docs: list[Doc], epochs: int = EPOCHS, trees: int = TREES) -> LineModel:
    """The whole model: see train_with_logits."""
    return train_with_logits(docs, epochs, trees)[0]


def train_with_logits(docs: list[Doc], epochs: int = EPOCHS, trees: int = TREES) -> tuple[LineModel, list[np.ndarray]]:
    """Stage one on each paragraph's features; the trees on its features and the stage-one logits
    around it (out of fold, see first_stage). Also each dump's out-of-fold stage-one logits."""
    np.random.seed(SEED)
    model, logits = first_stage(docs, epochs)
    x, y, weight = stage_two_rows(docs, logits)
    return replace(model, forest=fit_forest(x, y, weight, trees)), logits


def kept_text(doc: Doc, going: np.ndarray | None) -> str:
    """The dump's text without the units marked as going (all of it for None)."""
    if going is None:
        return "\n\n".join(doc.paragraphs)
    return "\n\n".join(p for p, out in zip(doc.paragraphs, going, strict=True) if not out)


def drops(doc: Doc, threshold: float, everywhere: bool = False) -> np.ndarray | None:
    """The units the model removes from a dump, as LineModel.apply does: a page-like dump's by
    `page_cut` (emptied when every unit scores EMPTY_PAGE_SCORE or more and none it keeps is prose),
    any other's at `threshold` when switched on (`everywhere`, `line_model=True`); None where the
    model does not run."""
    page = looks_like_page(doc.paragraphs)
    if doc.scores is None or not runs_on(len(doc.paragraphs), page, everywhere):
        return None
    return units_going(doc.scores, doc.features, page, threshold)


def body_loss(docs: list[Doc], going: Callable[[Doc], np.ndarray | None]) -> float:
    """Share of the gold shingles cleaner finds without the model that the model then removes
    (`going` gives each dump's removed units, None for no model)."""
    found = lost = 0
    for doc in docs:
        removed = going(doc)
        truth = shingles(tokens(doc.page.truth))
        before = sum((shingles(tokens(kept_text(doc, None))) & truth).values())
        if removed is not None and removed.any():
            after = sum((shingles(tokens(kept_text(doc, removed))) & truth).values())
            lost += max(before - after, 0)
        found += before
    return lost / found if found else 0.0


def extracted_groups(docs: list[Doc]) -> list[list[Doc]]:
    """Each source's extracted dumps: the text whose body the model must keep."""
    groups = [[doc for doc in docs if doc.dump == "extracted" and doc.page.source == source] for source in SOURCES]
    return [group for group in groups if group]


def worst_loss(groups: list[list[Doc]], threshold: float) -> float:
    """The highest body loss over the groups at this threshold, with the model switched on."""
    return max(body_loss(group, lambda doc: drops(doc, threshold, everywhere=True)) for group in groups)


def pick_threshold(docs: list[Doc]) -> float:
    """The lowest threshold (most removed) whose body loss on every source's training extracted
    dumps, with the model switched on (`line_model=True`: page-like dumps cut by `page_cut`, the
    others at this threshold), is under 1%: no source pays for another's gain.

    Loss only grows as the threshold falls: walk down in steps of 0.05, then back up by 0.01.
    """
    groups = extracted_groups(docs)
    coarse = 1.0
    for threshold in np.round(np.arange(0.95, 0.25, -0.05), 2):
        if worst_loss(groups, threshold) >= MAX_BODY_LOSS:
            break
        coarse = float(threshold)
    for threshold in np.round(np.arange(coarse - 0.04, coarse, 0.01), 2):
        if threshold > 0 and worst_loss(groups, threshold) < MAX_BODY_LOSS:
            return float(threshold)
    return coarse


def pick_sure_logit(docs: list[Doc], logits: list[np.ndarray], threshold: float) -> float:
    """The lowest of SURE_LOGITS at or over which the trees, out of fold, score fewer than
    MAX_SURE_KEPT of the training paragraphs as more likely body than boilerplate (under
    EMPTY_PAGE_SCORE), raised where need be to the threshold's own logit (`threshold_logit`: a unit
    the first stage decides goes in every mode). Infinite (the trees score every paragraph) when
    none is. (Scores, not the page cut's decisions: the cut keeps some units the trees score high,
    a page's every line when it cannot tell its article from the rest. Raised to the threshold, not
    stepped to the next of SURE_LOGITS: a strict threshold of 0.96 would otherwise push 3.0 to 3.5
    and leave a quarter more of a page's units to the trees.)"""
    scored = [(first, doc.scores) for doc, first in zip(docs, logits, strict=True) if doc.scores is not None]
    chosen = math.inf
    for sure in SURE_LOGITS:
        over = sum(int((first >= sure).sum()) for first, _ in scored)
        kept = sum(int(((first >= sure) & (scores < EMPTY_PAGE_SCORE)).sum()) for first, scores in scored)
        if kept >= MAX_SURE_KEPT * max(over, 1):
            break
        chosen = sure
    return max(chosen, threshold_logit(threshold))


def threshold_logit(threshold: float) -> float:
    """The lowest logit, in hundredths, whose probability is at or over the threshold."""
    if threshold <= 0.0:
        return -math.inf
    if threshold >= 1.0:
        return math.inf
    logit = math.ceil(100 * math.log(threshold / (1 - threshold))) / 100
    return logit if probability(logit) >= threshold else round(logit + 0.01, 2)


def pick_sure_body_logit(docs: list[Doc], logits: list[np.ndarray]) -> float:
    """The highest of SURE_BODY_LOGITS at or under which the trees, out of fold, score fewer than
    MAX_SURE_BODY_DROPPED of the training paragraphs as boilerplate (EMPTY_PAGE_SCORE or more);
    minus infinity (the trees score every paragraph the first stage reads as body) when none is.
    Walked from the least sure: the fewest paragraphs lie at the far end, where a handful the
    trees drop weigh most (lines of mis-decoded characters, '???? says:', which the first stage
    scores to extremes)."""
    scored = [(first, doc.scores) for doc, first in zip(docs, logits, strict=True) if doc.scores is not None]
    for sure in SURE_BODY_LOGITS:
        under = sum(int((first <= sure).sum()) for first, _ in scored)
        dropped = sum(int(((first <= sure) & (scores >= EMPTY_PAGE_SCORE)).sum()) for first, scores in scored)
        if dropped < MAX_SURE_BODY_DROPPED * max(under, 1):
            return sure
    return -math.inf


def with_sure_logits(scores: np.ndarray, first: np.ndarray, sure: float, sure_body: float) -> np.ndarray:
    """Scores as the model gives them with the first stage deciding alone at or over `sure` and at
    or under `sure_body`."""
    return np.where((first >= sure) | (first <= sure_body), probability(first), scores)


def report(docs: list[Doc], model: LineModel, split: str) -> list[dict]:
    """Per source and dump: without the model, by default (page-like dumps only) and switched on."""
    modes: dict[str, Callable[[Doc], np.ndarray | None]] = {
        "without": lambda doc: None,
        "default": lambda doc: drops(doc, model.threshold),
        "on": lambda doc: drops(doc, model.threshold, everywhere=True),
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


def inputs_digest(docs: Iterable[Doc]) -> str:
    """A digest of what the model is fitted to: each training dump's name, sentence units and labels,
    in order. The fit is deterministic, so on the same script and packages the same digest means
    the script writes the same file, and another means the text path (or the data) moved."""
    digest = hashlib.sha256()
    for doc in docs:
        name = f"{doc.page.source}/{doc.page.id}/{doc.dump}" if doc.page else doc.dump
        digest.update(name.encode() + b"\0" + "\x1e".join(doc.paragraphs).encode() + b"\0")
        digest.update(np.ascontiguousarray(doc.shares, dtype="<f8").tobytes())
    return digest.hexdigest()


def check(path: Path, digest: str) -> int:
    """0 when the model at `path` records `digest` as its inputs, else 1; prints which."""
    recorded = LineModel.load(path).trained_on
    if recorded == digest:
        print(f"{path}: trained on the paragraphs and labels the text path gives today ({digest[:12]})")
        return 0
    if not recorded:
        print(f"{path}: records no inputs (written before they were recorded): retrain to check it")
    else:
        print(
            f"{path}: trained on other paragraphs or labels ({recorded[:12]}; today {digest[:12]}): "
            "retrain and ship the file the script writes"
        )
    return 1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "cleaner" / "models" / "line-model.npz")
    parser.add_argument("--sources", default=",".join(SOURCES))
    parser.add_argument("--report", type=Path, default=ROOT / "benchmarks" / "results" / "line-model.json")
    parser.add_argument(
        "--check",
        action="store_true",
        help="train nothing: tell whether the model at --out was fitted to the paragraphs and labels the "
        "text path gives today (exit status 1 if not)",
    )
    add_gold_option(parser, "label paragraphs by")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    pages = pages_with_gold(args.sources, args.gold)
    dumps = make_dumps(pages)
    docs = make_docs(pages, dumps)
    training = [doc for doc in docs if not is_heldout(doc.page)]
    heldout = [doc for doc in docs if is_heldout(doc.page)]
    digest = inputs_digest(training)
    if args.check:
        raise SystemExit(check(args.out, digest))
    labels = np.concatenate([doc.shares for doc in training])
    print(
        f"{len(pages)} pages, {len(training)} training dumps, {len(labels)} paragraphs, "
        f"{np.mean(labels <= BOILERPLATE):.1%} boilerplate, {np.mean(labels >= BODY):.1%} body",
        file=sys.stderr,
    )
    model, logits = train_with_logits(training)
    for doc, scores in zip(training, out_of_fold_scores(training, logits, TREES), strict=True):
        doc.scores = scores
    threshold = pick_threshold(training)
    default_losses = [body_loss(group, lambda doc: drops(doc, threshold)) for group in extracted_groups(training)]
    if max(default_losses) >= MAX_BODY_LOSS:  # the page cut has no threshold of its own to raise
        raise SystemExit(f"the page cut loses {max(default_losses):.2%} of an extracted body by default")
    sure = pick_sure_logit(training, logits, threshold)
    sure_body = pick_sure_body_logit(training, logits)
    for doc, first in zip(training, logits, strict=True):
        if doc.scores is not None and len(doc.scores):
            doc.scores = with_sure_logits(doc.scores, first, sure, sure_body)
    model = replace(model, threshold=threshold, sure_logit=sure, sure_body_logit=sure_body, trained_on=digest)
    for doc in heldout:
        doc.scores = model.scores(doc.paragraphs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    page_like = np.concatenate(
        [first for doc, first in zip(training, logits, strict=True) if looks_like_page(doc.paragraphs)]
    )
    print(
        f"threshold {threshold:.2f}, sure logits {sure} and {sure_body} (of page-like dumps' paragraphs, "
        f"{np.mean(page_like >= sure):.1%} and {np.mean(page_like <= sure_body):.1%} decided by the first stage); "
        f"wrote {args.out} in {time.perf_counter() - started:.0f} s"
    )
    rows = report(training, model, "train") + report(heldout, model, "held-out")
    args.report.parent.mkdir(parents=True, exist_ok=True)
    summary = {"threshold": threshold, "sure_logit": sure, "sure_body_logit": sure_body, "rows": rows}
    args.report.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
