"""A small least-recently-used cache of finished responses, bounded by the bytes it holds."""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass


@dataclass(frozen=True)
class Payload:
    """A response body ready to send: the JSON bytes and their gzip-compressed form."""

    plain: bytes
    gzipped: bytes

    @property
    def size(self) -> int:
        """Bytes held."""
        return len(self.plain) + len(self.gzipped)


def budget_bytes(megabytes: int) -> int:
    """A cache's budget: `megabytes`, or FOGGYHILL_CACHE_MB when set (0 turns the answer caches off, as
    benchmarks/api.py does to measure what they are worth)."""
    return int(os.environ.get("FOGGYHILL_CACHE_MB", megabytes)) * 1024 * 1024


class ResponseCache:
    """Keeps the most recently used payloads while their total size stays under `budget` bytes."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.held = 0
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[Hashable, Payload] = OrderedDict()

    def get(self, key: Hashable) -> Payload | None:
        """The payload stored under `key`, marked as recently used (None if absent)."""
        payload = self._items.get(key)
        if payload is None:
            self.misses += 1
            return None
        self.hits += 1
        self._items.move_to_end(key)
        return payload

    def put(self, key: Hashable, payload: Payload) -> None:
        """Store a payload, dropping the least recently used ones to stay within the budget."""
        if payload.size > self.budget:
            return  # one oversized answer must not flush everything else
        old = self._items.pop(key, None)
        if old is not None:
            self.held -= old.size
        self._items[key] = payload
        self.held += payload.size
        while self.held > self.budget:
            _, dropped = self._items.popitem(last=False)
            self.held -= dropped.size

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"ResponseCache({len(self)} answers, {self.held} of {self.budget} bytes, {self.hits} hits)"
