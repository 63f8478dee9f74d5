"""utils.claims: the words a notebook prints for a measured comparison."""

import pytest

from utils import claims


def test_side_and_amount():
    assert [claims.side(d) for d in (0.1, -0.1, 0.0)] == ["above", "below", "level with"]
    assert claims.amount(-0.023) == "2.3 points"
    assert claims.amount(0.42, unit="°C", scale=1, digits=2) == "0.42 °C"
    assert claims.amount(3.0, unit="", scale=1) == "3.0"


def test_spread_is_the_sample_standard_deviation():
    assert claims.spread([1.0, 2.0]) == pytest.approx(0.70710678)   # population std: 0.5
    assert claims.spread([2, 4, 4, 4, 5, 5, 7, 9]) == pytest.approx(2.13808994)
    with pytest.raises(ValueError, match="at least two"):
        claims.spread([1.0])


def test_times():
    assert claims.times(10, 20) == "2.0 times faster"
    assert claims.times(20, 10) == "2.0 times slower"
    assert claims.times(10, 10.3) == "about as fast"        # not "1.0 times slower"
    assert claims.times(10, 10.6) == "1.1 times faster"
    with pytest.raises(ValueError, match="positive"):
        claims.times(0, 1)


def test_listing():
    assert claims.listing([]) == ""
    assert claims.listing(["a"]) == "a"
    assert claims.listing(["a", "b"]) == "a and b"
    assert claims.listing(["a", "b", "c"], last="or") == "a, b or c"


def test_grouped():
    a = claims.by_seeds("a", [1.0, 1.1, 1.2], "bar", [2.0, 2.0, 2.1], higher_is_better=False)
    b = claims.by_seeds("b", [2.0, 2.5, 1.5], "bar", [2.0, 2.0, 2.1], higher_is_better=False)
    c = claims.by_seeds("c", [3.0, 3.1, 3.2], "bar", [2.0, 2.0, 2.1], higher_is_better=False)
    d = claims.by_seeds("d", [0.9, 1.0, 1.1], "bar", [2.0, 2.0, 2.1], higher_is_better=False)
    assert claims.grouped([c, b, a, d], "the bar") == (
        "a and d are better than the bar; b is not separated from it; c is worse than it")
    assert claims.grouped([b], "the bar") == "b is not separated from the bar"
    fast = claims.by_seeds("e", [1, 1.1], "f", [3, 3.1], higher_is_better=False,
                           words=("faster", "slower"))
    assert claims.grouped([fast], "f") == "e is faster than f"
    with pytest.raises(ValueError):
        claims.grouped([], "f")


def test_plural():
    assert [claims.plural(n, "seed") for n in (0, 1, 3)] == ["0 seeds", "1 seed", "3 seeds"]
    assert claims.plural(1, "month") == "1 month" and claims.plural(2, "month") == "2 months"
    assert claims.plural(2, "analysis", "analyses") == "2 analyses"
