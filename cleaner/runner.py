"""Run a Cleaner over a stream of input records: in this process, or in worker processes that
are killed and replaced when one document takes longer than its time limit."""

from __future__ import annotations

import ctypes
import gc
import logging
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from time import monotonic
from typing import Any, Protocol, TypeVar

from .config import Config
from .document import Document
from .errors import CleanerError
from .filters import HTTP_STATUS, Filters
from .io.readers import InputRecord
from .pipeline import Cleaner
from .schema import ordered

log = logging.getLogger(__name__)
Key = TypeVar("Key", int, str)  # a stats counter's key: an HTTP status, a filter reason, an error kind
# How long past max_seconds a worker may stay silent before it is killed: the in-process
# timer normally fails the document first; a kill is for code that timer cannot interrupt.
KILL_GRACE_SECONDS = 2.0
# A worker says it is ready (its Cleaner is built) with this in place of a sequence number; the
# clock of its first document starts then, not while many workers load rules on few cores.
READY = -1
# A worker that is still not ready after this long never will be: the run stops with an error.
STARTUP_SECONDS = 300.0
# How often a worker checks that the command that started it is still there.
WATCH_SECONDS = 0.5
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
MiB = 1024 * 1024
Result = tuple[InputRecord, dict[str, Any]]
# How long a worker took to clean a document rides back in its record under this key, which `run`
# takes out before anyone sees the record.
SECONDS_KEY = "_clean_seconds"


class CleansDocuments(Protocol):
    """What a run needs of its cleaner: a Cleaner, or what stands in for one (learning's LearnView)."""

    def clean(
        self, data: bytes | str, url: str | None = None, kind: str | None = None, extra: dict[str, Any] | None = None
    ) -> Document: ...


@dataclass(frozen=True)
class RunOptions:
    """How documents are spread over processes; `jobs=0` means one worker per core."""

    jobs: int = 0
    batch_size: int = 8
    ordered: bool = True
    in_process: bool = False
    # Input bytes the parent holds at once (read ahead, at the workers, or waiting for an earlier
    # document): the window is bounded in bytes as well as documents, so a run of 10 MiB pages
    # holds a few dozen of them, not hundreds. One document is always let in, whatever its size.
    window_bytes: int = 128 * MiB
    # Input bytes per batch sent to a worker (at least one document).
    batch_bytes: int = 8 * MiB
    # What each process cleans with, built once per process (a picklable callable of the Config).
    cleaner_factory: Callable[[Config], CleansDocuments] = Cleaner
    # Records carry the body's blocks (Markdown and XML output, or asked for by --fields).
    blocks: bool = False
    # Which cleaned documents are kept; the others become "filtered" records (cleaner/filters.py).
    filters: Filters = Filters()

    @property
    def workers(self) -> int:
        return self.jobs if self.jobs > 0 else (os.cpu_count() or 1)


@dataclass
class Stats:
    """Counts of one run (or part of one); merge the parts of parallel runs with `merge`."""

    inputs: int = 0
    ok: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    filtered: Counter[str] = field(default_factory=Counter)  # by reason (too-short, language)
    skipped: Counter[int] = field(default_factory=Counter)  # WARC responses left out, by HTTP status
    clean_seconds: float = 0.0  # time spent cleaning, summed over documents
    slowest: float = 0.0

    def add(self, record: dict[str, Any], seconds: float = 0.0) -> None:
        """Count one output record: its status, error kind or filter reason, how long it took to
        clean, and every rule that removed something."""
        self.inputs += 1
        self._count(record, 1)
        self.clean_seconds += seconds
        self.slowest = max(self.slowest, seconds)
        self.rules.update(item["rule"] for item in record.get("removed") or ())

    def recount(self, counted: dict[str, Any], written: dict[str, Any]) -> None:
        """A record the writer had to change (its name cannot be a path) counts as it was written."""
        self._count(counted, -1)
        self._count(written, 1)

    def _count(self, record: dict[str, Any], step: int) -> None:
        status = record["status"]
        if status == "ok":
            self.ok += step
        elif status == "filtered" and record.get("filter_reason") == HTTP_STATUS:
            _move(self.skipped, record.get("http_status") or 0, step)
        elif status == "filtered":
            _move(self.filtered, record.get("filter_reason") or "filtered", step)
        else:
            _move(self.errors, record.get("error_kind", "error"), step)

    def status_classes(self) -> dict[str, int]:
        """Skipped responses by status class: {"3xx": 10, "4xx": 2}."""
        classes: Counter[str] = Counter()
        for status, count in self.skipped.items():
            classes[f"{status // 100}xx" if status else "unknown"] += count
        return dict(classes)

    def as_dict(self, seconds: float) -> dict[str, Any]:
        """The summary of a run that took `seconds`, as one JSON-ready object (`--stats-json`)."""
        cleaned = self.inputs - sum(self.skipped.values())
        return {
            "documents": {
                "inputs": self.inputs,
                "ok": self.ok,
                "errors": sum(self.errors.values()),
                "filtered": sum(self.filtered.values()),
                "skipped": sum(self.skipped.values()),
            },
            "errors": dict(self.errors.most_common()),
            "filtered": dict(self.filtered.most_common()),
            "skipped_by_status": {str(status): count for status, count in sorted(self.skipped.items())},
            "skipped_by_class": self.status_classes(),
            "removals": dict(self.rules.most_common()),
            "timings": {
                "seconds": round(seconds, 3),
                "documents_per_second": round(self.inputs / seconds, 2) if seconds > 0 else None,
                "clean_seconds": round(self.clean_seconds, 3),
                "clean_seconds_mean": round(self.clean_seconds / cleaned, 4) if cleaned > 0 else None,
                "clean_seconds_max": round(self.slowest, 3),
            },
        }

    def merge(self, other: Stats) -> Stats:
        """The counts of both runs together."""
        return Stats(
            self.inputs + other.inputs,
            self.ok + other.ok,
            self.errors + other.errors,
            self.rules + other.rules,
            self.filtered + other.filtered,
            self.skipped + other.skipped,
            self.clean_seconds + other.clean_seconds,
            max(self.slowest, other.slowest),
        )


def _move(counter: Counter[Key], key: Key, step: int) -> None:
    """Add `step` to one count; a count that falls to zero leaves the counter, so recounts leave no zeros."""
    counter[key] += step
    if counter[key] <= 0:
        del counter[key]


def clean_record(cleaner: CleansDocuments, item: InputRecord, blocks: bool = False) -> dict[str, Any]:
    """One output record for one input record: the document (with its blocks if asked), or an error saying why."""
    done = premade(item)
    if done is not None:
        return done
    assert item.data is not None  # a record holds its data unless it holds an error
    try:
        # the charset only when a transport declared one: a cleaner_factory's Cleaner may predate it
        declared = {"charset": item.charset} if item.charset else {}
        doc = cleaner.clean(item.data, url=item.url, kind=item.kind, extra=dict(item.extra), **declared)
    except CleanerError as err:
        return error_record(item, err.kind, f"{type(err).__name__}: {err}")
    except Exception as err:  # noqa: BLE001 - one bad page never stops a run
        log.debug("unexpected error on %s", item.source, exc_info=True)
        return error_record(item, "internal", f"{type(err).__name__}: {err}")
    record = {"source": item.source, "status": "ok", **doc.to_dict(include_blocks=blocks), **http_status(item)}
    for key, value in item.fallback.items():
        if record.get(key) is None:
            record[key] = value
    return ordered(record)


def error_record(item: InputRecord, kind: str, message: str) -> dict[str, Any]:
    """An error output record; the pass-through fields and URL stay, so it can be joined."""
    fields = {"source": item.source, "status": "error", "error_kind": kind, "error": message, "url": item.url}
    return ordered({**item.extra, **fields, **http_status(item)})


def filtered_record(item: InputRecord, reason: str) -> dict[str, Any]:
    """The record of an input the reader chose not to clean (a WARC response by its HTTP status)."""
    fields = {"source": item.source, "status": "filtered", "filter_reason": reason, "url": item.url}
    return ordered({**item.extra, **fields, **http_status(item)})


def http_status(item: InputRecord) -> dict[str, int]:
    """A WARC response's HTTP status as a record field; nothing for inputs that have none."""
    return {} if item.http_status is None else {"http_status": item.http_status}


def timed_record(cleaner: CleansDocuments, item: InputRecord, blocks: bool = False) -> dict[str, Any]:
    """`clean_record`, with the time it took under SECONDS_KEY (for the run's stats)."""
    started = monotonic()
    record = clean_record(cleaner, item, blocks)
    record[SECONDS_KEY] = monotonic() - started
    return record


def premade(item: InputRecord) -> dict[str, Any] | None:
    """The record of an input that needs no cleaning (a read error, a response filtered by the reader)."""
    if item.error is not None:
        return error_record(item, item.error_kind, item.error)
    return filtered_record(item, item.filtered) if item.filtered is not None else None


def size_of(item: InputRecord) -> int:
    """What an input record costs to hold: the length of its data."""
    return len(item.data) if item.data is not None else 0


def run(
    config: Config, options: RunOptions, items: Iterable[InputRecord], stats: Stats
) -> Generator[Result, None, None]:
    """(input, output record) for every input record, counting each into `stats`."""
    runner = run_serial if options.in_process else run_parallel
    for item, record in runner(config, options, items):
        seconds = record.pop(SECONDS_KEY, 0.0)
        record = options.filters.apply(record)
        stats.add(record, seconds)
        yield item, record


def run_serial(config: Config, options: RunOptions, items: Iterable[InputRecord]) -> Iterator[Result]:
    """Clean in this process, in input order; the Cleaner's own time limit applies, which cannot stop
    one long call into C code (no worker to kill here)."""
    cleaner = options.cleaner_factory(config)
    for item in items:
        yield item, timed_record(cleaner, item, options.blocks)


def run_parallel(config: Config, options: RunOptions, items: Iterable[InputRecord]) -> Iterator[Result]:
    """Clean in worker processes; see `Pool`."""
    pool = Pool(config, options)
    try:
        yield from pool.results(items)
    finally:
        pool.close()


def worker_main(
    config: Config,
    factory: Callable[[Config], CleansDocuments],
    tasks: Any,
    results: Any,
    command: int,
    blocks: bool = False,
    log_level: int = logging.WARNING,
) -> None:
    """A worker: build the Cleaner once, then clean batches until told to stop (None)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    if log_level < logging.WARNING:  # the command asked for cleaner's messages (-v): the workers' too
        logging.basicConfig(format="cleaner: %(levelname)s: %(message)s")
        logging.getLogger("cleaner").setLevel(log_level)
    die_with(command)
    cleaner = factory(config)
    gc.freeze()  # the rules and profiles live as long as the worker: keep them out of GC scans
    results.send((READY, None))
    while (batch := tasks.get()) is not None:
        for seq, item in batch:
            results.send((seq, timed_record(cleaner, item, blocks)))


def die_with(command: int) -> None:
    """End this worker when the command that started it ends, even by `kill -9`, which gives the
    command no chance to stop it. A worker waiting for work would otherwise wait for ever, and keep
    the forkserver's resource tracker alive with it."""
    parent = os.getppid()  # the forkserver, which exits when the command does
    if sys.platform.startswith("linux"):
        try:  # the kernel kills this process the moment its parent exits
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError) as err:
            log.debug("no parent-death signal: %s", err)
    threading.Thread(target=_watch, args=(parent, command), name="cleaner-watch", daemon=True).start()


def _watch(parent: int, command: int) -> None:
    """The portable fallback: poll for the parent (reparented once it died) and the command."""
    while os.getppid() == parent and _alive(command):
        time.sleep(WATCH_SECONDS)
    log.debug("the command that started this worker is gone; exiting")
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Worker:
    """One worker process, its task queue, its result pipe and the documents it holds."""

    def __init__(self, ctx: Any, config: Config, factory: Callable[[Config], CleansDocuments], blocks: bool = False):
        self.tasks = ctx.Queue()
        self.conn, sender = ctx.Pipe(duplex=False)
        self.process = ctx.Process(
            target=worker_main,
            args=(
                config,
                factory,
                self.tasks,
                sender,
                os.getpid(),
                blocks,
                logging.getLogger("cleaner").getEffectiveLevel(),
            ),
            daemon=True,
        )
        self.process.start()
        sender.close()
        self.pending: deque[int] = deque()
        self.ready = False
        self.started = self.since = monotonic()

    def assign(self, batch: list[tuple[int, InputRecord]]) -> None:
        """Queue a batch; the clock for its first document starts now if the worker was idle."""
        if not self.pending and self.ready:
            self.since = monotonic()
        self.pending.extend(seq for seq, _ in batch)
        self.tasks.put(batch)

    def received(self, seq: int) -> None:
        """A result (or the ready message) came back: the next document's clock starts now."""
        self.ready = True
        if self.pending and self.pending[0] == seq:
            self.pending.popleft()
        self.since = monotonic()

    def kill(self) -> None:
        """Stop the process at once, whatever it is doing, and drop its queue and pipe."""
        self.process.kill()
        self.process.join()
        self._drop_channels()

    def stop(self) -> None:
        """End the process: an idle worker holds nothing worth finishing. No stop message goes
        through the queue: a put may start the queue's feeder thread, and a thread started while
        the interpreter shuts down (after an error in the writer) never runs, so exit would hang."""
        self.process.terminate()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self._drop_channels()

    def _drop_channels(self) -> None:
        self.tasks.cancel_join_thread()  # batches the worker never took must not hold up exit
        self.tasks.close()
        self.conn.close()


class Pool:
    """Worker processes fed in batches through bounded windows, so memory stays flat however long
    the input; a worker that holds one document past `config.max_seconds` is killed and replaced,
    and that document becomes an error record."""

    def __init__(self, config: Config, options: RunOptions):
        self.config, self.options = config, options
        self.ctx = mp.get_context("forkserver")
        self.ctx.set_forkserver_preload(["cleaner.runner"])
        self.workers: list[Worker] = []  # started as the input asks for them (`_start_workers`)
        # Room for results that wait on an earlier, slower document (ordered output) while the
        # workers go on: a few hundred documents in memory at most, however long the input.
        self.window = 32 * options.workers * options.batch_size
        self.held: dict[int, InputRecord] = {}
        self.held_bytes = 0
        self.done: dict[int, dict[str, Any]] = {}
        self.backlog: deque[tuple[int, InputRecord]] = deque()
        self.next_out = 0

    def results(self, items: Iterable[InputRecord]) -> Iterator[Result]:
        """Output records, in input order if the options say so, else as they complete."""
        source = enumerate(items)
        exhausted = False
        while not exhausted or self.held:
            exhausted = exhausted or self._read(source)
            self._dispatch()
            yield from self._ready()
            if any(worker.pending for worker in self.workers):
                self._collect()
                self._enforce_time_limit()

    def _read(self, source: Iterator[tuple[int, InputRecord]]) -> bool:
        """Take input records while the window has room; True once the input is exhausted."""
        while len(self.held) < self.window and (not self.held or self.held_bytes < self.options.window_bytes):
            entry = next(source, None)
            if entry is None:
                return True
            seq, item = entry
            self.held[seq] = item
            self.held_bytes += size_of(item)
            record = premade(item)
            if record is not None:
                self.done[seq] = record
            else:
                self.backlog.append(entry)
        return False

    def _start_workers(self) -> None:
        """Start workers up to `options.workers`, as many as the documents waiting fill batches: a
        run of one page starts one (each worker builds its own Cleaner, seconds of CPU), a long
        input all of them at once."""
        batches = -(-len(self.backlog) // self.options.batch_size)
        more = min(self.options.workers - len(self.workers), batches)
        if more > 0:
            factory, blocks = self.options.cleaner_factory, self.options.blocks
            self.workers += [Worker(self.ctx, self.config, factory, blocks) for _ in range(more)]
            log.info("worker processes started: %d", len(self.workers))

    def _dispatch(self) -> None:
        """Give each worker with fewer than two batches queued another batch."""
        if self.backlog and all(worker.pending for worker in self.workers):
            self._start_workers()
        size = self.options.batch_size
        for worker in sorted(self.workers, key=lambda w: len(w.pending)):
            if self.backlog and len(worker.pending) <= size:
                worker.assign(self._batch())

    def _batch(self) -> list[tuple[int, InputRecord]]:
        """The next documents of the backlog, up to the batch size in documents and in bytes."""
        batch = [self.backlog.popleft()]
        total = size_of(batch[0][1])
        while self.backlog and len(batch) < self.options.batch_size:
            total += size_of(self.backlog[0][1])
            if total > self.options.batch_bytes:
                break
            batch.append(self.backlog.popleft())
        return batch

    def _ready(self) -> Iterator[Result]:
        """Finished records that may be emitted now."""
        if self.options.ordered:
            while self.next_out in self.done:
                self.next_out += 1
                yield self._release(self.next_out - 1)
        else:
            for seq in list(self.done):
                yield self._release(seq)

    def _release(self, seq: int) -> Result:
        item = self.held.pop(seq)
        self.held_bytes -= size_of(item)
        return item, self.done.pop(seq)

    def _collect(self) -> None:
        """Wait briefly for results and take every one that has arrived; notice dead workers."""
        busy = {worker.conn: worker for worker in self.workers if worker.pending}
        for conn in wait(list(busy), timeout=self._wait_seconds()):
            worker = busy[conn]
            try:
                while worker.conn.poll():
                    seq, record = worker.conn.recv()
                    worker.received(seq)
                    if seq != READY:
                        self.done[seq] = record
            except (EOFError, OSError):
                code = worker.process.exitcode
                self._replace(worker, "crash", f"worker process died (exit code {code})")

    def _kill_limit(self) -> float | None:
        """The in-process timer fails a slow document at max_seconds; a worker stuck in C code
        past that, plus a grace period, is killed."""
        limit = self.config.max_seconds
        return limit + KILL_GRACE_SECONDS if limit else None

    def _wait_seconds(self) -> float:
        limit = self._kill_limit()
        if not limit:
            return 1.0
        deadline = min((w.since + limit for w in self.workers if w.pending and w.ready), default=monotonic() + 1)
        return max(0.0, min(1.0, deadline - monotonic()))

    def _enforce_time_limit(self) -> None:
        limit = self._kill_limit()
        for worker in list(self.workers):
            if worker.pending and not worker.ready and monotonic() - worker.started > STARTUP_SECONDS:
                raise CleanerError(f"a worker process did not start within {STARTUP_SECONDS:g} s")
            if limit and worker.pending and worker.ready and monotonic() - worker.since > limit:
                self._replace(worker, "timeout", f"took longer than {limit:g} s; worker killed")

    def _replace(self, worker: Worker, kind: str, message: str) -> None:
        """Kill a worker, fail the document it held, requeue the rest, start a fresh worker."""
        worker.kill()
        culprit, *rest = worker.pending
        log.warning("%s: %s", self.held[culprit].source, message)
        self.done[culprit] = error_record(self.held[culprit], kind, message)
        self.backlog.extendleft((seq, self.held[seq]) for seq in reversed(rest))
        self.workers[self.workers.index(worker)] = Worker(
            self.ctx, self.config, self.options.cleaner_factory, self.options.blocks
        )

    def close(self) -> None:
        """Stop every worker, whatever state the run ended in; safe to call more than once."""
        workers, self.workers = self.workers, []
        for worker in workers:
            try:
                worker.kill() if worker.pending else worker.stop()
            except (OSError, ValueError) as err:  # a pipe already gone: the process is still stopped
                log.debug("stopping worker %s: %s", worker.process.pid, err)
