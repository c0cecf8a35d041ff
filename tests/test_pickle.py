"""A Cleaner pickles as its Config, so Spark and multiprocessing can ship it: same outputs after."""

from __future__ import annotations

import multiprocessing
import pickle

import pytest

from cleaner import Cleaner, Config
from cleaner.rulebook.load import load_ruleset
from golden import load_cases

CASES = load_cases()[:8]
CONFIG = Config(disabled_rules=("generic.share-label",), line_model=True)


def clean_all(cleaner: Cleaner) -> list[dict]:
    """Every sample case through one Cleaner, as records."""
    return [case.run(cleaner) for case in CASES]


def test_a_pickled_cleaner_gives_the_same_documents() -> None:
    cleaner = Cleaner(CONFIG)
    copy = pickle.loads(pickle.dumps(cleaner))
    assert copy is not cleaner and copy.config == CONFIG
    assert clean_all(copy) == clean_all(cleaner)


def test_the_pickle_holds_the_config_not_compiled_rules() -> None:
    assert len(pickle.dumps(Cleaner(CONFIG))) < 2000


def test_a_cleaner_crosses_a_spawned_process_pool() -> None:
    cleaner = Cleaner(CONFIG)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.map(clean_all, [cleaner, cleaner])
    assert results == [clean_all(cleaner)] * 2


def test_a_cleaner_with_a_hand_made_ruleset_says_why_it_cannot_pickle() -> None:
    cleaner = Cleaner(ruleset=load_ruleset((), (), True))
    with pytest.raises(TypeError, match="build it from a Config"):
        pickle.dumps(cleaner)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_cleaner_built_in_a_forked_process_gives_the_same_documents() -> None:
    cleaner = Cleaner(CONFIG)  # its patterns stay compiled in this process, and the child inherits them
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_built_and_run, (CONFIG,)) == clean_all(cleaner)


def _built_and_run(config: Config) -> list[dict]:
    return clean_all(Cleaner(config))
