"""utils.claims helper of notebook 09: the paragraph on what accuracy hides."""

import pytest

from utils import claims

SCORES = {"dense": {"accuracy": 0.786, "macro recall": 0.52, "macro F1": 0.55,
                    "recall, topics 3 and 4": 0.93, "recall, small topics": 0.31},
          "LSTM": {"accuracy": 0.709, "macro recall": 0.30, "macro F1": 0.31,
                   "recall, topics 3 and 4": 0.90, "recall, small topics": 0.05}}


def test_recall_paragraph_one_line_per_model():
    text = claims.recall_paragraph(SCORES, n_small=28)
    assert text.startswith("**dense:** accuracy 0.786; macro recall 0.520 (27 points below it) "
                           "and macro F1 0.550 (24 points below it). Mean recall over topics "
                           "3 and 4: 0.93; over the 28 small topics: 0.31.")
    assert "**LSTM:** accuracy 0.709; macro recall 0.300 (41 points below it)" in text
    assert text.endswith("over the 28 small topics: 0.05.")


def test_recall_paragraph_above_and_missing_keys():
    above = {"m": dict(SCORES["dense"], **{"macro F1": 0.80})}
    assert "macro F1 0.800 (1 point above it)" in claims.recall_paragraph(above, n_small=3)
    level = {"m": dict(SCORES["dense"], **{"macro F1": 0.788})}
    assert ("macro F1 0.788 (level with it, to the nearest point)"
            in claims.recall_paragraph(level, n_small=3))
    two = {"m": dict(SCORES["dense"], **{"macro recall": 0.766})}
    assert "macro recall 0.766 (2 points below it)" in claims.recall_paragraph(two, n_small=3)
    with pytest.raises(KeyError):
        claims.recall_paragraph({"m": {"accuracy": 0.5}}, n_small=3)
