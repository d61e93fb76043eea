"""Extraction spread over worker processes, with the database written by the parent alone.

Each worker builds the spaCy pipeline once (``_start_worker``) and turns batches
of documents into facts; the parent reads documents, hands out batches and
stores what comes back, so SQLite keeps a single writer. Only a few batches per
worker are in flight at a time, so a backlog of a million documents never sits
in memory, and results come back in document order.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

IN_FLIGHT_PER_WORKER = 3

_extractor = None  # the worker process's Extractor, built once by _start_worker


def _start_worker(vendors: list[dict]) -> None:
    global _extractor
    # Ctrl-C and SIGTERM are the parent's to handle: it stops between documents and ends the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from nlp.extract import Extractor

    _extractor = Extractor(vendors)


def _extract_batch(batch: list[dict]) -> list[tuple[dict, list[dict]]]:
    return list(_extractor.pipe(batch, batch_size=len(batch)))


def _batches(records: Iterable[dict], size: int) -> Iterator[list[dict]]:
    records = iter(records)
    while batch := list(islice(records, size)):
        yield batch


def pipe_parallel(vendors: list[dict], records: Iterable[dict], *, workers: int,
                  batch_size: int = 32) -> Iterator[tuple[dict, list[dict]]]:
    """``(record, facts)`` for each record, in order, computed by ``workers`` processes.

    Closing the iterator early (a stop request) terminates the workers.
    """
    # forkserver: workers start from a clean interpreter, not a copy of a parent holding a database
    context = multiprocessing.get_context("forkserver")
    with context.Pool(workers, initializer=_start_worker, initargs=(vendors,)) as pool:
        pending: deque = deque()
        for batch in _batches(records, batch_size):
            pending.append(pool.apply_async(_extract_batch, (batch,)))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
