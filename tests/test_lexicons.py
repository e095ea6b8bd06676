import pathlib

from claims.extraction import lexicons
from claims.extraction.lexicons import load, load_ordered, names

LEXICON_DIR = pathlib.Path(lexicons.__file__).parent


def test_every_list_says_what_it_is_for():
    assert names()
    for name in names():
        first = (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and len(first) > 20, name
        assert load_ordered(name), name


def test_load_is_cached_and_frozen():
    titles = load("titles")
    assert isinstance(titles, frozenset)
    assert "spokeswoman" in titles and "# " not in " ".join(titles)
    assert load("titles") is titles


def test_ordered_lists_keep_file_order_and_spaces():
    audiences = load_ordered("venue_audiences")
    assert audiences[0] == "reporters"
    assert "a news conference" in audiences
