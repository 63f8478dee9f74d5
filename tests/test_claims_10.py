"""The Jena helper of notebooks 10 and 11 (utils/claims.py): the record note."""

import pytest

from utils import claims, datasets


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


