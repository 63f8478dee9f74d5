"""The helpers notebooks 10 and 11 word their verdicts with (utils/claims.py, appended for them)."""

import pytest

from utils import claims, datasets


def test_beats_for_errors_and_for_scores():
    assert claims.beats(2.40, 2.82) == "beats"
    assert claims.beats(2.82, 2.82) == "does not beat"          # a tie does not beat
    assert claims.beats(3.10, 2.82) == "does not beat"
    assert claims.beats(0.88, 0.85, higher_is_better=True) == "beats"
    assert claims.beats(0.80, 0.85, higher_is_better=True) == "does not beat"


def test_judge_with_a_spread_is_compare():
    c = claims.judge("the reversed GRU", 3.89, "the forward GRU", 2.40, 0.05,
                     higher_is_better=False, unit="°C", scale=1, digits=2)
    assert c.verdict == "worse"
    assert c.sentence == ("the reversed GRU is 1.49 °C above the forward GRU, more than the noise "
                          "(0.05 °C): the reversed GRU is worse.")
    same = claims.judge("a", 2.43, "b", 2.40, 0.05, higher_is_better=False, unit="°C", scale=1,
                        digits=2)
    assert same.verdict == "same" and "within the noise (0.05 °C)" in same.sentence


def test_judge_without_a_spread_names_no_winner():
    u = claims.judge("the 30-minute hybrid", 2.90, "the hourly hybrid", 2.99, None,
                     higher_is_better=False, unit="°C", scale=1, digits=2)
    assert u.verdict == "unjudged"
    assert u.diff == pytest.approx(-0.09)
    assert u.sentence == ("the 30-minute hybrid is 0.09 °C below the hourly hybrid; one seed only, "
                          "so no spread to judge it against: no winner named.")
    assert "better" not in u.sentence and "worse" not in u.sentence
    level = claims.judge("a", 0.8, "b", 0.8, None, reason="one run each")
    assert level.sentence == "a is level with b; one run each: no winner named."


def test_judge_names_the_rule_of_its_noise():
    c = claims.judge("the reversed GRU", 3.89, "the forward GRU", 2.40, 0.05,
                     higher_is_better=False, unit="°C", scale=1, digits=2,
                     rule="the sample spread of the GRU over 3 seeds")
    assert "more than the noise (0.05 °C, the sample spread of the GRU over 3 seeds)" in c.sentence
    u = claims.judge("a", 2.9, "b", 2.8, None, unit="°C", scale=1, digits=2, rule="ignored",
                     reason="no spread is measured 24 hours ahead")
    assert u.sentence == ("a is 0.10 °C above b; no spread is measured 24 hours ahead: "
                          "no winner named.")


def test_untested_findings_print_what_held():
    text = claims.untested_findings("2009-2016", {"the GRU beats the naive forecast": False,
                                                  "the hybrid beats the convolutions": True})
    assert text == ("Jena 2009-2016, an option the course's checks are not fitted to: printed, "
                    "not asserted. \"the GRU beats the naive forecast\": does not hold in this "
                    "run; \"the hybrid beats the convolutions\": holds in this run.")
    with pytest.raises(ValueError, match="assert"):
        claims.untested_findings(claims.JENA_TESTED, {"x": True})
    with pytest.raises(ValueError, match="no findings"):
        claims.untested_findings("2009-2016", {})
    assert claims.JENA_TESTED in claims.JENA_YEARS


def test_judge_refuses_a_bad_noise_level():
    with pytest.raises(ValueError, match="noise"):
        claims.judge("a", 1.0, "b", 2.0, -0.1)


def test_times_than():
    assert claims.times_than(10, 20, "the LSTM") == "2.0 times faster than the LSTM"
    assert claims.times_than(30, 20, "the LSTM") == "1.5 times slower than the LSTM"
    assert claims.times_than(18.5, 17.8, "the LSTM") == "about as fast as the LSTM"


def test_curve_sentence_overfitting_still_improving_and_flat():
    over = claims.curve_sentence("GRU(32)", [0.5, 0.4, 0.3, 0.2], [0.30, 0.25, 0.26, 0.27],
                                 scale=10)
    assert over == ("GRU(32): best validation MAE 2.50 °C at epoch 2 of 4; after it, the training "
                    "loss went from 0.400 to 0.200 while validation did not improve: the model "
                    "began to overfit.")
    still = claims.curve_sentence("GRU(32)", [0.5, 0.4], [0.30, 0.25], scale=10)
    assert still.endswith("at epoch 2 of 2: validation was still improving at the last epoch.")
    flat = claims.curve_sentence("GRU(32)", [0.4, 0.4, 0.45], [0.25, 0.26, 0.27], scale=10)
    assert flat.endswith("went from 0.400 to 0.450 while validation did not improve.")
    assert "overfit" not in flat


def test_curve_sentence_refuses_unequal_or_empty_histories():
    with pytest.raises(ValueError, match="one training loss per validation error"):
        claims.curve_sentence("m", [0.5], [0.3, 0.2])
    with pytest.raises(ValueError):
        claims.curve_sentence("m", [], [])


def _run(period):
    return {"notebooks": [{"notebook": "10", "jena_period": period}]}


def test_jena_record_note_same_other_and_unknown_record():
    assert claims.jena_record_note("10", "2020", run=_run("2020")) == (
        "This run reads Jena 2020 (1 year), the record of the reference run whose times the "
        "slow cells print.")
    longer = claims.jena_record_note("10", "2009-2016", run=_run("2020"))
    assert longer.startswith("This run reads Jena 2009-2016 (8 years); the reference run whose "
                             "times the slow cells print read Jena 2020 (1 year)")
    assert "about 8 times as many windows" in longer and "up to about 8 times as long" in longer
    shorter = claims.jena_record_note("10", "2020", run=_run("2009-2016"))
    assert "8 times fewer windows" in shorter and "1/8" in shorter
    for run in ({}, _run(None), {"notebooks": [{"notebook": "11", "jena_period": "2020"}]}):
        assert "no reference run of this profile says" in claims.jena_record_note(
            "10", "2020", run=run)


def test_jena_record_note_knows_every_period_and_reads_the_results_by_default():
    assert set(claims.JENA_YEARS) == set(datasets.JENA_PERIODS)
    with pytest.raises(ValueError, match="unknown Jena period"):
        claims.jena_record_note("10", "1999", run={})
    assert claims.jena_record_note("10", "2020").startswith("This run reads Jena 2020 (1 year)")


def test_jena_checks_assert_on_the_tested_record_and_print_on_the_other():
    held = {"the GRU beats the fair bar on validation": True, "and on test": True}
    assert claims.jena_checks("2020", held) == "checks passed"
    with pytest.raises(AssertionError, match="and on test"):
        claims.jena_checks("2020", {**held, "and on test": False})
    text = claims.jena_checks("2009-2016", {**held, "and on test": False})
    assert text.startswith("Jena 2009-2016, an option the course's checks are not fitted to")
    assert '"and on test": does not hold in this run' in text
    assert claims.jena_checks("2009-2016", {}) == "checks passed"       # nothing record-bound


def test_celsius_words_an_error():
    c = claims.compare("a", 2.40, "b", 2.82, 0.1, **claims.CELSIUS)
    assert c.verdict == "better" and c.sentence.startswith("a is 0.42 °C below b")


def test_learning_curve_sentences_of_the_recorded_full_run():
    # results/full.json (2026-11-25): the last month and the whole training part, 24 h ahead
    lines = claims.learning_curve_sentences({"val": 2.96, "test": 2.41},
                                            {"val": 2.87, "test": 2.85},
                                            {"val": 2.82, "test": 2.15}, 6.1)
    assert lines == [
        "validation MAE: the GRU trained on all 6 months is 0.09 °C above the one trained on the "
        "last month; one seed each, and no spread is measured 24 hours ahead: no winner named. "
        "Against the naive forecast (2.82 °C), the GRU trained on all 6 months does not beat it.",
        "test MAE: the GRU trained on all 6 months is 0.44 °C below the one trained on the last "
        "month; one seed each, and no spread is measured 24 hours ahead: no winner named. "
        "Against the naive forecast (2.15 °C), the GRU trained on all 6 months does not beat it."]
    one = claims.learning_curve_sentences({"val": 2.3, "test": 2.0}, {"val": 2.5, "test": 2.6},
                                          {"val": 2.4, "test": 2.2}, 1.2)
    assert "all 1 month is" in one[0] and one[0].endswith("1 month beats it.")
