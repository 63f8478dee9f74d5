"""utils.claims helpers of notebook 08: the bucketing paragraph and the comparison's verdicts."""

import pytest

from utils import claims

# The full profile's recorded test accuracies (results/full.json, 2026-11-25).
FULL = {"Bag of words, Dense(16) x 2": 0.886, "SimpleRNN(32)": 0.854, "LSTM(32)": 0.883,
        "GRU(32)": 0.881, "Bidirectional(LSTM(32))": 0.876, "LSTM(32), reversed reviews": 0.873,
        "LSTM(32), masked padding": 0.875}
EPOCH_S = {"LSTM(32)": 20.3, "Bidirectional(LSTM(32))": 35.7, "Bag of words, Dense(16) x 2": 1.2}


def test_comparisons_of_the_recorded_full_run_against_two_points():
    verdicts = {k: c.verdict for k, c in claims.imdb_comparisons(FULL, 0.02).items()}
    assert verdicts == {"LSTM - SimpleRNN": "better", "GRU - SimpleRNN": "better",
                        "GRU - LSTM": "same", "bidirectional - LSTM": "same",
                        "reversed - LSTM": "same", "masked - LSTM": "same",
                        "bag of words - LSTM": "same"}


def test_the_standard_decides_the_verdict():
    c = claims.imdb_comparisons(FULL, 0.03)            # 2.9 and 2.7 points are within 3
    assert c["LSTM - SimpleRNN"].verdict == c["GRU - SimpleRNN"].verdict == "same"
    c = claims.imdb_comparisons(FULL, 0.005)           # 1.0 point backwards is beyond 0.5
    assert c["reversed - LSTM"].verdict == "worse"
    assert c["reversed - LSTM"].diff == pytest.approx(-0.010)


def test_a_missing_model_is_named():
    with pytest.raises(KeyError, match="GRU"):
        claims.imdb_comparisons({k: v for k, v in FULL.items() if k != "GRU(32)"}, 0.02)


def test_paragraph_words_every_comparison_against_the_standard():
    text = claims.imdb_paragraph(FULL, 0.02, EPOCH_S, bi_weights=2.0, profile="full", seed=42)
    assert text.startswith("**What the table shows** (full profile, seed 42, each model "
                           "trained once; this notebook's standard: 2.0 points, a convention, "
                           "not a measured spread).")
    assert ("The LSTM is 2.9 points above the SimpleRNN, more than the noise (2.0 points, this "
            "notebook's standard): the LSTM is better.") in text
    assert ("The GRU is 0.2 points below the LSTM, within the noise (2.0 points, this notebook's "
            "standard)") in text
    assert "with 2 times the LSTM's recurrent weights, reached 0.876 in 35.7 s per epoch" in text
    assert "reading backwards is 1.0 points below reading forwards, within the noise" in text
    assert "the bag of words is 0.3 points above the LSTM, within the noise" in text
    assert text.count("the same within noise") == 5 and text.count("is better") == 2
    assert text.count("this notebook's standard)") == 7        # every verdict names its rule


def test_comparisons_name_their_rule():
    c = claims.imdb_comparisons(FULL, 0.02, rule="the sample spread of 3 seeds")
    assert all("(2.0 points, the sample spread of 3 seeds)" in x.sentence for x in c.values())


def test_padding_paragraph_long_rows_report_the_speed_up():
    text = claims.padding_paragraph(profile="full", maxlen=500, steps_ratio=2.18, padded_s=3.5,
                                    bucketed_s=1.9, n_timed=40, mean_words=230, share_cut=0.12)
    assert text == ("**In this run** (full profile), bucketing cut an epoch's LSTM steps "
                    "2.18-fold, and the LSTM trained 1.8 times faster per batch (3.50 s padded "
                    "against 1.90 s bucketed for 40 batches). With reviews kept to 500 words, "
                    "54% of the padded steps were spent on padding.")


def test_padding_paragraph_short_rows_say_why_little_was_saved():
    text = claims.padding_paragraph(profile="quick", maxlen=80, steps_ratio=1.1, padded_s=0.50,
                                    bucketed_s=0.52, n_timed=10, mean_words=72, share_cut=0.8)
    assert ("80% of them fill the whole row, so only 10% of the padded steps were padding, and "
            "bucketing removed 9% of the steps") in text
    assert "about as fast bucketed" in text and text.endswith("(500 words).")
    # times under a second in ms, so that a ratio of 1.08 shows in the numbers beside it
    quick = claims.padding_paragraph(profile="quick", maxlen=80, steps_ratio=1.01,
                                     padded_s=0.108, bucketed_s=0.100, n_timed=10,
                                     mean_words=78, share_cut=0.92)
    assert "(108 ms padded against 100 ms bucketed for 10 batches: 1.1 times faster" in quick
    with pytest.raises(ValueError):
        claims.padding_paragraph(profile="quick", maxlen=80, steps_ratio=0, padded_s=1,
                                 bucketed_s=1, n_timed=1, mean_words=1, share_cut=0)
