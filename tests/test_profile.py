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
