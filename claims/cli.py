"""The ``claims`` command: a thin layer over claims.api.

Exit status: 0 success, 1 refused input (bad file, bad workbook, refused import), 2 usage error.
"""
from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import click

from . import __version__, api
from .errors import ClaimsError
from .exports import export_statements

DB_HELP = ("Project database: a SQLite file path or a SQLAlchemy URL such as "
           "postgresql+psycopg://user@host/claims.")


class _OneLineErrors(click.Group):
    """Turn ClaimsError into one line on stderr and exit status 1, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ClaimsError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(1)


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logger = logging.getLogger("claims")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


@click.group(cls=_OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claims")
@click.option("-v", "--verbose", is_flag=True, help="Log progress lines and details.")
def main(verbose: bool) -> None:
    """Track claims and quotes in news reports for fact-checking.

    \b
    The whole loop:
      claims run seeds                      # extract, group, store, write reports/review.xlsx
      (reviewers fill the Verdict column)
      claims import reports/review.xlsx     # record their verdicts
      claims status                         # progress by verdict and by report
      claims export --format csv -o reports/claims.csv
    """
    _setup_logging(verbose)


# --------------------------------------------------------------------------- extract


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--jsonl", "jsonl_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write one statement per line as JSON to this file.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the statements as CSV to this file (lists as JSON text; text that a "
                   "spreadsheet would run as a formula gets a leading ').")
@click.option("--dedupe", is_flag=True, help="Add a claim_id column grouping repeated claims.")
@click.option("--same-threshold", type=click.FloatRange(0, 100), default=None,
              help="With --dedupe: fuzzy score (0-100) at or above which two statements are the "
                   "same claim (default chosen by measurement: see claims.grouping.scoring).")
def extract(paths, jsonl_path, csv_path, dedupe, same_threshold):
    """Extract attributed statements from reports (files or folders).

    Reads .txt, .md, .html, .jsonl and .csv reports; prints a table unless --jsonl/--csv is
    given. Nothing is stored in the database.

    \b
    Examples:
      claims extract seeds
      claims extract seeds --jsonl reports/statements.jsonl
      claims extract archive/ --csv statements.csv --dedupe
    """
    started = time.perf_counter()
    frame = api.extract(list(paths), dedupe=dedupe, same_threshold=same_threshold)
    if jsonl_path:
        export_statements(frame, jsonl_path, format="jsonl")
    if csv_path:
        export_statements(frame, csv_path, format="csv")
    if not jsonl_path and not csv_path:
        for row in frame.itertuples():
            speaker = row.speaker_name if isinstance(row.speaker_name, str) else "-"
            text = row.text if len(row.text) <= 90 else row.text[:87] + "..."
            click.echo(f"{row.report}\t{row.kind}\t{speaker}\t{text}")
    kinds = frame["kind"].value_counts().to_dict() if len(frame) else {}
    by_kind = ", ".join(f"{kinds.get(k, 0)} {k}" for k in ("direct", "indirect", "mixed", "claim"))
    reports = frame["report"].nunique() if len(frame) else 0
    extra = f", {frame['claim_id'].nunique()} claims" if dedupe and len(frame) else ""
    click.echo(f"{len(frame)} statements ({by_kind}) from {reports} reports{extra} "
               f"in {time.perf_counter() - started:.1f} s", err=True)


# --------------------------------------------------------------------------- run


def _db_option(f):
    return click.option("--db", default=api.DEFAULT_DB, show_default=True, help=DB_HELP)(f)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_db_option
@click.option("-o", "--output", default=api.DEFAULT_WORKBOOK, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Review workbook to write.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes for extraction (default: number of cores). Output is the "
                   "same as with --workers 1, in the same order.")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Run extraction on a Dask cluster: a scheduler address (tcp://host:8786) or "
                   "'local' for a LocalCluster. Needs pip install 'claims[dask]'.")
@click.option("--batch-size", type=click.IntRange(min=1), default=api.BATCH_SIZE, show_default=True,
              help="Reports per batch; each batch is stored in one transaction, so an "
                   "interrupted run loses at most one batch and resumes where it stopped.")
@click.option("--same-threshold", type=click.FloatRange(0, 100), default=None,
              help="Fuzzy score (0-100) at or above which two statements are the same claim.")
@click.option("--similar-threshold", type=click.FloatRange(0, 100), default=None,
              help="Fuzzy score (0-100) at or above which claims are suggested as similar.")
@click.option("--verdicts", default=None, metavar="LIST",
              help="Set this project's verdict values, comma-separated, e.g. "
                   "\"True,Mostly true,Half true,False\". Stored in the database and used by every "
                   "later workbook and import. Default: Verified, False, Misleading, Needs context, "
                   "Unverifiable.")
@click.option("--top", type=click.IntRange(min=1), default=None,
              help="Only the N claims highest by check-worthiness and occurrences in the workbook.")
@click.option("--new", "new", is_flag=True, help="Only claims first seen in this run in the workbook.")
@click.option("--unreviewed", is_flag=True, help="Only claims without a verdict in the workbook.")
@click.option("--report", "report_filter", default=None, help="Only claims occurring in this report id.")
@click.option("--speaker", "speaker_filter", default=None, help="Only claims by speakers matching this name.")
def run(paths, db, output, workers, dask_address, batch_size, same_threshold, similar_threshold, verdicts, top, new, unreviewed,
        report_filter, speaker_filter):
    """Extract, group, store and write the review workbook (the main job).

    Running it again on the same reports adds nothing twice and keeps every verdict.

    \b
    Examples:
      claims run seeds
      claims run archive/ feed.jsonl --db postgresql+psycopg://me@db/claims -o review.xlsx
      claims run archive/ --top 500 --unreviewed -o today.xlsx
    """
    if verdicts is not None:
        with api.open_store(db) as store:
            store.set_verdict_values([v for v in verdicts.split(",")])
    progress = _Progress()
    summary = api.run(list(paths), db=db, output=output, workers=workers, dask=dask_address,
                      batch_size=batch_size,
                      same_threshold=same_threshold, similar_threshold=similar_threshold,
                      top=top, new=new, unreviewed=unreviewed, report=report_filter,
                      speaker=speaker_filter, progress=progress.update)
    progress.close()
    click.echo(summary.line())


class _Progress:
    """tqdm bar on a terminal; plain periodic log lines otherwise."""

    def __init__(self):
        self.reports = 0
        self.statements = 0
        self.bar = None
        self.last_line = time.monotonic()
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(unit=" reports", file=sys.stderr, dynamic_ncols=True)

    def update(self, reports: int, statements: int) -> None:
        self.reports += reports
        self.statements += statements
        if self.bar is not None:
            self.bar.update(reports)
            self.bar.set_postfix(statements=self.statements, refresh=False)
        elif time.monotonic() - self.last_line > 10:
            self.last_line = time.monotonic()
            click.echo(f"... {self.reports} reports, {self.statements} statements", err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# --------------------------------------------------------------------------- import, status, export


@main.command(name="import")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_db_option
def import_(workbook, db):
    """Record the verdicts of a reviewed workbook in the database.

    Rows are matched by Claim ID (sorting, filtering, deleting rows is fine). A workbook with
    an invalid verdict, an unknown Claim ID, or made from another database is refused whole
    (exit status 1) and nothing is applied.

    \b
    Example:
      claims import reports/review.xlsx
    """
    result = api.import_workbook(workbook, db=db)
    for message in result.messages:
        click.echo(message, err=True)
    click.echo(f"{result.recorded} verdicts recorded, {result.unchanged} unchanged, "
               f"{result.conflicts} conflicting, {result.refused} refused")


@main.command()
@_db_option
def status(db):
    """Print review progress: claims by verdict and by report.

    \b
    Example:
      claims status --db reports/claims.db
    """
    info = api.status(db=db)
    click.echo(f"{info.get('reports', 0)} reports, {info.get('statements', 0)} statements, "
               f"{info.get('claims', 0)} claims")
    by_verdict = info.get("by_verdict")
    if by_verdict is not None and len(by_verdict):
        click.echo("\nClaims by verdict:")
        click.echo(by_verdict.to_string(index=False))
    by_report = info.get("by_report")
    if by_report is not None and len(by_report):
        by_report = by_report.dropna(axis=1, how="all").fillna("")  # no empty title column
        click.echo("\nClaims by report:")
        click.echo(by_report.to_string(index=False))


@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(api.EXPORT_FORMATS), default="csv", show_default=True,
              help="csv, jsonl and xlsx: every claim with its verdict; claimreview: schema.org "
                   "ClaimReview JSON-LD for claims with a verdict.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write.")
@click.option("--organization", default="claims", show_default=True,
              help="ClaimReview author organisation name.")
@click.option("--url", default=None, help="ClaimReview author organisation URL.")
def export(db, fmt, output, organization, url):
    """Write claims with their verdicts to a file.

    \b
    Examples:
      claims export --format csv -o reports/claims.csv
      claims export --format claimreview -o reports/claimreview.json --organization "Our Desk" --url https://desk.example
    """
    n = api.export(output, format=fmt, db=db, organization=organization, url=url)
    click.echo(f"{n} claims written to {output}")


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
