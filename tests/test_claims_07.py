"""utils.claims.separated: notebook 07's test of which word groups separate in a plot."""

import numpy as np
import pytest

from utils import claims


def test_two_clusters_separate():
    points = [[0, 0], [0, 1], [1, 0], [10, 10], [10, 11], [11, 10]]
    assert claims.separated(points, ["a"] * 3 + ["b"] * 3) is True


def test_one_point_nearer_another_centre_does_not_separate():
    # the third "a" point lies at (9, 9): nearer b's centre (about (10.3, 10.3)) than a's
    points = [[0, 0], [0, 1], [9, 9], [10, 10], [10, 11], [11, 10]]
    assert claims.separated(points, ["a"] * 3 + ["b"] * 3) is False


def test_interleaved_groups_do_not_separate():
    points = np.array([[0.0], [1.0], [2.0], [3.0]])
    assert claims.separated(points, ["x", "y", "x", "y"]) is False


def test_three_groups_in_more_dimensions():
    rng = np.random.default_rng(0)
    centres = np.array([[0, 0, 0], [5, 0, 0], [0, 5, 0]])
    points = np.concatenate([c + 0.1 * rng.standard_normal((4, 3)) for c in centres])
    labels = [name for name in ("p", "q", "r") for _ in range(4)]
    assert claims.separated(points, labels)
    labels[0] = "q"                       # a p point labelled q is nearer p's centre
    assert not claims.separated(points, labels)


@pytest.mark.parametrize("points, labels, message", [
    ([[0, 0], [1, 1]], ["a", "a"], "at least two groups"),
    ([[0, 0], [1, 1]], ["a"], "n labels"),
    ([0, 1, 2], ["a", "b", "a"], "n labels"),
])
def test_bad_arguments(points, labels, message):
    with pytest.raises(ValueError, match=message):
        claims.separated(points, labels)
