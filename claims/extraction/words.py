"""Word classes the cue readers test tokens against (lower-case words).

Small closed classes (pronouns, forms of "be", prepositions) are written here; the open-ended
ones are lists in ``lexicons/``.
"""
from __future__ import annotations

from claims.dates import MONTHS as _MONTH_NUMBERS
from claims.extraction.lexicons import load

# auxiliaries and adverbs that may sit between a source and its cue ("has also repeatedly said")
AUX = load("source_cue_fillers")
# words that end a source noun phrase on its left
LEFT_STOP = frozenset("""
that and but or while when as because since although though if so where after before which
whom what why how than unless until whether once yet nor then to for of in on at by with from
about into over under during without against between among through is are was were be been
being has have had do does did will would can could should may might must
""".split())
LEFT_STOP_KEEP = frozenset("of".split())
# nouns of a role, kept with a following "for/at/with" phrase ("a spokesman for the ministry")
ROLE_NOUNS = load("role_nouns")
PRONOUNS = frozenset("he she they i we you it who which".split())
# pronouns that can open a clause as its subject ("... after he left")
SUBJECT_PRONOUNS = frozenset("he she they it we i you".split())
# conjunctions that open a clause of its own ("pointed to the spot after a review found ...")
SUBORDINATORS = frozenset("after before when while because although though since until unless "
                          "whereas once".split())
TIME = load("time_words")
MONTHS = frozenset(_MONTH_NUMBERS)  # full names and abbreviations ("sept", "dec")
# adverbial prepositional phrases after a cue: "in a statement", "on Twitter", "at a rally"
ADVERBIAL_PREP = frozenset("in on at during to via through before after while from with".split())
# words before a plural noun-looking cue that make it a noun ("his plans to", "new hopes to")
NOUN_PREMODIFIERS = load("noun_premodifiers")
BE = frozenset("was were is are been be being get got".split())
KEEP = frozenset("""
keep keeps kept began begin begins started start starts continued continue continues
""".split())
# capitalised words before a colon that are labels, not speakers ("Update:", "Photo:")
NOT_SPEAKERS = load("not_speakers")
# frequent verb forms that end a subject noun phrase
COMMON_VERBS = load("common_verbs")
