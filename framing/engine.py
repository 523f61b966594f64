"""Run :func:`framing.analyze.analyze` over a corpus: in-process, on a process pool, or on Dask.

Every engine streams: articles are read, sent out in batches and yielded back
**in input order**, with only a bounded number of batches in flight, so memory
stays flat however large the corpus, and the output is the same, record for
record, whichever engine or number of processes ran it.

>>> import framing
>>> from framing.engine import run
>>> arts = [framing.Article(id=str(i), text="Regime forces shelled the town.") for i in range(3)]
>>> [a.article.id for a in run(arts, jobs=1)]
['0', '1', '2']
"""

from __future__ import annotations

import os
from collections import deque
from itertools import islice
from typing import Iterable, Iterator

from .analyze import analyze, check_quotes
from .data import Analysis, Article
from .errors import FramingError
from .lexicon import load_lexicons

__all__ = ["run", "default_jobs", "ENGINES"]

ENGINES = ("local", "dask")


def default_jobs() -> int:
    """Number of cores this process may use (the default for ``--jobs``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _analyze_batch(batch: list[Article], lexicons, sentiment: bool, quotes: str = "all",
                   loaded=False) -> list[Analysis]:
    """Worker task: analyse one batch (lexicons travel with the task, so workers need no files)."""
    return [analyze(a, lexicons, sentiment=sentiment, quotes=quotes, loaded=loaded) for a in batch]


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Batches of ``size`` articles. When reading fails (a bad record under
    ``--strict``, an ``on_error`` that raises), the articles read before it still
    come out as a last, shorter batch; then the error is raised."""
    it = iter(articles)
    while True:
        batch: list[Article] = []
        try:
            for a in islice(it, size):
                batch.append(a)
        except Exception:
            if batch:
                yield batch
            raise
        if not batch:
            return
        yield batch


def _ordered(submit, batches: Iterator[list[Article]], window: int) -> Iterator[Analysis]:
    """Submit batches with at most ``window`` in flight; yield results in input order.
    When the batches stop with an error, the batches in flight are finished and
    yielded first, so nothing read before the error is lost."""
    pending: deque = deque()
    try:
        for batch in batches:
            pending.append(submit(batch))
            if len(pending) >= window:
                yield from pending.popleft().result()
    except Exception:
        while pending:
            yield from pending.popleft().result()
        raise
    while pending:
        yield from pending.popleft().result()


def run(articles: Iterable[Article], lexicons=None, *, jobs: int | None = None,
        engine: str = "local", scheduler: str | None = None, batch_size: int = 32,
        sentiment: bool = True, quotes: str = "all", loaded: bool | str = False) -> Iterator[Analysis]:
    """Analyse a stream of articles, yielding one :class:`~framing.data.Analysis` each, in order.

    Args:
        articles: any iterable of :class:`~framing.data.Article` (consumed lazily).
        lexicons: pack names, paths or loaded packs (``None``: the defaults).
        jobs: worker processes for the local engine; ``None`` = all cores. A
            corpus smaller than one batch is analysed in-process.
        engine: ``"local"`` or ``"dask"``.
        scheduler: the Dask scheduler address (``tcp://host:8786``) or a
            ``distributed.Client``; required with ``engine="dask"``.
        batch_size: articles per task.
        sentiment, quotes: passed on to :func:`~framing.analyze.analyze`.
        loaded: run the loaded-language tagger (``True``, or a model's name or path;
            passed on to :func:`~framing.analyze.analyze`).

    Raises:
        FramingError: for an unknown engine, a bad ``jobs`` value, a missing
            scheduler, or Dask not installed.
    """
    if engine not in ENGINES:
        raise FramingError(f"engine {engine!r} not known; allowed: {', '.join(ENGINES)}")
    if jobs is not None and jobs < 1:
        raise FramingError(f"--jobs must be 1 or more, not {jobs}")
    if batch_size < 1:
        raise FramingError(f"batch size must be 1 or more, not {batch_size}")
    check_quotes(quotes)
    lexs = load_lexicons(lexicons)
    batches = _batches(articles, batch_size)
    if engine == "dask":
        yield from _run_dask(batches, lexs, scheduler, sentiment, quotes, loaded)
        return
    jobs = default_jobs() if jobs is None else jobs
    first = next(batches, None)
    if first is None:
        return
    if jobs == 1 or len(first) < batch_size:
        yield from _analyze_batch(first, lexs, sentiment, quotes, loaded)
        for b in batches:
            yield from _analyze_batch(b, lexs, sentiment, quotes, loaded)
        return
    from concurrent.futures import ProcessPoolExecutor

    def all_batches():
        yield first
        yield from batches

    with ProcessPoolExecutor(max_workers=jobs, initializer=_die_with_parent,
                             initargs=(os.getpid(),)) as pool:
        yield from _ordered(lambda b: pool.submit(_analyze_batch, b, lexs, sentiment, quotes, loaded),
                            all_batches(), window=2 * jobs)


def _die_with_parent(parent: int) -> None:
    """Worker initializer: end this worker when the process that started it ends, even by
    ``kill -TERM`` or ``kill -KILL`` (Linux ``PR_SET_PDEATHSIG``; elsewhere nothing changes)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)   # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() != parent:  # the parent ended before the call above
        os._exit(1)


def _run_dask(batches, lexs, scheduler, sentiment, quotes, loaded=False) -> Iterator[Analysis]:
    try:
        from distributed import Client
    except ImportError:
        raise FramingError("the dask engine needs the 'dask' extra: pip install -e \".[dask]\"") from None
    if scheduler is None:
        raise FramingError("the dask engine needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
    own = not isinstance(scheduler, Client)
    client = _connect(Client, scheduler) if own else scheduler
    try:
        n = max(1, sum(client.nthreads().values()))
        lex_future = client.scatter([lexs], broadcast=True)[0]
        yield from _ordered(lambda b: client.submit(_analyze_batch, b, lex_future, sentiment, quotes, loaded,
                                                    pure=False),
                            batches, window=2 * n)
    except FramingError:
        raise
    except Exception as e:  # noqa: BLE001 - a worker killed, a task cancelled, the scheduler gone
        if type(e).__module__.startswith(("distributed", "concurrent", "asyncio", "tornado")) \
                or isinstance(e, (OSError, TimeoutError)):
            raise FramingError(f"the Dask cluster at {scheduler} failed the run "
                               f"({type(e).__name__}: {e})") from None
        raise
    finally:
        if own:
            client.close(timeout=CONNECT_TIMEOUT)


CONNECT_TIMEOUT = 10
"""Seconds to wait for a Dask scheduler to answer (connection and handshake)."""


def _connect(Client, scheduler: str):
    """A client of the scheduler at ``scheduler``, or a :class:`FramingError` within
    about :data:`CONNECT_TIMEOUT` seconds: a bad address, nothing listening, or
    something listening that is not a Dask scheduler (a silent port, an HTTP
    server), whose handshake would otherwise be waited for without end."""
    import threading

    box: dict = {}

    def connect():
        try:
            box["client"] = Client(scheduler, timeout=f"{CONNECT_TIMEOUT}s")
        except BaseException as e:  # noqa: BLE001 - handed to the caller
            box["error"] = e

    t = threading.Thread(target=connect, daemon=True, name="framing-dask-connect")
    t.start()
    t.join(CONNECT_TIMEOUT + 5)
    if t.is_alive():
        raise FramingError(f"no Dask scheduler answered at {scheduler} within {CONNECT_TIMEOUT} s "
                           "(is it the address of a Dask scheduler?)")
    if "error" in box:
        e = box["error"]
        raise FramingError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
    return box["client"]
