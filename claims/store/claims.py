"""Writing what grouping decided: claim and speaker ids of statements, claims, similar pairs,
speakers; and reading back what grouping needs at the start of a run.

Claim ids never change once given. Grouping is incremental (claims.grouping.batch): each batch
of new statements is grouped against the stored claims through a compact index built by
``load_grouping_state`` from the claims table (per claim its id, center text and displayed
text's length; bounded by the number of claims, not statements), so a resumed run starts from
the state an uninterrupted one has. ``save_grouping`` writes a ``BatchGrouping``: counts, first
report and checkworthiness of the stored claims it joins are updated from the batch alone; no
statement stored earlier is read again. Verdicts follow the claim: a reviewed claim joined by
new reports has its verdict marked carried over (verdicts.py).

Two runs at once: each batch is grouped inside its write transaction (writers take turns, see
claims.store), after ``refresh_grouping_state`` has brought the state up to the claims committed
so far. That is cheap: ``meta.grouping_generation`` is counted up by every ``save_grouping``;
when it is what the state last saw, nothing else was grouped in between (one small query);
otherwise only the claims added since are read (SQLite: by rowid, which grows with every claim;
elsewhere: the claim ids, and the texts of the new ones) and the speakers again. A stored
claim's text is only replaced by a fuller one (normalised length), whatever a stale state says.

A run's own batches are grouped outside the transaction, while a background writer stores the
batch before (claims.store.writer): ``save_planned_batch`` then checks, in the write
transaction, that the generation is the one the grouping saw; if another command grouped in
between it raises ``GroupingConflict`` and the run groups that batch again the serial way.
"""
from __future__ import annotations

import dataclasses
import gc
from dataclasses import dataclass
from typing import Optional

import sqlalchemy as sa
from sqlalchemy import bindparam

from claims.errors import StoreError

from .schema import claims_t, meta_t, similar_t, speakers_t, statements_t
from .values import CHUNK, IN_CHUNK, chunks, insert_columns, insert_rows, json_text, loads, now_iso
from .verdicts import carry_over_verdicts


@dataclass
class GroupResult:
    claims: int = 0  # claims in the database after grouping
    new_claims: int = 0
    assigned: int = 0  # statements given a claim id now
    speakers: int = 0  # speakers in the database after grouping
    carried_over: int = 0  # verdicts marked carried over now
    generation: Optional[int] = None  # meta.grouping_generation after save_grouping
    claims_mark: Optional[int] = None  # SQLite: the largest claims rowid after save_grouping
    reports_added: int = 0  # set by claims.api.store_batch: reports its batch stored


GENERATION_KEY = "grouping_generation"


class GroupingConflict(StoreError):
    """A batch grouped outside its write transaction found the database changed by another
    command meanwhile (``save_planned_batch``): it must be grouped again, serially."""


def _generation(conn: sa.Connection) -> int:
    v = conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == GENERATION_KEY)).scalar()
    try:
        return int(v) if v is not None else 0
    except ValueError:
        return 0


def _bump_generation(conn: sa.Connection) -> int:
    """Count meta.grouping_generation up (inside the caller's write transaction)."""
    had = conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == GENERATION_KEY)).scalar()
    new = _generation(conn) + 1
    if had is None:
        conn.execute(meta_t.insert().values(key=GENERATION_KEY, value=str(new)))
    else:
        conn.execute(meta_t.update().where(meta_t.c.key == GENERATION_KEY).values(value=str(new)))
    return new


def _claims_mark(conn: sa.Connection) -> Optional[int]:
    """SQLite: the largest claims rowid (claims are never deleted, so it only grows)."""
    if conn.dialect.name != "sqlite":
        return None
    return conn.exec_driver_sql('SELECT max(rowid) FROM "claims"').scalar() or 0


def _add_claim_rows(state, rows) -> None:
    ids, centers, shown = [], [], []
    for cid, center, text in rows:
        ids.append(cid)
        centers.append(center)
        shown.append(None if text == center else (text or ""))  # None: its center is shown
        if len(ids) >= 100_000:
            state.claims.add(ids, centers, shown)
            ids, centers, shown = [], [], []
    if ids:
        state.claims.add(ids, centers, shown)


def _release_freed_heap() -> None:
    """Give the C heap's free pages back to the system (glibc only; elsewhere nothing). Building
    the claim index frees numpy temporaries of tens of MB, which glibc keeps in its heap once
    its mmap threshold has grown: at 2.1 million claims 260 MB, and the peak of the load."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _claim_columns(conn: sa.Connection) -> tuple[list, list, list]:
    """Every stored claim's id, center text and displayed text (None where it is its center),
    in claim id order. Read through the driver in the table's own order and sorted here: on
    SQLite, ORDER BY claim_id walks the primary-key index and reads the table's pages in
    random order (13 s against 3.5 s at 2.1 million claims), and SQLAlchemy's row objects
    cost more than the reading itself."""
    sql = 'SELECT claim_id, coalesce(center_text, text), text FROM claims'
    ids, centers, shown = [], [], []
    cur = conn.connection.dbapi_connection.cursor()
    try:
        cur.execute(sql)
        while True:
            rows = cur.fetchmany(50_000)
            if not rows:
                break
            for cid, center, text in rows:
                ids.append(cid)
                centers.append(center)
                shown.append(None if text == center else (text or ""))  # None: its center is shown
    finally:
        cur.close()
    order = sorted(range(len(ids)), key=ids.__getitem__)
    return [ids[i] for i in order], [centers[i] for i in order], [shown[i] for i in order]


def _speaker_rows_of(conn: sa.Connection) -> list:
    k = speakers_t.c
    rows = conn.execute(sa.select(k.speaker_id, k.name, k.aliases, k.type, k.roles).order_by(k.speaker_id)).all()
    return [(sid, name, loads(aliases, []), typ, loads(roles, [])) for sid, name, aliases, typ, roles in rows]


class ClaimsMixin:
    """Store methods for claims, similar claims and speakers (see the module docstring)."""

    def load_grouping_state(self):
        """The state incremental grouping starts from (``claims.grouping.GroupingState``), built
        from the claims and speakers tables. Kept current by ``refresh_grouping_state``."""
        from claims.grouping import GroupingState  # lazily: grouping is heavy to import

        state = GroupingState()
        # millions of small lists, sets and tuples are made here: the cyclic GC would scan the
        # growing index over and over (a third of the time at two million claims)
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            with self.transaction(write=False) as conn:
                generation, mark = _generation(conn), _claims_mark(conn)
                ids, centers, shown = _claim_columns(conn)
                speakers = _speaker_rows_of(conn)
            state.claims.add_many(ids, centers, shown)
            del ids, centers, shown
            _release_freed_heap()
            state.speakers.add_many(speakers)
        finally:
            if gc_was_enabled:
                gc.enable()
        state.stored_at = (generation, mark)  # what the state knows of (see refresh_grouping_state)
        return state

    def refresh_grouping_state(self, state) -> int:
        """Bring ``state`` up to the claims and speakers committed by other commands since it was
        loaded or last refreshed; call it inside the batch's write transaction, right before
        grouping. Returns the number of claims added to it (0: nothing else was grouped)."""
        generation, mark = getattr(state, "stored_at", (None, None))
        c = claims_t.c
        with self.transaction() as conn:
            now = _generation(conn)
            if now == generation:
                return 0
            before = len(state.claims)
            cols = (c.claim_id, sa.func.coalesce(c.center_text, c.text), c.text)
            if conn.dialect.name == "sqlite" and mark is not None:
                q = sa.select(*cols).where(sa.literal_column("claims.rowid") > mark).order_by(c.claim_id)
                _add_claim_rows(state, conn.execute(q))
                mark = _claims_mark(conn)
            else:
                known = state.claims.number
                fresh = sorted(cid for cid in conn.execute(sa.select(c.claim_id)).scalars() if cid not in known)
                for chunk in chunks(fresh, IN_CHUNK):
                    _add_claim_rows(state, conn.execute(sa.select(*cols).where(c.claim_id.in_(chunk)).order_by(c.claim_id)))
            state.speakers.add(_speaker_rows_of(conn))
            state.stored_at = (now, mark)
            return len(state.claims) - before

    def grouping_stored(self, state, result: "GroupResult") -> None:
        """After the batch's transaction committed: ``state`` (already given the batch's grouping
        with ``state.apply``) knows of everything up to ``result.generation``."""
        if result.generation is not None:
            state.stored_at = (result.generation, result.claims_mark)

    def save_grouping(self, grouping, *, run_id: Optional[int] = None, added=None) -> GroupResult:
        """Write a ``claims.grouping.BatchGrouping``: claim and speaker ids of its statements,
        new claims, updates of the stored claims it joins, speakers, similar pairs, and
        carried-over verdicts. One transaction (joining the caller's). ``added``: the result of
        ``add_reports(..., defer_statements=True)`` in the same transaction, whose statement rows
        are inserted now with their ids (instead of updating stored rows)."""
        result = GroupResult()
        now = now_iso()
        run_id = run_id if run_id is not None else self.current_run
        with self.transaction() as conn:
            if added is not None and added.deferred:
                insert_columns(conn, statements_t, added.columns(grouping.claim_of, grouping.speaker_of))
                added.deferred = False
            else:
                _write_statement_ids(conn, grouping)
            result.assigned = len(grouping.claim_of)
            insert_rows(conn, claims_t, [{**row, "created_at": now, "run_id": run_id} for row in grouping.new_claims])
            result.new_claims = len(grouping.new_claims)
            retexted = _update_claims(conn, grouping.claim_updates)
            _write_speakers(conn, grouping.new_speakers, grouping.updated_speakers)
            _write_similar(conn, grouping.similar)
            result.carried_over = carry_over_verdicts(conn, grouping.joined_reports, now, run_id)
            self.index_claims(((row["claim_id"], row.get("text")) for row in grouping.new_claims), new=True)
            self.index_claims(retexted)
            result.generation = _bump_generation(conn)
            result.claims_mark = _claims_mark(conn)
        return result

    def save_planned_batch(self, added, grouping, *, expected_generation: int) -> GroupResult:
        """Store a batch planned and grouped outside the write transaction (``plan_reports``,
        then ``claims.grouping.group_batch`` against a state that knew of generation
        ``expected_generation``): its reports, then its grouping (``grouping`` None: no
        statements). Raises ``GroupingConflict``, writing nothing, when another command grouped
        claims or stored one of its reports since: the grouping may miss their claims."""
        return self.save_planned_batches([(added, grouping, expected_generation)])[0]

    def save_planned_batches(self, batches: list) -> list[GroupResult]:
        """``save_planned_batch`` for consecutive batches ((added, grouping, expected generation)
        each, in order) in one transaction: all are stored or none. The background writer joins
        the batches waiting for it so: each commit writes the index pages its inserts touched,
        and batches committed together touch fewer pages per statement."""
        results = []
        with self.transaction() as conn:
            for added, grouping, expected_generation in batches:
                if _generation(conn) != expected_generation:
                    raise GroupingConflict(f"{self.label}: another command grouped claims meanwhile")
                if self.planned_reports_taken(added):
                    raise GroupingConflict(f"{self.label}: another command stored one of the batch's reports meanwhile")
                self.write_planned_reports(added, defer_statements=grouping is not None)
                result = GroupResult()
                if grouping is not None:
                    result = self.save_grouping(grouping, run_id=added.run_id, added=added)
                result.reports_added = added.added
                results.append(result)
        return results

    def count_groups(self, result: GroupResult) -> GroupResult:
        """``result`` with the numbers of claims and speakers stored now."""
        with self.transaction() as conn:
            result.claims = conn.execute(sa.select(sa.func.count()).select_from(claims_t)).scalar_one()
            result.speakers = conn.execute(sa.select(sa.func.count()).select_from(speakers_t)).scalar_one()
        return result


def _write_statement_ids(conn: sa.Connection, grouping) -> None:
    claim_of, speaker_of = grouping.claim_of, grouping.speaker_of
    sids = [sid for sid in grouping.statement_ids if sid in claim_of or sid in speaker_of]
    if conn.dialect.name == "sqlite":  # straight through the driver: same statement, no per-row overhead
        sql = 'UPDATE "statements" SET "claim_id" = ?, "speaker_id" = ? WHERE "id" = ?'
        rows = [(claim_of.get(sid), speaker_of.get(sid), sid) for sid in sids]
        for chunk in chunks(rows, CHUNK):
            conn.exec_driver_sql(sql, list(chunk))
        return
    upd = (
        statements_t.update()
        .where(statements_t.c.id == bindparam("b_id"))
        .values(claim_id=bindparam("b_claim"), speaker_id=bindparam("b_speaker"))
    )
    rows = [{"b_id": sid, "b_claim": claim_of.get(sid), "b_speaker": speaker_of.get(sid)} for sid in sids]
    for chunk in chunks(rows, CHUNK):
        conn.execute(upd, list(chunk))


def _update_claims(conn: sa.Connection, claim_updates: list) -> list[tuple[str, str]]:
    """Add what the batch brings to the stored claims: counts, highest checkworthiness, an
    earlier first report, a fuller text. Returns (claim id, text) of the claims whose text was
    replaced (to be indexed again: the full-text index holds the stored text, not a proposed
    one another command's fuller text kept out)."""
    if not claim_updates:
        return []
    existing: dict[str, dict] = {}
    c = claims_t.c
    for chunk in chunks([u.claim_id for u in claim_updates], IN_CHUNK):
        q = sa.select(c.claim_id, c.text, c.n_occurrences, c.n_reports, c.checkworthiness, c.first_report, c.first_date).where(c.claim_id.in_(chunk))
        for row in conn.execute(q).mappings():
            existing[row["claim_id"]] = dict(row)
    # Only a fuller text replaces the stored one (another run may have stored a fuller one
    # since this run's state was made: its shown length there is then too small).
    proposed = [u for u in claim_updates if u.text is not None]
    fuller: set[str] = set()
    if proposed:
        from claims.normalize import normalize_texts

        new_norm = normalize_texts([u.text for u in proposed])
        old_norm = normalize_texts([existing[u.claim_id]["text"] or "" for u in proposed])
        fuller = {u.claim_id for u, a, b in zip(proposed, new_norm, old_norm) if len(a) > len(b)}
    updates = []
    for u in claim_updates:
        old = existing[u.claim_id]
        if u.text is not None and u.claim_id not in fuller:
            u = dataclasses.replace(u, text=None, representative_id=None)
        up = {
            "b_claim_id": u.claim_id,
            "n_occurrences": int(old["n_occurrences"] or 0) + u.n_occurrences,
            "n_reports": int(old["n_reports"] or 0) + u.n_reports,
            "checkworthiness": max(x for x in (old["checkworthiness"], u.checkworthiness, 0.0) if x is not None),
            "first_report": old["first_report"],
            "first_date": old["first_date"],
            "text": old["text"] if u.text is None else u.text,
            "representative_id": u.representative_id,
        }
        if u.first_date is not None and (old["first_date"] is None or u.first_date < old["first_date"]):
            up["first_report"], up["first_date"] = u.first_report, u.first_date
        updates.append(up)
    retexted = [(u.claim_id, u.text) for u in claim_updates if u.claim_id in fuller]
    if conn.dialect.name == "sqlite":  # straight through the driver: same statement, no per-row overhead
        sql = ('UPDATE "claims" SET "first_report" = ?, "first_date" = ?, "n_occurrences" = ?, '
               '"n_reports" = ?, "checkworthiness" = ?, "text" = ?, '
               '"representative_id" = coalesce(?, "representative_id") WHERE "claim_id" = ?')
        params = [(u["first_report"], u["first_date"], u["n_occurrences"], u["n_reports"],
                   None if u["checkworthiness"] is None else float(u["checkworthiness"]),
                   u["text"], u["representative_id"], u["b_claim_id"]) for u in updates]
        for chunk in chunks(params, CHUNK):
            conn.exec_driver_sql(sql, list(chunk))
        return retexted
    cu = (
        claims_t.update()
        .where(claims_t.c.claim_id == bindparam("b_claim_id"))
        .values(
            first_report=bindparam("first_report"),
            first_date=bindparam("first_date"),
            n_occurrences=bindparam("n_occurrences"),
            n_reports=bindparam("n_reports"),
            checkworthiness=bindparam("checkworthiness"),
            text=bindparam("text"),
            representative_id=sa.func.coalesce(bindparam("representative_id"), claims_t.c.representative_id),
        )
    )
    for chunk in chunks(updates, CHUNK):
        conn.execute(cu, list(chunk))
    return retexted


def _speaker_row(s: dict) -> dict:
    return {"name": s["name"], "type": s["type"], "aliases": json_text(list(s["aliases"])),
            "roles": json_text(list(s["roles"]))}


def _write_speakers(conn: sa.Connection, new: list[dict], updated: list[dict]) -> None:
    """Insert the new speakers; the stored ones get their merged name, type, aliases, roles."""
    insert_rows(conn, speakers_t, [{"speaker_id": s["speaker_id"], **_speaker_row(s)} for s in new])
    if updated and conn.dialect.name == "sqlite":  # straight through the driver, as _update_claims
        sql = 'UPDATE "speakers" SET "name" = ?, "type" = ?, "aliases" = ?, "roles" = ? WHERE "speaker_id" = ?'
        params = [(r["name"], r["type"], r["aliases"], r["roles"], s["speaker_id"])
                  for s in updated for r in (_speaker_row(s),)]
        for chunk in chunks(params, CHUNK):
            conn.exec_driver_sql(sql, list(chunk))
    elif updated:
        u = (
            speakers_t.update()
            .where(speakers_t.c.speaker_id == bindparam("b_speaker_id"))
            .values(name=bindparam("name"), type=bindparam("type"), aliases=bindparam("aliases"), roles=bindparam("roles"))
        )
        for chunk in chunks([{"b_speaker_id": s["speaker_id"], **_speaker_row(s)} for s in updated], CHUNK):
            conn.execute(u, list(chunk))


def _write_similar(conn: sa.Connection, pairs: dict) -> None:
    """Upsert the similar pairs given: a pair is stored once, in either order."""
    if not pairs:
        return
    keys = list(pairs)
    if conn.dialect.name == "sqlite":  # straight through the driver, as _update_claims
        both = [(a, b) for a, b in keys] + [(b, a) for a, b in keys]
        for chunk in chunks(both, CHUNK):
            conn.exec_driver_sql('DELETE FROM "similar_claims" WHERE "claim_id" = ? AND "similar_claim_id" = ?',
                                 list(chunk))
        insert_rows(conn, similar_t, [{"claim_id": a, "similar_claim_id": b, "score": pairs[(a, b)]} for a, b in keys])
        return
    d = similar_t.delete().where(
        sa.and_(similar_t.c.claim_id == bindparam("b_a"), similar_t.c.similar_claim_id == bindparam("b_b"))
    )
    both = [{"b_a": a, "b_b": b} for a, b in keys] + [{"b_a": b, "b_b": a} for a, b in keys]
    for chunk in chunks(both, CHUNK):
        conn.execute(d, list(chunk))
    for chunk in chunks([{"claim_id": a, "similar_claim_id": b, "score": pairs[(a, b)]} for a, b in keys], CHUNK):
        conn.execute(similar_t.insert(), list(chunk))
