import pytest

from utils import profile


def test_default_is_full(monkeypatch):
    monkeypatch.delenv("COURSE_PROFILE", raising=False)
    assert profile.current().name == "full"
    monkeypatch.setenv("COURSE_PROFILE", "")
    assert profile.current().name == "full"


def test_quick_and_pick(monkeypatch):
    monkeypatch.setenv("COURSE_PROFILE", " Quick ")
    p = profile.current()
    assert p.quick and p.pick(quick=2, full=10) == 2
    monkeypatch.setenv("COURSE_PROFILE", "full")
    assert profile.current().pick(quick=2, full=10) == 10


def test_unknown_profile_names_the_valid_ones(monkeypatch):
    monkeypatch.setenv("COURSE_PROFILE", "fast")
    with pytest.raises(ValueError, match=r"'fast'.*COURSE_PROFILE.*'full'.*'quick'"):
        profile.current()


def test_pick_needs_keywords():
    with pytest.raises(TypeError):
        profile.Profile("full").pick(1, 2)


def test_seed_defaults_to_42_and_follows_course_seed(monkeypatch):
    monkeypatch.delenv("COURSE_SEED", raising=False)
    assert profile.current().seed == 42
    monkeypatch.setenv("COURSE_SEED", " 7 ")
    assert profile.current().seed == 7
    monkeypatch.setenv("COURSE_SEED", "")
    assert profile.current().seed == 42


@pytest.mark.parametrize("raw", ["seven", "-1", "1.5", "0x10"])
def test_bad_seed_names_the_variable_and_the_fix(monkeypatch, raw):
    monkeypatch.setenv("COURSE_SEED", raw)
    with pytest.raises(ValueError, match=r"COURSE_SEED=.*non-negative integer.*default 42"):
        profile.current()
