"""utils.claims: the words a notebook prints for a measured comparison."""

import pytest

from utils import claims


def test_side_and_amount():
    assert [claims.side(d) for d in (0.1, -0.1, 0.0)] == ["above", "below", "level with"]
    assert claims.amount(-0.023) == "2.3 points"
    assert claims.amount(0.42, unit="°C", scale=1, digits=2) == "0.42 °C"
    assert claims.amount(3.0, unit="", scale=1) == "3.0"


def test_compare_accuracies_against_the_noise():
    beat = claims.compare("the LSTM", 0.883, "the SimpleRNN", 0.854, noise=0.01)
    assert beat.verdict == "better" and beat.diff == pytest.approx(0.029)
    assert beat.sentence == ("the LSTM is 2.9 points above the SimpleRNN, more than the noise "
                             "(1.0 points): the LSTM is better.")
    tie = claims.compare("the GRU", 0.881, "the LSTM", 0.883, noise=0.01)
    assert tie.verdict == "same" and "within the noise (1.0 points)" in tie.sentence
    lose = claims.compare("reversed", 0.85, "forward", 0.883, noise=0.01)
    assert lose.verdict == "worse" and lose.sentence.endswith("reversed is worse.")
    level = claims.compare("a", 0.5, "b", 0.5, noise=0.0)
    assert level.verdict == "same" and level.sentence.startswith("a is level with b")


def test_compare_errors_lower_is_better():
    mae = claims.compare("the GRU", 2.40, "the fair bar", 2.82, noise=0.05,
                         higher_is_better=False, unit="°C", scale=1, digits=2)
    assert mae.verdict == "better"
    assert mae.sentence.startswith("the GRU is 0.42 °C below the fair bar, more than the noise "
                                   "(0.05 °C)")
    assert claims.compare("a", 3.0, "b", 2.0, 0.5, higher_is_better=False).verdict == "worse"


@pytest.mark.parametrize("noise", [-0.1, float("nan"), float("inf"), "0.1", None])
def test_compare_needs_a_real_noise_level(noise):
    with pytest.raises(ValueError, match="noise level"):
        claims.compare("a", 1, "b", 2, noise)


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


def test_compare_names_the_rule_of_its_noise():
    c = claims.compare("the GRU", 0.88, "the LSTM", 0.87, 0.02, rule="this notebook's standard")
    assert c.sentence == ("the GRU is 1.0 points above the LSTM, within the noise (2.0 points, "
                          "this notebook's standard): the same within noise.")


def test_plural():
    assert [claims.plural(n, "seed") for n in (0, 1, 3)] == ["0 seeds", "1 seed", "3 seeds"]
    assert claims.plural(1, "month") == "1 month" and claims.plural(2, "month") == "2 months"
    assert claims.plural(2, "analysis", "analyses") == "2 analyses"
