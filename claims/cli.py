"""The ``claims`` command: a thin layer over claims.api.

Exit status, for scripts:

    0  success
    1  refused input or nothing to do that was asked for: a missing file or folder, no
       report files, a bad or refused workbook, a database that does not exist (only ``run``
       creates one), a workbook that would overwrite unimported work, a filter that matched
       no claim, a verdict list that would strand stored verdicts
    2  usage error: an unknown option or command, a missing argument, an output file name
       whose suffix names no format, ClaimReview without --organization

Every error is one line on stderr starting with ``error:``. ``-v/--verbose`` and
``-q/--quiet`` are accepted before or after the subcommand. ``--quiet`` prints errors and
the one-line summary of what was done, nothing else (no progress, no warnings about skipped
files). Text from reports reaches the terminal only through ``claims.terminal.visible``.
Importing this module does not import pandas, so ``claims --help`` is fast.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
from pathlib import Path

import click

from . import __version__, api
from .errors import ClaimsError
from .terminal import visible
from .types import REVIEW_ROWS_DEFAULT

DB_HELP = ("Project database: a SQLite file path or a SQLAlchemy URL such as "
           "postgresql+psycopg://user@host/claims. Example: --db reports/claims.db")

FILTERS_HELP = """\b
Filters (what goes in the workbook; a filter matching no claim is an error, exit 1):
  --top N          at most N claims (default 5,000): new and unreviewed first, then
                   by check-worthiness; --top 0 or --all: every claim selected
  --new            claims first seen in the latest run
  --unreviewed     claims without a verdict
  --report ID      claims occurring in this report (ids as in `claims status`)
  --speaker NAME   claims by speakers matching this name"""


class _State:
    verbose = False
    quiet = False


def _setup_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_VisibleFormatter("%(levelname)s: %(message)s"))
    logger = logging.getLogger("claims")
    logger.handlers[:] = [handler]
    level = logging.ERROR if _State.quiet else (logging.INFO if _State.verbose else logging.WARNING)
    logger.setLevel(level)
    logger.propagate = False


class _VisibleFormatter(logging.Formatter):
    """Log lines carry file names and report text: control characters made visible."""

    def format(self, record: logging.LogRecord) -> str:
        return visible(super().format(record))


def _set_verbose(ctx, param, value):
    if value:
        _State.verbose = True
        _setup_logging()
    return value


def _set_quiet(ctx, param, value):
    if value:
        _State.quiet = True
        _setup_logging()
    return value


def _verbosity_options(f):
    """-v/--verbose and -q/--quiet, on the group and on every command (so both
    ``claims -v run ...`` and ``claims run ... -v`` work)."""
    f = click.option("-q", "--quiet", is_flag=True, expose_value=False, is_eager=True, callback=_set_quiet,
                     help="Print only errors and the one-line summary: no progress, no warnings.")(f)
    f = click.option("-v", "--verbose", is_flag=True, expose_value=False, is_eager=True, callback=_set_verbose,
                     help="Log progress lines and details (time per stage, skipped files).")(f)
    return f


def _echo_error(error) -> None:
    click.echo(f"error: {visible(error)}", err=True)


class _OneLineErrors(click.Group):
    """Turn ClaimsError into one line on stderr and exit status 1, never a traceback; commands
    get -v/-q too."""

    def command(self, *args, **kwargs):
        decorator = super().command(*args, **kwargs)

        def wrap(f):
            return decorator(_verbosity_options(f))

        return wrap

    def main(self, *args, **kwargs):
        _State.verbose = _State.quiet = False  # one invocation's flags (CliRunner calls main again)
        return super().main(*args, **kwargs)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ClaimsError as error:
            summary = getattr(error, "summary", None)
            if summary is not None:  # the run stored its reports; only the workbook step failed
                click.echo(summary.line())
            _echo_error(error)
            sys.exit(1)


@click.group(cls=_OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claims")
@_verbosity_options
def main() -> None:
    """Track claims and quotes in news reports for fact-checking.

    \b
    The whole loop:
      claims run seeds                      # extract, group, store, write reports/review.xlsx
      (reviewers fill the Verdict column)
      claims import reports/review.xlsx     # record their verdicts
      claims status                         # progress by verdict and by report
      claims workbook --unreviewed          # a fresh workbook from the database alone
      claims conflicts                      # verdicts two reviewers disagree on
      claims export -o reports/claims.csv   # format from the suffix: .csv .jsonl .xlsx .json

    \b
    Exit status: 0 ok; 1 refused input or nothing to do (missing file, no reports, bad
    workbook, no database, unimported work in the way, a filter matching nothing);
    2 usage error. -v/--verbose and -q/--quiet work before or after the command.
    """
    _setup_logging()


# --------------------------------------------------------------------------- extract


_max_report_bytes_option = click.option(
    "--max-report-bytes", default=None, metavar="SIZE",
    help="Skip (with one line) report files and table rows larger than this: bytes, or with a unit "
         "(50M, 1G, 512KiB). Default: $CLAIMS_MAX_REPORT_BYTES, else 50M. Example: --max-report-bytes 200M")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--jsonl", "jsonl_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write one statement per line as JSON to this file. Example: --jsonl statements.jsonl")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the statements as CSV to this file (lists as JSON text; text that a "
                   "spreadsheet would run as a formula gets a leading '). Example: --csv statements.csv")
@click.option("--dedupe", is_flag=True, help="Add a claim_id column grouping repeated claims. Example: --dedupe")
@click.option("--same-threshold", type=click.FloatRange(0, 100), default=None,
              help="With --dedupe: fuzzy score (0-100) at or above which two statements are the "
                   "same claim (default chosen by measurement: see claims.grouping.scoring). "
                   "Example: --same-threshold 90")
@_max_report_bytes_option
def extract(paths, jsonl_path, csv_path, dedupe, same_threshold, max_report_bytes):
    """Extract attributed statements from reports (files or folders).

    Reads .txt, .md, .html, .jsonl and .csv reports; prints one statement per line (report,
    kind, speaker, text; tab-separated, text cut at 90 characters only on a terminal) unless
    --jsonl/--csv is given. Nothing is stored in the database.

    \b
    Examples:
      claims extract seeds
      claims extract seeds --jsonl reports/statements.jsonl
      claims extract archive/ --csv statements.csv --dedupe
      claims extract seeds | cut -f4        # whole texts when piped
    """
    started = time.perf_counter()
    api.count_reports(list(paths))  # a missing path or no report files: one line, exit 1
    if max_report_bytes is not None:
        from .reports import max_report_bytes as report_size_limit

        report_size_limit(max_report_bytes)  # a bad limit: one line, exit 1, before reading
    frame = api.extract(list(paths), dedupe=dedupe, same_threshold=same_threshold,
                        max_report_bytes=max_report_bytes)
    from .exports import export_statements

    if jsonl_path:
        export_statements(frame, jsonl_path, format="jsonl")
    if csv_path:
        export_statements(frame, csv_path, format="csv")
    if not jsonl_path and not csv_path:
        cut = sys.stdout.isatty()
        for row in frame.itertuples():
            speaker = row.speaker_name if isinstance(row.speaker_name, str) else "-"
            text = visible(row.text)
            if cut and len(text) > 90:
                text = text[:87] + "..."
            click.echo(f"{visible(row.report)}\t{row.kind}\t{visible(speaker)}\t{text}")
    kinds = frame["kind"].value_counts().to_dict() if len(frame) else {}
    by_kind = ", ".join(f"{kinds.get(k, 0)} {k}" for k in ("direct", "indirect", "mixed", "claim"))
    reports = frame["report"].nunique() if len(frame) else 0
    extra = f", {api.plural(frame['claim_id'].nunique(), 'claim')}" if dedupe and len(frame) else ""
    click.echo(f"{api.plural(len(frame), 'statement')} ({by_kind}) from {api.plural(reports, 'report')}{extra} "
               f"in {time.perf_counter() - started:.1f} s", err=True)


# --------------------------------------------------------------------------- run, workbook


def _db_option(f):
    return click.option("--db", default=api.DEFAULT_DB, show_default=True, help=DB_HELP)(f)


def _force_option(f):
    return click.option(
        "--force", is_flag=True,
        help="Write even over a workbook holding verdicts, evidence or notes the database does not "
             "have (or one that is not a workbook of this database): the old file is kept first as a "
             "dated backup beside it, e.g. review.2026-11-30T0412.xlsx. Without it such a file is "
             "refused (exit 1) and left as it is. Example: --force")(f)


def _filter_options(f):
    for option in reversed([
        click.option("--top", type=click.IntRange(min=0), default=None,
                     help=f"At most N claims in the workbook (default {REVIEW_ROWS_DEFAULT:,}): those without a "
                          "verdict first (new in the latest run before older ones), then claims to confirm "
                          "(carried over, in conflict), then reviewed ones, each by check-worthiness. "
                          "0 means all. Example: --top 500"),
        click.option("--all", "all_rows", is_flag=True,
                     help="Every claim the filters select, however many (same as --top 0). Example: --all"),
        click.option("--new", "new", is_flag=True,
                     help="Only claims first seen in this run (claims workbook: in the latest run). Example: --new"),
        click.option("--unreviewed", is_flag=True, help="Only claims without a verdict. Example: --unreviewed"),
        click.option("--report", "report_filter", default=None, metavar="ID",
                     help="Only claims occurring in this report id (see `claims status`). "
                          "Example: --report 004_bfd6e1dc52ea2406"),
        click.option("--speaker", "speaker_filter", default=None, metavar="NAME",
                     help="Only claims by speakers matching this name. Example: --speaker Merten"),
    ]):
        f = option(f)
    return f


def _row_cap(top, all_rows) -> int:
    """--top N / --all / neither: the workbook's row cap for the API (0: no cap)."""
    if all_rows and top is not None and top != 0:
        raise click.UsageError("--all and --top N contradict each other: give one")
    if all_rows:
        return 0
    return REVIEW_ROWS_DEFAULT if top is None else top


def _xlsx_output(ctx, param, value):
    if value is not None and value.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"{visible(value)}: the review workbook is an .xlsx file (e.g. review.xlsx)")
    return value


def _parse_map(ctx, param, values):
    mapping = {}
    for item in values:
        old, sep, new = item.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise click.BadParameter(f"{item!r}: write it as Old=New, e.g. --map-verdict \"Verified=True\"")
        mapping[old.strip()] = new.strip()
    return mapping


@main.command(epilog=FILTERS_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_db_option
@click.option("-o", "--output", default=api.DEFAULT_WORKBOOK, show_default=True, callback=_xlsx_output,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Review workbook to write (.xlsx). Example: -o today.xlsx")
@_force_option
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes for extraction (default: number of cores). Output is the "
                   "same as with --workers 1, in the same order. Example: --workers 4")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Run extraction on a Dask cluster: a scheduler address (tcp://host:8786) or "
                   "'local' for a LocalCluster. Needs pip install 'claims[dask]'. Example: --dask local")
@click.option("--batch-size", type=click.IntRange(min=1), default=api.BATCH_SIZE, show_default=True,
              help="Reports per batch; each batch is stored in one transaction, so an "
                   "interrupted run loses at most one batch and resumes where it stopped. Example: --batch-size 500")
@click.option("--same-threshold", type=click.FloatRange(0, 100), default=None,
              help="Fuzzy score (0-100) at or above which two statements are the same claim. Example: --same-threshold 90")
@click.option("--similar-threshold", type=click.FloatRange(0, 100), default=None,
              help="Fuzzy score (0-100) at or above which claims are suggested as similar. "
                   "Example: --similar-threshold 70")
@click.option("--verdicts", default=None, metavar="LIST",
              help="Set this project's verdict values, comma-separated. Stored in the database and used "
                   "by every later workbook and import. Stored verdicts outside the new list must be "
                   "mapped with --map-verdict, else the run is refused (exit 1) naming them. Default list: "
                   "Verified, False, Misleading, Needs context, Unverifiable. "
                   "Example: --verdicts \"True,Mostly true,Half true,False\"")
@click.option("--map-verdict", "map_verdict", multiple=True, metavar="OLD=NEW", callback=_parse_map,
              help="With --verdicts: rewrite stored verdict OLD as NEW (a value of the new list), "
                   "recorded in the history; repeat for each value. Example: --map-verdict \"Verified=True\"")
@_filter_options
@_max_report_bytes_option
def run(paths, db, output, force, workers, dask_address, batch_size, same_threshold, similar_threshold, verdicts,
        map_verdict, top, all_rows, new, unreviewed, report_filter, speaker_filter, max_report_bytes):
    """Extract, group, store and write the review workbook (the main job).

    Running it again on the same reports adds nothing twice and keeps every verdict. The
    workbook is never written over one holding verdicts not yet imported (see --force).
    Creates the database when it does not exist. Prints one summary line. The workbook holds
    at most 5,000 claims unless --top N or --all says otherwise (new and unreviewed first, then by
    check-worthiness); the summary line says when that left claims out.

    \b
    Examples:
      claims run seeds
      claims run archive/ feed.jsonl --db postgresql+psycopg://me@db/claims -o review.xlsx
      claims run archive/ --top 500 --unreviewed -o today.xlsx
      claims run archive/ --all -o everything.xlsx      # no 5,000-row cap
      claims run seeds --verdicts "True,Half true,False" --map-verdict "Verified=True"
    """
    if map_verdict and verdicts is None:
        raise click.UsageError("--map-verdict needs --verdicts (the new list)")
    top = _row_cap(top, all_rows)
    progress = _Progress(enabled=not _State.quiet)
    try:
        summary = api.run(list(paths), db=db, output=output, workers=workers, dask=dask_address,
                          batch_size=batch_size,
                          same_threshold=same_threshold, similar_threshold=similar_threshold,
                          top=top, new=new, unreviewed=unreviewed, report=report_filter,
                          speaker=speaker_filter, progress=progress.update, on_stage=progress.stage,
                          verdicts=verdicts.split(",") if verdicts is not None else None,
                          verdict_map=map_verdict or None, force=force, max_report_bytes=max_report_bytes)
    finally:
        progress.close()
    click.echo(summary.line())


@main.command(epilog=FILTERS_HELP)
@_db_option
@click.option("-o", "--output", default=api.DEFAULT_WORKBOOK, show_default=True, callback=_xlsx_output,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Review workbook to write (.xlsx). Example: -o fresh.xlsx")
@_force_option
@_filter_options
def workbook(db, output, force, top, all_rows, new, unreviewed, report_filter, speaker_filter):
    """Write the review workbook from the database alone (no report is read again).

    Gives reviewers a fresh sheet at any time, with every verdict imported so far. Refused
    (exit 1) when the database does not exist, when a filter matches no claim, and when the
    file there holds verdicts the database lacks (import it first, or --force). At most 5,000
    claims unless --top N or --all (the line printed says when that left claims out).

    \b
    Examples:
      claims workbook
      claims workbook -o today.xlsx --unreviewed --top 200
      claims workbook -o merten.xlsx --speaker Merten
      claims workbook -o everything.xlsx --all
    """
    written = api.write_workbook(output, db=db, top=_row_cap(top, all_rows), new=new, unreviewed=unreviewed, report=report_filter,
                                 speaker=speaker_filter, force=force)
    line = f"{api.plural(written.rows, 'row')} in {written.path}"
    if written.note:
        line += f"; {written.note}"
    if written.backup:
        line += f"; old workbook kept as {written.backup}"
    click.echo(line)


class _Progress:
    """On a terminal: a tqdm bar with the total (reports counted first), rate, time left and
    the current stage, refreshed twice a second so it never sits still (e.g. while the
    workbook is written). Otherwise (a pipe, a log file): a plain line every 10 s, and with -v
    each stage. Nothing with --quiet."""

    def __init__(self, enabled: bool = True):
        self.reports = 0
        self.statements = 0
        self.bar = None
        self.enabled = enabled
        self.last_line = time.monotonic()
        self._stop = threading.Event()
        self._thread = None
        self._lock = threading.Lock()
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            try:
                size = os.get_terminal_size(sys.stderr.fileno())
            except OSError:
                size = os.terminal_size((0, 0))
            sized = size.columns > 0 and size.lines > 0  # a pty may say 0: tqdm would then hide the bar
            self.bar = tqdm(unit=" reports", file=sys.stderr, dynamic_ncols=sized,
                            ncols=None if sized else (size.columns or 100), nrows=None if sized else 24,
                            desc="reading",
                            bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} "
                                       "[{elapsed}<{remaining}, {rate_fmt}{postfix}]")
            self._thread = threading.Thread(target=self._tick, daemon=True)
            self._thread.start()

    def _tick(self) -> None:
        while not self._stop.wait(0.5):
            with self._lock:
                if self.bar is not None:
                    self.bar.refresh()

    def stage(self, name: str, total=None) -> None:
        with self._lock:
            if self.bar is not None:
                if total is not None:
                    self.bar.total = total
                self.bar.set_description_str(name, refresh=True)
            elif self.enabled and _State.verbose:
                click.echo(f"... {name}" + (f" ({api.plural(total, 'report')})" if total else ""), err=True)

    def update(self, reports: int, statements: int) -> None:
        self.reports += reports
        self.statements += statements
        with self._lock:
            if self.bar is not None:
                if self.bar.total is not None and self.bar.n + reports > self.bar.total:
                    self.bar.total = self.bar.n + reports  # the count was an estimate
                self.bar.update(reports)
                self.bar.set_postfix(statements=self.statements, refresh=False)
                return
        if self.enabled and time.monotonic() - self.last_line > 10:
            self.last_line = time.monotonic()
            click.echo(f"... {self.reports} reports, {self.statements} statements", err=True)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=1)
        if self.bar is not None:
            self.bar.close()


# --------------------------------------------------------------------------- import, status, conflicts, export


@main.command(name="import")
@click.argument("workbook", type=click.Path(path_type=Path))
@_db_option
def import_(workbook, db):
    """Record the verdicts of a reviewed workbook in the database.

    Rows are matched by Claim ID (sorting, filtering, deleting rows is fine). A workbook with
    an invalid verdict, an unknown Claim ID, or made from another database is refused whole
    (exit status 1) and nothing is applied; so is a missing file or database. A verdict
    changed in a workbook made before another reviewer's import is a conflict: kept in the
    history and listed by `claims conflicts`; importing a verdict for that claim from a
    fresh workbook resolves it.

    \b
    Example:
      claims import reports/review.xlsx
      claims import review.xlsx --db postgresql+psycopg://me@db/claims
    """
    result = api.import_workbook(workbook, db=db)
    if not _State.quiet:
        for message in result.messages:
            click.echo(visible(message), err=True)
    click.echo(result.line())  # says so when a verdict was cleared


def _json_default(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return str(value)


@main.command()
@_db_option
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object instead (counts, by_verdict, by_report, conflicts, last_run). "
                   "Example: claims status --json | jq .conflicts")
def status(db, as_json):
    """Print review progress: claims by verdict and by report, and open conflicts.

    The database must exist (a typo in --db is an error, exit 1, never a new database).

    \b
    Examples:
      claims status --db reports/claims.db
      claims status --json
    """
    info = api.status(db=db)
    if as_json:
        out = {k: v for k, v in info.items() if k not in ("by_verdict", "by_report")}
        for key in ("by_verdict", "by_report"):
            frame = info.get(key)
            out[key] = [] if frame is None else [
                {k: (None if v != v else v) for k, v in rec.items()}  # NaN -> null
                for rec in frame.astype(object).to_dict(orient="records")
            ]
        click.echo(json.dumps(out, default=_json_default, ensure_ascii=False, indent=2))
        return
    conflicts = int(info.get("conflicts", 0))
    click.echo(f"{api.plural(info.get('reports', 0), 'report')}, {api.plural(info.get('statements', 0), 'statement')}, "
               f"{api.plural(info.get('claims', 0), 'claim')}, {api.plural(conflicts, 'open conflict')}")
    by_verdict = info.get("by_verdict")
    if by_verdict is not None and len(by_verdict):
        click.echo("\nClaims by verdict:")
        by_verdict = by_verdict.assign(verdict=by_verdict["verdict"].map(visible))
        click.echo(by_verdict.to_string(index=False))
    by_report = info.get("by_report")
    if by_report is not None and len(by_report):
        by_report = by_report.dropna(axis=1, how="all").fillna("")  # no empty title column
        for col in ("report", "title"):
            if col in by_report:
                by_report[col] = by_report[col].map(visible)
        click.echo("\nClaims by report:")
        click.echo(by_report.to_string(index=False))
    if conflicts:
        click.echo(f"\n{api.plural(conflicts, 'open conflict')}: see `claims conflicts`")


@main.command()
@_db_option
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON array, one object per conflict (claim_id, claim, current_* and "
                   "conflicting_* verdict, reviewer, recorded_at, workbook). Example: claims conflicts --json")
def conflicts(db, as_json):
    """List open conflicts: claims given two different verdicts by two reviewers.

    A conflict arises when a workbook made before another reviewer's import changes the same
    claim: the database keeps the verdict imported first and the other one goes into the
    history. Resolve one by entering the verdict you want for that claim in a fresh workbook
    (`claims workbook`) and importing it. Exit 0 whether or not there are conflicts.

    \b
    Examples:
      claims conflicts
      claims conflicts --json | jq '.[].claim_id'
    """
    rows = api.conflicts(db=db)
    if as_json:
        click.echo(json.dumps(rows, default=_json_default, ensure_ascii=False, indent=2))
        return
    for r in rows:
        claim = visible(r["claim"] or "")
        if len(claim) > 100 and sys.stdout.isatty():
            claim = claim[:97] + "..."
        click.echo(f"{visible(r['claim_id'])}\t{claim}")
        click.echo(f"  kept:     {visible(r['current_verdict'])!s:<16} by {visible(r['current_reviewer'] or '-')} "
                   f"at {visible(r['current_recorded_at'] or '-')} from {visible(r['current_workbook'] or '-')}")
        click.echo(f"  conflict: {visible(r['conflicting_verdict'])!s:<16} by {visible(r['conflicting_reviewer'] or '-')} "
                   f"at {visible(r['conflicting_recorded_at'] or '-')} from {visible(r['conflicting_workbook'] or '-')}")
    click.echo(api.plural(len(rows), "open conflict"))


@main.command()
@_db_option
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write; its suffix chooses the format: .csv, .jsonl, .xlsx, or .json for "
                   "ClaimReview. Example: -o reports/claims.csv")
@click.option("--format", "fmt", default=None, metavar="FORMAT",
              help="csv, jsonl, xlsx or claimreview, when the file name should not decide (it must "
                   "then agree with the suffix). csv/jsonl/xlsx: every claim with its verdict (JSON "
                   "keys are snake_case field names); claimreview: schema.org ClaimReview JSON-LD for "
                   "claims with a verdict. Example: --format jsonl")
@click.option("--organization", default=None,
              help="ClaimReview: the reviewing organisation's name (required for ClaimReview). "
                   "Example: --organization \"Example Desk\"")
@click.option("--organization-url", "--url", "organization_url", default=None,
              help="ClaimReview: the organisation's web site (--url is the older name). "
                   "Example: --organization-url https://desk.example")
@click.option("--review-url", default=None,
              help="ClaimReview: the page the reviews are published on, set as each review's url. "
                   "Example: --review-url https://desk.example/checks")
def export(db, output, fmt, organization, organization_url, review_url):
    """Write claims with their verdicts to a file; the format comes from its name.

    \b
    Examples:
      claims export -o reports/claims.csv
      claims export -o reports/claims.jsonl
      claims export -o reports/claimreview.json --organization "Our Desk" --review-url https://desk.example/checks
    """
    try:
        by_name = api.export_format(output)
    except ClaimsError as error:
        if fmt is None:
            raise click.UsageError(visible(error))
        by_name = None
    if fmt is not None:
        if fmt not in api.EXPORT_FORMATS:
            raise click.BadParameter(f"{fmt!r}: choose one of {', '.join(api.EXPORT_FORMATS)}", param_hint="--format")
        if by_name is not None and by_name != fmt:
            raise click.UsageError(f"--format {fmt} but {visible(output)} names {by_name}; make them agree")
    fmt = fmt or by_name
    if fmt == "claimreview" and not (organization or "").strip():
        raise click.UsageError("ClaimReview needs the reviewing organisation's name: --organization \"Your Desk\"")
    n = api.export(output, format=fmt, db=db, organization=organization, url=organization_url, review_url=review_url)
    click.echo(f"{api.plural(n, 'claim')} written to {output}")


@main.command()
@click.argument("report")
@_db_option
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="HTML file to write [default: reports/views/REPORT.html, where the workbook's View links point].")
def show(report, db, output):
    """Write one report as an HTML page with every statement highlighted.

    Statements are coloured by speaker (a legend at the top) and labelled with their claim id
    and verdict. The page is one self-contained file (no script, nothing fetched).

    \b
    Examples:
      claims show 004_bfd6e1dc52ea2406
      claims show 004_bfd6e1dc52ea2406 -o report.html --db reports/claims.db
    """
    path = api.show_report(report, output, db=db)
    click.echo(f"report {report} written to {path}")


@main.command(name="check-db")
@_db_option
def check_db(db):
    """Check the database: its integrity and what claims relies on.

    Prints one line per problem and exits with status 1 when there is any, 0 when it is sound.
    Read-only: nothing is written, created or migrated.

    \b
    Example:
      claims check-db --db reports/claims.db
    """
    from .store.integrity import problem_lines
    from .terminal import visible

    problems = api.check_db(db=db)
    for line in problem_lines(problems, str(db)):
        click.echo(visible(line))
    if len(problems):
        sys.exit(1)
    click.echo(visible(f"{db}: no problems found"))


# --------------------------------------------------------------------------- checked before?


@main.command(name="import-factchecks")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_db_option
def import_factchecks(file, db):
    """Store other fact-checkers' published checks, to show beside this desk's claims.

    FILE is schema.org ClaimReview JSON-LD (one object, a list, an @graph or a DataFeed, as
    fact-checkers publish them; .json, .jsonld, .jsonl, or an .html page holding it) or CSV with
    columns claim (required), rating, url, publisher, date. Imported ratings never become this
    desk's verdicts; they show in the Review sheet's "Checked before" column and in
    `claims search`. Importing the same file again changes nothing. A bad file is refused
    whole (exit status 1).

    \b
    Examples:
      claims import-factchecks claimreview-feed.json
      claims import-factchecks checks.csv --db reports/claims.db
    """
    click.echo(api.import_factchecks(file, db=db).line())


@main.command()
@click.argument("text")
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True, help="How many matches.")
@_db_option
def search(text, limit, db):
    """Find stored claims and imported fact-checks matching TEXT, best first.

    Each match shows its kind (own claim or fact-check), the desk's verdict or the
    fact-checker's rating, by whom, 'same' (the same claim: near-identical, numbers and
    negations agree) or 'similar', a 0-1 score, the text and the link.

    \b
    Examples:
      claims search "Bricks of cocaine washed ashore in Florida after Hurricane Dorian"
      claims search "unemployment fell to 3.5 percent" --limit 10
    """
    from .terminal import visible

    frame = api.search(text, db=db, limit=limit)
    if not len(frame):
        click.echo("no match")
        return
    for i, r in enumerate(frame.to_dict("records"), 1):
        r = {k: (None if not isinstance(v, (int, float, str)) or v != v else v) for k, v in r.items()}
        verdict = r["verdict"] or ("no rating" if r["kind"] == "fact-check" else "not reviewed")
        who = ", ".join(str(x) for x in (r["by"], r["date"]) if x)
        click.echo(f"{i}. {r['kind']} {r['id']}: {visible(verdict)}" + (f" — {visible(who)}" if who else "")
                   + f"  [{r['label']} {r['score']:.2f}]")
        click.echo(f"   {visible(r['text'])}")
        if r["url"]:
            click.echo(f"   {visible(r['url'])}")


if __name__ == "__main__":  # pragma: no cover
    main()
