"""utils.claims helper of notebook 06: when one model first reached another's perplexity."""

import pytest

from utils import claims


def test_below_at_the_first_check_is_an_upper_bound():
    text = claims.first_below([7.61], [26.3], bar=14.86, bar_seconds=10.0)
    assert text == ("The many-to-many model was below the many-to-one model's final perplexity "
                    "(14.86) at its first check, the end of epoch 1, after 26 s of training: it "
                    "took at most 2.6 times the many-to-one model's 10 s, perhaps much less (the "
                    "perplexity is checked once per epoch).")


def test_below_at_a_later_check_is_a_bracket():
    text = claims.first_below([9.0, 7.5, 6.5, 5.0], [10, 20, 30, 40], bar=6.84, bar_seconds=71)
    assert text == ("The many-to-many model first went below the many-to-one model's final "
                    "perplexity (6.84) during epoch 3: after more than 20 s and at most 30 s of "
                    "training, between 0.3 and 0.4 times the many-to-one model's 71 s (the "
                    "perplexity is checked once per epoch).")


def test_level_counts_as_reached_and_names_are_used():
    text = claims.first_below([8.0, 6.84], [5, 10], bar=6.84, bar_seconds=5, name="model b",
                              other="model a")
    assert text.startswith("Model b first went below model a's final perplexity (6.84) during "
                           "epoch 2: after more than 5 s and at most 10 s of training, between "
                           "1.0 and 2.0 times model a's 5 s")


def test_never_reached():
    assert claims.first_below([9.0], [12], bar=6.84, bar_seconds=71) == (
        "The many-to-many model did not reach the many-to-one model's final perplexity (6.84) "
        "in its 1 epoch (12 s of training).")
    assert "in its 2 epochs (24 s" in claims.first_below([9.0, 8.0], [12, 24], bar=6.84,
                                                        bar_seconds=71)


@pytest.mark.parametrize("curve, seconds, bar_seconds", [
    ([], [], 10), ([5.0], [1, 2], 10), ([5.0], [0], 10), ([5.0], [1], 0)])
def test_bad_arguments(curve, seconds, bar_seconds):
    with pytest.raises(ValueError):
        claims.first_below(curve, seconds, bar=6.0, bar_seconds=bar_seconds)
