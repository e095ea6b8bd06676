"""Grouping: statements -> claims (repeated claims within and across reports) and speakers.

Knows nothing of databases; ``claims.store`` writes what grouping decides and gives back what
grouping needs at the start of a run (``Store.load_grouping_state``).

    normalize.py (shared, one level up)  text normalisation for matching
    scoring.py          how alike two texts are: claim_score, same_claim, the same-claim guards
    blocking.py         which pairs of texts are worth scoring (rare-word keys, numpy hashing)
    clustering.py       group_claims: a whole corpus -> ClaimGroups (center-based clusters, ids)
    claim_index.py      ClaimIndex: the stored claims, to group a new batch against (bounded
                        lookups: cost per statement independent of the claims stored)
    speaker_groups.py   group_speakers: one id per person or organisation; SpeakerIndex
    batch.py            group_batch: one batch against the stored state -> BatchGrouping

``group_claims(statements)`` is the whole-corpus entry point (also ``claims.group_claims``).
"""
from .batch import BatchGrouping, ClaimUpdate, GroupingState, group_batch
from .claim_index import ClaimIndex, IndexMatch
from .clustering import ClaimGroups, claim_id_for, cluster_texts, group_claims
from .scoring import DEFAULT_SAME_THRESHOLD, DEFAULT_SIMILAR_THRESHOLD, claim_score, same_claim
from .speaker_groups import SpeakerGroups, SpeakerIndex, compatible_names, group_speakers, speaker_id_for

__all__ = [
    "BatchGrouping", "ClaimGroups", "ClaimIndex", "ClaimUpdate", "DEFAULT_SAME_THRESHOLD",
    "DEFAULT_SIMILAR_THRESHOLD", "GroupingState", "IndexMatch", "SpeakerGroups", "SpeakerIndex",
    "claim_id_for", "claim_score", "cluster_texts", "compatible_names", "group_batch",
    "group_claims", "group_speakers", "same_claim", "speaker_id_for",
]
