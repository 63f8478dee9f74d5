"""utils.claims.learned_comparison: notebook 04's answer to "does full BPTT learn better?"."""

import pytest

from utils import claims


def test_neither_learned_names_no_winner():
    s = claims.learned_comparison("full BPTT", 0.496, "truncated BPTT", 0.492, 0.552, 0.063,
                                  rule="twice the standard error of an accuracy on 250 reviews")
    assert s == ("full BPTT 0.496 (5.6 points below the majority baseline), truncated BPTT "
                 "0.492 (6.0 points below the majority baseline); the majority baseline is "
                 "0.552. Neither has learned yet: neither is above the majority baseline by more "
                 "than the noise (6.3 points, twice the standard error of an accuracy on 250 "
                 "reviews), so this run cannot say which learns better.")
    assert " is better" not in s and " is worse" not in s


def test_above_the_baseline_but_within_the_noise_is_not_learned():
    s = claims.learned_comparison("a", 0.56, "b", 0.55, 0.53, 0.0316)
    assert "Neither has learned yet" in s and "(3.2 points)" in s


def test_learned_then_compared_against_the_same_noise():
    s = claims.learned_comparison("full BPTT", 0.571, "truncated BPTT", 0.573, 0.53, 0.0316,
                                  rule="twice the standard error")
    assert s.startswith("full BPTT 0.571 (4.1 points above the majority baseline), truncated "
                        "BPTT 0.573 (4.3 points above the majority baseline)")
    assert s.endswith("full BPTT is 0.2 points below truncated BPTT, within the noise (3.2 "
                      "points, twice the standard error): the same within noise.")


def test_learned_and_clearly_better():
    s = claims.learned_comparison("x", 0.70, "y", 0.60, 0.5, 0.03, baseline_name="chance")
    assert "10.0 points above y, more than the noise (3.0 points): x is better." in s
    assert "(20.0 points above chance)" in s


def test_bad_noise_is_refused_when_compared():
    with pytest.raises(ValueError, match="noise"):
        claims.learned_comparison("x", 0.70, "y", 0.60, 0.5, float("nan"))
