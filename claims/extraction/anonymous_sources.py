"""Anonymous (unnamed) sources: "a senior State Department official", "US officials",
"critics", "people familiar with the matter".

``normalise_description`` gives the name such a speaker is stored under (no determiner,
a lower-case first common word: "senior State Department official"). ``AnonymousSources``
keeps the unnamed sources met so far in one report, so that a later definite mention ("the
senior State Department official", "the official") is the same speaker.
"""
from __future__ import annotations

import re

from claims.extraction.lexicons import load
from claims.extraction.names import ROLE_MODIFIERS, TITLES

__all__ = ["GROUP_NOUNS", "DETERMINERS", "normalise_description", "AnonymousSources"]

_WS = re.compile(r"\s+")
GROUP_NOUNS = load("group_nouns")

DETERMINERS = frozenset("a an the one some several many other another".split())

def normalise_description(desc: str) -> str:
    """'a senior State Department official' -> 'senior State Department official'."""
    words = _WS.sub(" ", desc.strip(" ,;:.“”\"")).split(" ")
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    if words and words[0][:1].isupper() and len(words[0]) > 1 and not words[0].isupper():
        w0 = words[0]
        if (w0.lower() in GROUP_NOUNS or w0.lower() in TITLES or w0.lower() in ROLE_MODIFIERS) \
                and not (len(words) > 1 and words[1][:1].isupper()):
            # ("Mrs. Clinton's campaign": a title before a name keeps its capital)
            words[0] = w0[0].lower() + w0[1:]
    return " ".join(words)


class AnonymousSources:
    """The unnamed sources of one report, by lower-cased description."""

    def __init__(self, speaker_type):
        self._speaker_type = speaker_type  # the Speaker class (speakers.py)
        self.by_desc: dict = {}

    def get(self, desc: str, plural: bool):
        """(speaker, gender, plural, role-only description) for an unnamed source: the one
        met before under the same description, or a shorter definite mention of it ("the
        official" after "a senior State Department official": same head, fewer words)."""
        key = desc.lower()
        if key in self.by_desc:
            return self.by_desc[key], None, plural, None
        words = key.split()
        for k, sp in reversed(list(self.by_desc.items())):
            kw = k.split()
            if kw and words and kw[-1] == words[-1] and set(words) <= set(kw):
                return sp, None, plural, None
        sp = self._speaker_type(desc, "anonymous", None)
        self.by_desc[key] = sp
        return sp, None, plural, None
