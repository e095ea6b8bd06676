"""The incremental claim index: what grouping a new batch needs to know about the stored claims.

Bounded by the number of claims (not statements): per claim its id, its *center* text (the text
new statements are matched against; it never changes once the claim exists) with the center's
exact-match key, the normalised length of the claim's displayed text (so a fuller occurrence
can replace it), and an inverted index word -> claims for the blocking. Built from the claims
table when a run starts (``claims.store.Store.load_grouping_state``), so a resumed run starts
from the state an uninterrupted one has at that point, and extended as batches are stored.

Cost per statement does not depend on how many claims are stored (issue 12):

* a posting list holds at most ``INDEX_MAX_DF`` claims: once a word is in more claims it is
  *common*, its list is dropped and only the word is remembered (common words were never
  looked up; this also bounds memory per word);
* a text looks up its ``INDEX_QUERY_MIN_WORDS`` rarest words, and more of the next rarest (up
  to ``INDEX_QUERY_WORDS``) while their posting lists add up to at most ``INDEX_QUERY_BUDGET``
  (the cheap extra words keep a long text's partial quotes findable);
* its candidates are the stored claims holding all those words but at most one (with two
  words: both; ``_near_duplicates``): a repeat, edited or not, and a part of a stored claim
  hold them all; a longer text holding a stored claim is found when its rarest words are in
  that claim. Texts that only share some rare words with claims (on an archive, the same
  source sentence with other names, numbers and words, which pile up as the archive grows)
  are not candidates, and are not even counted: only the first three lists are counted, the
  others probed;
* of those, at most ``INDEX_MAX_CANDIDATES`` per distinct text are kept for ``group_claims``
  (which scores them with the same-claim guards): the ones sharing the most words (and at
  least ``INDEX_TOP_SHARE`` of what the best claim shares), then the closest in length, then
  the smallest claim id;
* and of those, only the claims whose center can score the grouping floor (the similar
  threshold) with a text that found them (``_able``: one C++ ``cpdist`` of ``fuzz.ratio`` over
  the pairs bounds the score): on an archive most claims found are the same source sentence
  with other words, which can be neither the same claim nor a similar one (64% at 430,000
  claims), and ``group_claims`` costs per text it is given;
* ``group_claims`` scores each text with the stored claims it found (``previous_pairs``), and
  with those its near twins in the batch found, blocking the batch's texts among themselves
  only: it used to block them together with all the stored claims the batch found, whose
  number grows with the archive (at 18,000-20,000 reports its blocking cost 78 ms per batch,
  now 28).

Near duplicates against the earlier rule (any two of the looked-up words, the ten sharing most),
``python tests/benchmarks/bench_index.py`` on 10,000 distinct reports (233,997 statements, one
run each, shared machine): grouping CPU 54.8 -> 33.5 s; last tenth 1,528 -> 869 ms per batch of
200 reports (index lookup 521 -> 219, group_claims 583 -> 255); stored claims handed to
``group_claims`` per statement at the end 4.22 -> 1.28; 216,259 -> 216,576 claims (+0.15%:
statements that only shared some rare words with a claim no longer join it); planted-repeat
pair recall of the same incremental grouping on 300,000 statements 0.8813 -> 0.8803, precision
1.0 both.

Every choice depends only on the set of indexed claims, never on the order they were added in,
so a resumed run (which loads the claims by id) decides exactly as an uninterrupted one.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from itertools import repeat
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from claims.normalize import normalize_texts

from .clustering import ClaimGroups, column_values, group_claims, match_key
from .scoring import DEFAULT_SAME_THRESHOLD, DEFAULT_SIMILAR_THRESHOLD

__all__ = ["ClaimIndex", "IndexMatch"]

INDEX_QUERY_WORDS = 8  # a new text looks up the claims sharing its rarest indexed words:
INDEX_QUERY_MIN_WORDS = 4  # ...always its 4 rarest, more while their claims add up to at most
INDEX_QUERY_BUDGET = 300  # ...this many postings (counting postings is the lookup's cost)
INDEX_MAX_DF = 400  # ...ignoring words found in more claims than this (common words)
INDEX_LENGTH_SLACK = 12  # a text with one looked-up word: claims this close in length (or 1/6)
INDEX_TOP_SHARE = 0.5  # a candidate shares at least half as many as the claim sharing most
# ...and at most this many claims per distinct text (most words shared), then only those that can
# score the grouping floor (``_able``). Measured on 50 batches (bench_grouping_quality.py), since
# a text is scored with the stored claims its near twins in the batch found too: planted
# repeats grouped 10,721 with 10, 10,723 with 15, 10,731 with 30 (10,721 with 30 before)
INDEX_MAX_CANDIDATES = 15
# A posting list is an ``array`` of machine ints (claim numbers < 2**31), not a list of int
# objects: a run allocates each claim's number when it is stored, so the numbers of one list
# lie all over the heap, and counting a list touched one cache line per claim. The lookup's
# set operations cost twice as much on such scattered numbers as on numbers side by side
# (38 -> 71 ms per batch at 16,000 reports): that, more than the postings counted, was what grew
POSTING_TYPE = "i"
POSTING_DTYPE = np.dtype(f"i{array(POSTING_TYPE).itemsize}")  # the same ints seen by numpy
_NONE = array(POSTING_TYPE)  # the list of a word in no stored claim
_ONE = (1,)  # sorts after (0, word, list) and before (1, word, list)


def _near_duplicates(lists: list[array]) -> dict[int, int]:
    """The claims in all the posting ``lists`` but at most one (claim number -> lists it is in);
    with two lists, the claims in both.

    A stored claim that a text repeats, edited or not, holds all the text's looked-up words but
    at most one (a dropped, added or misspelt word; measured on the distinct corpus: of 520
    statements joining a stored claim through ``group_claims``, 510 shared all their looked-up
    words and 10 all but one). Such a claim is in at least two of the first three lists, so
    those are counted (in C) and only the claims found twice are probed in the others by
    bisection (a posting list is in claim-number order: numbers are given in increasing order
    and appended). Texts that only share some rare words with a claim (the same source sentence
    with other names, numbers and words: on an archive they pile up with its size) are dropped
    by the counting, which keeps the cost per text low as the stored claims grow."""
    if len(lists) == 2:
        return dict.fromkeys(set(lists[0]).intersection(lists[1]), 2)
    # the claims in two of the first three lists, by set operations (in C): most claims of those
    # lists are in one only, and looping over them in Python was the lookup's main cost. In two
    # of a, b, c = in a and b, or in c and (a or b): the union is made from a's set, so the
    # longest list, c (rarest first), is walked once (three intersections walked it twice)
    seen = set(lists[0])
    in_ab = seen.intersection(lists[1])
    seen.update(lists[1])
    in_c = seen.intersection(lists[2])
    rest = lists[3:]
    total = len(lists)
    if not rest:
        out = dict.fromkeys(in_ab | in_c, 2)
        for k in in_ab.intersection(in_c):
            out[k] = 3
        return out
    out: dict[int, int] = {}
    for k in in_ab | in_c:
        missed = 0 if k in in_ab and k in in_c else 1
        for p in rest:
            i = bisect_left(p, k)
            if i == len(p) or p[i] != k:
                missed += 1
                if missed > 1:
                    break
        else:
            out[k] = total - missed
    return out


class ClaimIndex:
    """What incremental grouping needs to know about the claims already stored, bounded by the
    number of claims (not statements): per claim its id and its *center* text (the text new
    statements are matched against; it never changes once the claim exists), with the center's
    exact-match key and an inverted index word -> claims for the blocking, and the normalised
    length of the claim's displayed text (``shown_length``).

    Built from the claims table when a run starts (``add``), so a resumed run starts from the
    same state an uninterrupted one has at that point, and extended as batches are stored.
    ``match`` groups a batch of new statements against it with ``group_claims``: statements
    whose normalised text equals a claim's center join that claim directly; the others are
    grouped together with, as ``previous``, only the claims sharing rare words with them.
    """

    def __init__(self) -> None:
        self.ids: list[str] = []
        # per claim number, its center text normalised (``claims.normalize``; idempotent, so
        # grouping that normalises it again gets the same text), or raw where it normalises to
        # nothing (punctuation only; those numbers are in ``raw_centers``): the candidates'
        # match keys need no normalising each batch (on an archive a batch has about two stored
        # candidates per statement), and a normalised text is smaller than the raw one
        self.texts: list[str] = []
        self.raw_centers: set[int] = set()
        self.number: dict[str, int] = {}  # claim id -> claim number
        # hash of a center's exact-match key -> claim number (smallest id): the hash, not the
        # key, since the keys would cost ~200 bytes per claim (40% of the index); a hit is
        # checked against the claim's text, so a collision only sends a text the fuzzy way
        self.exact: dict[int, int] = {}
        # word -> claim numbers whose center has it, increasing (an array: POSTING_TYPE)
        self.postings: dict[str, array] = {}
        self.common: set[str] = set()  # words in more than INDEX_MAX_DF claims (no list kept)
        self.norm_len = array("q")  # normalised length of each claim's center
        # normalised length of each claim's displayed text (its fullest occurrence so far), per
        # claim number: a machine int each, not a Python object
        self.shown_len = array("q")
        self.last_stats: dict = {}  # of the last match: statements looked up, candidates found
        self._normalized: dict[str, str] = {}  # text -> normalised, of the last match's batch

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, claim_id: str) -> bool:
        return claim_id in self.number

    def add(self, claim_ids: Sequence[str], center_texts: Sequence[Optional[str]],
            shown_texts: Optional[Sequence[Optional[str]]] = None) -> None:
        """Index claims. ``shown_texts``: each claim's displayed text where it is not its center
        (None where it is; all None when not given)."""
        raw = [t if isinstance(t, str) else "" for t in center_texts]
        known, self._normalized = self._normalized, {}
        norm = [known.get(t) for t in raw]
        missing = [i for i, t in enumerate(norm) if t is None]
        for i, t in zip(missing, normalize_texts([raw[i] for i in missing])):
            norm[i] = t
        shown = [len(t) for t in norm]
        if shown_texts is not None:
            other = [i for i, t in enumerate(shown_texts) if t is not None]
            for i, t in zip(other, normalize_texts([shown_texts[i] or "" for i in other])):
                shown[i] = len(t)
        postings, common = self.postings, self.common
        get = postings.get
        for cid, text, nt, length in zip(claim_ids, raw, norm, shown):
            cid = str(cid)
            if cid in self.number:
                continue
            k = len(self.ids)
            self.ids.append(cid)
            self.texts.append(nt or text)
            if not nt:
                self.raw_centers.add(k)
            self.number[cid] = k
            self.shown_len.append(length)
            self.norm_len.append(len(nt))
            key = hash(match_key(text, nt))
            old = self.exact.get(key)
            if old is None or self.ids[old] > cid:
                self.exact[key] = k
            for w in set(nt.split()).difference(common):  # (difference: walks the text's words)
                p = get(w)
                if p is None:
                    postings[w] = array(POSTING_TYPE, (k,))
                elif len(p) < INDEX_MAX_DF:
                    p.append(k)
                else:  # a common word: never looked up, so its list is not kept
                    del postings[w]
                    common.add(w)

    def add_many(self, claim_ids: Sequence[str], center_texts: Sequence[Optional[str]],
                 shown_texts: Optional[Sequence[Optional[str]]] = None) -> None:
        """``add`` for many claims at once (the start of a run): the same index, its posting
        lists built column-wise (claims.grouping.bulk_index) instead of claim by claim, the
        texts normalised 100,000 at a time (their normalised forms are not kept)."""
        import operator
        from itertools import islice

        from .bulk_index import PostingsBuilder

        first = len(self.ids)
        ids = [str(c) for c in claim_ids]
        if len(set(ids)) != len(ids) or not self.number.keys().isdisjoint(ids):
            seen: set[str] = set()  # as ``add``: ids indexed already, and repeats, are skipped
            keep = [i for i, cid in enumerate(ids)
                    if cid not in self.number and not (cid in seen or seen.add(cid))]
            del seen
            ids = [ids[i] for i in keep]
            center_texts = [center_texts[i] for i in keep]
            shown_texts = None if shown_texts is None else [shown_texts[i] for i in keep]
        # one int object per claim, shared by the id and exact-match tables (a range would make
        # one per table)
        numbers = list(range(first, first + len(ids)))
        self.number.update(zip(ids, numbers))
        self.ids.extend(ids)
        builder = PostingsBuilder(first, INDEX_MAX_DF)
        # an empty index given ids in increasing order (as the store loads them): the first
        # claim with a key is the one the exact-match table keeps
        ordered = not first and all(map(operator.lt, ids, islice(ids, 1, None)))
        exact, all_ids = self.exact, self.ids
        step = 100_000
        for s in range(0, len(ids), step):
            raw = [t if isinstance(t, str) else "" for t in center_texts[s:s + step]]
            norm = normalize_texts(raw)
            shown = [len(t) for t in norm]
            if shown_texts is not None:
                part = shown_texts[s:s + step]
                other = [i for i, t in enumerate(part) if t is not None]
                for i, t in zip(other, normalize_texts([part[i] or "" for i in other])):
                    shown[i] = len(t)
            self.texts.extend(nt or text for nt, text in zip(norm, raw))
            self.raw_centers.update(k for k, nt in zip(numbers[s:s + step], norm) if not nt)
            self.shown_len.extend(shown)
            self.norm_len.extend(map(len, norm))
            hashes = [hash(nt if nt else match_key(text, nt)) for text, nt in zip(raw, norm)]
            if ordered:  # the first claim of each key has the smallest id: no comparing
                fresh = dict(zip(reversed(hashes), reversed(numbers[s:s + step])))
                exact.update((h, k) for h, k in fresh.items() if h not in exact)
            else:
                for k, key in zip(numbers[s:s + step], hashes):
                    old = exact.get(key)
                    if old is None or all_ids[old] > all_ids[k]:
                        exact[key] = k
            builder.add(norm)
        postings, common = builder.finish()
        del builder, numbers
        if not self.postings and not self.common:  # the start of a run: nothing to merge
            self.postings, self.common = postings, common
            return
        for w in common:  # over the cap among the new claims alone
            self.postings.pop(w, None)
        self.common |= common
        for w, p in postings.items():
            if w in self.common:
                continue
            old = self.postings.get(w)
            if old is None:
                self.postings[w] = p
            elif len(old) + len(p) <= INDEX_MAX_DF:
                old.extend(p)  # the new claims' numbers are all larger: still in order
            else:
                del self.postings[w]
                self.common.add(w)

    def _match_key(self, k: int) -> str:
        """The exact-match key (clustering.match_key) of claim number k's center."""
        text = self.texts[k]
        return match_key(text, "") if k in self.raw_centers else text

    def shown_length(self, claim_id: str) -> int:
        """The normalised length of the claim's displayed text."""
        return self.shown_len[self.number[claim_id]]

    def set_shown_length(self, claim_id: str, length: int) -> None:
        self.shown_len[self.number[claim_id]] = length

    def _candidates(self, norms: Sequence[str]) -> list[int]:
        """The stored claims near the texts ``norms`` (normalised), in claim-number order."""
        found: set[int] = set()
        for claims in self._candidates_of(norms).values():
            found.update(claims)
        return sorted(found)

    def _candidates_of(self, norms: Sequence[str]) -> dict[str, list[int]]:
        """Each distinct text of ``norms`` -> the stored claims near it (see the module doc)."""
        out: dict[str, list[int]] = {}
        norm_lens = None
        postings = self.postings
        get = postings.get
        common = self.common
        for nt in set(norms):  # equal texts have equal candidates
            # common words are never looked up (their lists are not kept); difference() walks
            # the text's words (difference_update would walk all the common words)
            looked = set(nt.split()).difference(common)
            # (claims holding it, word, its list), rarest first, the words in no stored claim
            # (an empty list) ahead: made and sorted in C, no Python loop over the words
            lists = list(map(get, looked, repeat(_NONE)))
            words = sorted(zip(map(len, lists), looked, lists))
            unknown = bisect_left(words, _ONE)  # words in no stored claim
            if unknown == len(words):
                continue
            if len(words) - unknown > INDEX_QUERY_MIN_WORDS:
                total, last = 0, unknown + INDEX_QUERY_MIN_WORDS
                for i, (df, _, _) in enumerate(words[unknown:unknown + INDEX_QUERY_WORDS]):
                    total += df
                    if i >= INDEX_QUERY_MIN_WORDS and total > INDEX_QUERY_BUDGET:
                        break
                    last = unknown + i + 1
            else:
                last = len(words)
            lists = [p for _, _, p in words[unknown:last]]  # rarest first
            if len(lists) == 1:  # one word to go by: the claims holding it (at most INDEX_MAX_DF)
                if unknown > 1:
                    # a stored claim repeating this text, or holding it, has all its words but
                    # one at most: with two words no claim has, there is none (on an archive,
                    # mostly common words with new names and numbers)
                    continue
                # the repeat of a text made of common words and one other is as long, give or
                # take an edited word; the others holding that word are not near duplicates
                length = len(nt)
                slack = max(INDEX_LENGTH_SLACK, length // 6)
                if norm_lens is None:  # a view of the lengths (the array is not grown meanwhile)
                    norm_lens = np.frombuffer(self.norm_len, dtype=np.int64) if len(self.norm_len) else np.zeros(0, np.int64)
                claims = np.frombuffer(lists[0], dtype=POSTING_DTYPE)
                near = claims[np.abs(norm_lens[claims] - length) <= slack]
                count = dict.fromkeys(near.tolist(), 1)
            else:
                count = _near_duplicates(lists)
            if len(count) <= INDEX_MAX_CANDIDATES:
                out[nt] = list(count)
            else:
                out[nt] = self._best(count, len(nt))
        del norm_lens  # the array may grow again
        return out

    def _able(self, found: dict[str, list[int]], floor: float) -> dict[str, list[int]]:
        """``found`` (text -> claims near it) keeping, per text, the claims whose center can
        score at least ``floor`` with it (texts left with none are left out).

        A pair's score (scoring.score_pairs) is at most the larger of its ``fuzz.ratio`` and the
        containment that ratio implies (``ratio * (long + short) / (2 * short)``, capped at 100:
        partial_ratio and the local containment are bounded by it), so a claim below ``floor``
        with every text that found it can be neither the same claim nor a similar one. On an
        archive most claims found are the same source sentence with other names, numbers and
        words (their count grows with the archive, up to the cap per text); measured at 430,000
        claims, 64% of them. One ``cpdist`` over the pairs (C++) drops them before
        ``group_claims``, whose cost grows with the texts it is given."""
        out: dict[str, list[int]] = {}
        if not found:
            return out
        claims = [k for ks in found.values() for k in ks]
        texts = [nt for nt, ks in found.items() for _ in ks]
        if self.raw_centers:  # punctuation only: matched by its exact text, always kept
            for t, k in zip(texts, claims):
                if k in self.raw_centers:
                    out.setdefault(t, []).append(k)
            texts = [t for t, k in zip(texts, claims) if k not in self.raw_centers]
            claims = [k for k in claims if k not in self.raw_centers]
        if claims:
            centers = list(map(self.texts.__getitem__, claims))
            ratio = process.cpdist(texts, centers, scorer=fuzz.ratio, workers=1, dtype=np.float32)
            la = np.fromiter(map(len, texts), dtype=np.float64, count=len(texts))
            lb = np.fromiter(map(len, centers), dtype=np.float64, count=len(centers))
            short = np.maximum(np.minimum(la, lb), 1)
            bound = np.maximum(ratio, np.minimum(ratio * ((la + lb) / (2.0 * short)), 100.0))
            # float32 ratios, as score_pairs compares them: a margin, never a tighter bound
            for i in np.flatnonzero(bound >= floor - 0.01).tolist():
                out.setdefault(texts[i], []).append(claims[i])
        return out

    def _best(self, count: dict, length: int) -> list[int]:
        """The (at most) INDEX_MAX_CANDIDATES claims of ``count`` (claim -> words shared), most words
        shared first, then closest in length, then by id: independent of the order the claims
        were indexed in. Claims are bucketed by words shared (a handful of values), so only the
        bucket cut at the cap is ranked: on an archive most texts share two or three words with
        dozens of claims (the same source sentence with other names), a few with their repeat."""
        buckets: dict[int, list[int]] = {}
        for k, c in count.items():
            b = buckets.get(c)
            if b is None:
                buckets[c] = [k]
            else:
                b.append(k)
        chosen: list[int] = []
        order = sorted(buckets, reverse=True)
        floor = order[0] * INDEX_TOP_SHARE if order else 0
        for c in order:
            if c < floor:
                break
            b = buckets[c]
            room = INDEX_MAX_CANDIDATES - len(chosen)
            if len(b) <= room:
                chosen.extend(b)
                if len(b) == room:
                    break
                continue
            # the ``room`` closest in length, with numpy; ids are compared only for the claims
            # tied at the cut (a tuple per claim ranked in Python cost twice as much)
            claims = np.asarray(b, dtype=np.int64)
            gap = np.abs(np.frombuffer(self.norm_len, dtype=np.int64)[claims] - length)
            cut = np.partition(gap, room - 1)[room - 1]
            chosen.extend(claims[gap < cut].tolist())
            tied = sorted(claims[gap == cut].tolist(), key=self.ids.__getitem__)
            chosen.extend(tied[:INDEX_MAX_CANDIDATES - len(chosen)])
            break
        return chosen

    def match(self, statements: pd.DataFrame, *, same_threshold: float = DEFAULT_SAME_THRESHOLD,
              similar_threshold: float = DEFAULT_SIMILAR_THRESHOLD, group=None) -> "IndexMatch":
        """Group new statements against the indexed claims (the index itself is not changed:
        call ``add`` with the new claims once they are stored)."""
        group = group or group_claims
        raw = column_values(statements, "text", "")
        norm = normalize_texts(raw)
        # kept for ``add``: the new claims' centers are texts of this batch (normalising is a
        # pure function, so an entry is never stale)
        self._normalized = dict(zip(raw, norm))
        sids = [str(x) for x in column_values(statements, "id")]
        exact: dict[str, str] = {}
        rest = []
        hits: dict[int, int] = {}  # statement number -> claim number its key's hash points to
        keys = [match_key(r, nt) for r, nt in zip(raw, norm)]
        for i, key in enumerate(keys):
            k = self.exact.get(hash(key))
            if k is not None:
                hits[i] = k
            else:
                rest.append(i)
        if hits:
            key_of = self._match_key
            for i, k in hits.items():
                if key_of(k) == keys[i]:
                    exact[sids[i]] = self.ids[k]
                else:  # another text with the same hash
                    rest.append(i)
            rest.sort()
        groups = None
        previous_ids: set = set()
        if rest:
            part = statements.iloc[rest] if len(rest) < len(statements) else statements
            found = self._candidates_of([norm[i] for i in rest])
            able = self._able(found, min(same_threshold, similar_threshold))
            cand = sorted(set().union(*able.values())) if able else []
            self.last_stats = {"queried": len(rest), "candidates": len(cand),
                               "found": len(set().union(*found.values())) if found else 0}
            previous = None
            pairs = None
            if cand:
                # each text is scored with the stored claims its own lookup found (and that can
                # score the floor with it), not with all those the batch found: group_claims
                # blocks the batch's texts among themselves only (issue 12: the stored claims
                # given per batch grow with the archive, and blocking them cost most of it)
                row = {k: r for r, k in enumerate(cand)}
                sp: list[int] = []
                pp: list[int] = []
                for j, i in enumerate(rest):
                    ks = able.get(norm[i])
                    if ks:
                        sp.extend([j] * len(ks))
                        pp.extend(row[k] for k in ks)
                pairs = (sp, pp)
                self.last_stats["pairs"] = len(sp)
                previous_ids = {self.ids[k] for k in cand}
                previous = pd.DataFrame({
                    "statement_id": pd.Series(["\x00claim:" + self.ids[k] for k in cand], dtype=object),
                    "claim_id": pd.Series([self.ids[k] for k in cand], dtype=object),
                    "text": pd.Series([self.texts[k] for k in cand], dtype=object),
                    "match_key": pd.Series([self._match_key(k) for k in cand], dtype=object),
                })
            extra = {"previous_pairs": pairs} if pairs is not None else {}
            extra["match_keys"] = [keys[i] for i in rest]  # not normalised again
            groups = group(part, previous=previous, same_threshold=same_threshold,
                           similar_threshold=similar_threshold, **extra)
        return IndexMatch(exact=exact, groups=groups, taken=self.number, previous_ids=previous_ids,
                          norm_lengths=[len(t) for t in norm])


@dataclass
class IndexMatch:
    exact: dict  # statement_id -> claim id, for statements equal to a claim's center
    groups: Optional[ClaimGroups]  # group_claims over the other statements (None if none)
    taken: dict  # the ids of the claims already stored
    previous_ids: set  # the stored claims given to group_claims as previous
    norm_lengths: list = field(default_factory=list)  # normalised length of each statement's text
