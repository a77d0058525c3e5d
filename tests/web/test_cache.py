"""The response cache: least recently used answers go first, and the total size stays within its budget."""

from __future__ import annotations

from foggyhill.web.answers import encode
from foggyhill.web.cache import Payload, ResponseCache


def payload(size: int) -> Payload:
    return Payload(b"x" * size, b"")


def test_the_least_recently_used_answer_goes_first() -> None:
    cache = ResponseCache(budget=30)
    cache.put("a", payload(10))
    cache.put("b", payload(10))
    cache.put("c", payload(10))
    assert cache.get("a") is not None  # now "b" is the oldest
    cache.put("d", payload(10))
    assert cache.get("b") is None and cache.get("c") is not None and len(cache) == 3
    assert cache.held == 30


def test_an_answer_larger_than_the_budget_is_not_kept() -> None:
    cache = ResponseCache(budget=30)
    cache.put("a", payload(10))
    cache.put("huge", payload(31))
    assert cache.get("huge") is None and cache.get("a") is not None


def test_encoding_turns_non_finite_numbers_into_null() -> None:
    body = encode({"w": [1.5, float("inf"), float("nan")], "loss": -float("inf")})
    assert body.plain == b'{"w":[1.5,null,null],"loss":null}'
