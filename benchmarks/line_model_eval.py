"""The line model on held-out pages: cleaner with and without it, beside jusText, on the same dumps.

    python benchmarks/line_model_eval.py [--sources aeb,cleaneval,dragnet] [--split held-out|train]
    python benchmarks/line_model_eval.py --html --sources aeb --split all

Dumps are the ones benchmarks/train_line_model.py makes (trafilatura's extraction and a
whole-page dump of every page; cached in benchmarks/data/). Per source and dump: token-shingle
P/R/F1 (benchmarks/metric.py) of cleaner without the model (`line_model=False`), by default
(`"auto"`: the model on dumps that look like a whole page), with it on every dump (`True`), of
jusText given the same dump (one <p> per line), and of an oracle that drops exactly the
paragraphs of cleaner's output that are mostly not in the gold text (the best any decision
over those paragraphs can do). The gold is the page's whole gold text (`--gold full`, the
default) or, for Dragnet, whose gold puts the page's reader comments after a marker line, the
article alone (`--gold article`). Body loss is the share of the gold shingles cleaner finds
without the model that the model removes. Then the model's share of cleaning time:
`Cleaner().clean` on the seeds, on each kind of AEB dump and on CleanEval's and Dragnet's
whole-page dumps with and without it (CPU seconds, medians of fifteen rounds run in turn, each
cleaning the texts three times; see timing), and
the model's share when every dump is new to the process, as on a crawl (each source's held-out
dumps cleaned once in a fresh process, median of five; see first_read).
With --html: cleaner's HTML path on every page of the sources, with the model off and on.
"""

from __future__ import annotations

import argparse
import gc
import html
import json
import multiprocessing
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.metric import aggregate, score_page, shingles, tokens  # noqa: E402
from benchmarks.sources import SOURCES, Page, is_heldout  # noqa: E402
from benchmarks.train_line_model import DUMPS, add_gold_option, body_shares, make_dumps, pages_with_gold  # noqa: E402
from cleaner import Cleaner  # noqa: E402
from cleaner.config import Config  # noqa: E402
from cleaner.errors import CleanerError  # noqa: E402
from cleaner.linemodel import LineModel  # noqa: E402

TIMING_ROUNDS = 15
TIMING_REPEATS = 3  # each timed run cleans the texts this many times (about a second per run)
FIRST_READ_ROUNDS = 5
OTHER_TIMED = ("cleaneval", "dragnet")  # timed round after round on their whole-page dumps, beside AEB's dumps
# Cleaned before a first-read round's clock starts: a dump the model cuts, so that what loads on
# first use (the model's character tables, the language profiles, the rules) is not timed.
WARM_UP = "\n\n".join(
    [
        *(f"Menu item {n}" for n in range(12)),
        "The story itself runs to a sentence of some length, as articles do, and goes on for a while"
        " about the harbour board and its plans for the docks.",
        "The board met on Tuesday evening and heard from residents who worry about the noise of the"
        " cranes and the lorries that will use the new road.",
        "A decision is expected next month, after the council has read the report on traffic and the"
        " port's own survey of the seabed.",
    ]
)
TOOLS = ("cleaner", "cleaner default", "cleaner+model", "jusText", "oracle")


def cleaned(cleaner: Cleaner, dump: str, url: str | None = None) -> str:
    try:
        return cleaner.clean(dump, url=url, kind="text").text
    except CleanerError:
        return ""


def justext_text(dump: str) -> str:
    """jusText over the same dump: each line one <p>, English stop words (as benchmarks/quality.py)."""
    import justext

    if not dump.strip():
        return ""
    markup = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in dump.splitlines()) + "</body></html>"
    try:
        paragraphs = justext.justext(markup, justext.get_stoplist("English"))
    except Exception:  # jusText raises on some inputs; that page scores as empty
        return ""
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def body_loss(without: list[str], with_: list[str], pages: list[Page]) -> float:
    found = lost = 0
    for before, after, page in zip(without, with_, pages, strict=True):
        truth = shingles(tokens(page.truth))
        kept_before = sum((shingles(tokens(before)) & truth).values())
        kept_after = sum((shingles(tokens(after)) & truth).values())
        found, lost = found + kept_before, lost + max(kept_before - kept_after, 0)
    return lost / found if found else 0.0


def oracle(text: str, truth: str) -> str:
    """cleaner's paragraphs without those mostly outside the gold text: the best paragraph-level decision."""
    paragraphs = text.split("\n\n") if text else []
    shares = body_shares(paragraphs, truth) if paragraphs else []
    return "\n\n".join(p for p, share in zip(paragraphs, shares, strict=True) if share >= 0.5)


def evaluate(pages: list[Page], dumps: dict, cleaners: dict[str, Cleaner]) -> list[dict]:
    rows = []
    for source in SOURCES:
        group = [page for page in pages if page.source == source]
        for dump in DUMPS if group else ():
            texts = [dumps[f"{page.source}/{page.id}"][dump] for page in group]
            outputs = {
                name: [cleaned(cleaner, text, page.url) for text, page in zip(texts, group, strict=True)]
                for name, cleaner in cleaners.items()
            }
            outputs["jusText"] = [justext_text(text) for text in texts]
            outputs["oracle"] = [oracle(text, page.truth) for text, page in zip(outputs["cleaner"], group, strict=True)]
            row = {
                "source": source,
                "dump": dump,
                "pages": len(group),
                "body_loss": body_loss(outputs["cleaner"], outputs["cleaner+model"], group),
                "body_loss_default": body_loss(outputs["cleaner"], outputs["cleaner default"], group),
            }
            for tool, predicted in outputs.items():
                score = aggregate(score_page(text, page.truth) for text, page in zip(predicted, group, strict=True))
                row[tool] = {"P": score.precision, "R": score.recall, "F1": score.f1}
            rows.append(row)
            print(line(row), flush=True)
    return rows


def line(row: dict) -> str:
    cells = "  ".join(f"{tool} {row[tool]['P']:.3f}/{row[tool]['R']:.3f}/{row[tool]['F1']:.3f}" for tool in TOOLS)
    losses = f"body loss {row['body_loss_default']:.2%} default, {row['body_loss']:.2%} on"
    return f"{row['source']:<10}{row['dump']:<11}{row['pages']:>5}  {cells}  {losses}"


def timing(texts: list[str], on: Cleaner, off: Cleaner, rounds: int = TIMING_ROUNDS) -> dict:
    """CPU seconds to clean the texts without and with the model, in turn for `rounds` rounds.

    Medians over the rounds: `overhead` is each round's with/without ratio less one (all a user
    pays, the model's own time and what its arrays push out of the caches of the rest), `share`
    the model's own time (`LineModel.apply`) over the rest of the same run with it, and
    `inference_share` the part of it that scores the units and cuts (`LineModel.decide`: features,
    both stages, the cut; the rest groups lines into units, tests the page and records removals).
    The minimum of a ratio would pick the luckiest round on a shared machine and read low.
    """
    model = on._line_model
    per_round: dict[str, list[float]] = {"without": [], "with": [], "overhead": [], "share": [], "inference_share": []}
    for _ in range(rounds):
        without = _cpu_seconds(off, texts)
        with _timed(model, ("apply", "decide")) as spent:
            with_ = _cpu_seconds(on, texts)
        rest = max(with_ - spent["apply"], 1e-9)
        per_round["without"].append(without)
        per_round["with"].append(with_)
        per_round["overhead"].append(with_ / without - 1)
        per_round["share"].append(spent["apply"] / rest)
        per_round["inference_share"].append(spent["decide"] / rest)
    return {name: statistics.median(values) for name, values in per_round.items()}


@contextmanager
def _timed(model: LineModel | None, names: tuple[str, ...]) -> Iterator[dict[str, float]]:
    """CPU seconds spent in each named method of the model while the block runs (zeros without a
    model): the frozen model's methods are wrapped on this instance only, and unwrapped after."""
    spent = dict.fromkeys(names, 0.0)
    if model is None:
        yield spent
        return
    for name in names:
        object.__setattr__(model, name, _timer(getattr(model, name), spent, name))
    try:
        yield spent
    finally:
        for name in names:
            object.__delattr__(model, name)


def _timer(method: Callable[..., Any], spent: dict[str, float], name: str) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return method(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start

    return timed


def first_read(texts: list[str], rounds: int = FIRST_READ_ROUNDS) -> dict:
    """The model's share of the documents' time when every text is new to the process, as on a crawl.

    `timing` cleans the same texts round after round, so the rest of cleaning reads lines its
    memos already hold (the rules' candidates, the words' language profiles) and the model's
    share rises. Here each round is a fresh process (spawned, none of an earlier round's memos)
    that cleans every text once by default: medians over the rounds of the model's own time
    (`apply`) and of scoring and cutting (`decide`), each over the documents' whole time.

    The process freezes the garbage collector's view of the cleaner once it is built, as
    cleaner's own workers do (cleaner/runner.py): otherwise a round's one full collection, a
    scan of every rule and language profile, lands in whichever step is running then (a rule
    added elsewhere moved it into the model's `apply`, +4 points of "own" time on AEB's pages).
    """
    with multiprocessing.get_context("spawn").Pool(1, maxtasksperchild=1) as pool:
        shares = pool.map(_first_read_round, [texts] * rounds, chunksize=1)
    return {
        "share": statistics.median(share for share, _ in shares),
        "inference_share": statistics.median(inference for _, inference in shares),
    }


def _first_read_round(texts: list[str]) -> tuple[float, float]:
    cleaner = Cleaner()
    cleaned(cleaner, WARM_UP)
    gc.freeze()  # as a worker of `cleaner clean` does after building its Cleaner
    with _timed(cleaner._line_model, ("apply", "decide")) as spent:
        total = _cpu_seconds(cleaner, texts)
    return spent["apply"] / total, spent["decide"] / total


def _cpu_seconds(cleaner: Cleaner, texts: list[str]) -> float:
    start = time.process_time()
    for text in texts:
        cleaned(cleaner, text)
    return time.process_time() - start


def html_path(pages: list[Page]) -> list[dict]:
    """cleaner's HTML path with the model off (the default) and on, per source: should it run there?"""
    off = Cleaner(Config(detect_language=False))
    on = Cleaner(Config(line_model=True, detect_language=False))
    on._line_model_kinds = ("text", "html")  # what LINE_MODEL_KINDS would be with HTML switched on
    rows = []
    for source in SOURCES:
        group = [page for page in pages if page.source == source]
        if not group:
            continue
        row = {"source": source, "pages": len(group)}
        for name, cleaner in (("html", off), ("html+model", on)):
            texts = [_clean_html(cleaner, page) for page in group]
            score = aggregate(score_page(text, page.truth) for text, page in zip(texts, group, strict=True))
            row[name] = {"P": score.precision, "R": score.recall, "F1": score.f1}
        rows.append(row)
        print(
            f"{source:<10}html {len(group):>5}  "
            + "  ".join(
                f"{name} {row[name]['P']:.3f}/{row[name]['R']:.3f}/{row[name]['F1']:.3f}"
                for name in ("html", "html+model")
            ),
            flush=True,
        )
    return rows


def _clean_html(cleaner: Cleaner, page: Page) -> str:
    try:
        return cleaner.clean(page.html, url=page.url, kind="html").text
    except CleanerError:
        return ""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", default=",".join(SOURCES))
    parser.add_argument("--split", choices=("held-out", "train", "all"), default="held-out")
    parser.add_argument("--html", action="store_true", help="only compare the HTML path with the model off and on")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "line-model-eval.json")
    parser.add_argument("--rounds", type=int, default=TIMING_ROUNDS, help="timing rounds (medians over them)")
    add_gold_option(parser, "score against")
    args = parser.parse_args(argv)
    pages = pages_with_gold(args.sources, args.gold)
    if args.html:
        chosen = [page for page in pages if args.split == "all" or is_heldout(page) == (args.split == "held-out")]
        print(f"cleaner's HTML path ({args.split} pages); P/R/F1 with the model off and on", flush=True)
        rows = html_path(chosen)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.with_name("line-model-html.json").write_text(json.dumps(rows, indent=2))
        return
    dumps = make_dumps(pages)
    pages = [page for page in pages if args.split == "all" or is_heldout(page) == (args.split == "held-out")]
    cleaners = {
        "cleaner": Cleaner(Config(line_model=False, detect_language=False)),
        "cleaner default": Cleaner(Config(detect_language=False)),
        "cleaner+model": Cleaner(Config(line_model=True, detect_language=False)),
    }
    print(f"{args.split} pages; P/R/F1 per tool: {', '.join(TOOLS)}", flush=True)
    rows = evaluate(pages, dumps, cleaners)
    aeb = {dump: [dumps[f"aeb/{page.id}"][dump] for page in pages if page.source == "aeb"] for dump in DUMPS}
    seeds = [path.read_text(encoding="utf-8") for path in sorted(ROOT.glob("golden/seed-*/input.txt"))]
    off, default = Cleaner(Config(line_model=False)), Cleaner()  # as users run it, without the model and with
    costs = {}
    for mode, on in (("default", default), ("on", Cleaner(Config(line_model=True)))):
        costs[f"seeds, {mode}"] = timing(seeds * 20 * TIMING_REPEATS, on, off, args.rounds)
        for dump, texts in aeb.items():
            costs[f"aeb {dump} dumps, {mode}"] = timing(texts * TIMING_REPEATS, on, off, args.rounds)
    for source in OTHER_TIMED:  # the whole pages the model is for, from the other sources too
        texts = [dumps[f"{page.source}/{page.id}"]["whole-page"] for page in pages if page.source == source]
        if texts:
            costs[f"{source} whole-page dumps, default"] = timing(texts * TIMING_REPEATS, default, off, args.rounds)
    for name, cost in costs.items():
        print(
            f"time {name}: {cost['without']:.2f} s without, {cost['with']:.2f} s with the model "
            f"(+{cost['overhead']:.1%}); the model's own time over the rest of the same runs: {cost['share']:.1%} "
            f"({cost['share'] / (1 + cost['share']):.1%} of the documents' time; scoring and cutting the units "
            f"{cost['inference_share'] / (1 + cost['share']):.1%})"
        )
    first_reads = {}
    for source in SOURCES:
        for dump in DUMPS:
            texts = [dumps[f"{page.source}/{page.id}"][dump] for page in pages if page.source == source]
            if texts:
                first_reads[f"{source} {dump} dumps"] = cost = first_read(texts)
                print(
                    f"first read, {source} {dump} dumps ({len(texts)}, each once in a fresh process, by default): "
                    f"the model {cost['share']:.1%} of the documents' time, scoring and cutting the units "
                    f"{cost['inference_share']:.1%}",
                    flush=True,
                )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    timings = {"timing": costs, "first_read": first_reads}
    args.json.write_text(json.dumps({"split": args.split, "rows": rows, **timings}, indent=2))


if __name__ == "__main__":
    main()
