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


@pytest.mark.parametrize("raw", ["seven", "-1", "1.5", "0x10", "4294967296"])
def test_bad_seed_names_the_variable_and_the_fix(monkeypatch, raw):
    monkeypatch.setenv("COURSE_SEED", raw)
    with pytest.raises(ValueError,
                       match=r"COURSE_SEED=.*integer from 0 to 4,294,967,295.*default 42"):
        profile.current()


def test_the_largest_seed_numpy_takes_is_accepted(monkeypatch):
    import numpy as np

    monkeypatch.setenv("COURSE_SEED", "4294967295")
    assert profile.current().seed == 2**32 - 1
    np.random.seed(profile.current().seed)
    with pytest.raises(ValueError, match="4,294,967,295"):
        profile.Profile("quick", seed=2**32)


def test_choose_takes_the_notebook_value_without_the_environment(monkeypatch):
    monkeypatch.delenv("COURSE_PROFILE", raising=False)
    assert profile.choose("quick") == (profile.Profile("quick"), "")
    assert profile.choose(None)[0].name == "full"
    assert profile.choose(" Full ")[0].name == "full"


def test_choose_lets_the_environment_win_and_says_so(monkeypatch):
    monkeypatch.setenv("COURSE_PROFILE", "quick")
    chosen, note = profile.choose("full")
    assert chosen.name == "quick" and "COURSE_PROFILE=quick overrides PROFILE = 'full'" in note
    assert profile.choose("quick") == (profile.Profile("quick"), "from $COURSE_PROFILE")


def test_choose_rejects_an_unknown_notebook_value_even_when_overridden(monkeypatch):
    monkeypatch.setenv("COURSE_PROFILE", "quick")
    with pytest.raises(ValueError, match=r"'fast'.*PROFILE in the setup cell.*'full'.*'quick'"):
        profile.choose("fast")


def test_activate_makes_current_return_the_chosen_profile(monkeypatch):
    monkeypatch.setenv("COURSE_PROFILE", "full")
    profile.activate(profile.Profile("quick", 7))
    assert profile.current() == profile.Profile("quick", 7)
    profile.activate(None)
    assert profile.current().name == "full"
