import contextlib
import pathlib
import uuid

import pytest
from hypothesis import HealthCheck, settings

REPO = pathlib.Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"

# CI machines are shared and noisy: a property test fails on a wrong answer, never on a slow
# example. Tests that want fewer or more examples still set their own max_examples.
settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")


@pytest.fixture
def seeds_dir():
    return SEEDS


def pg_url_in_schema(url: str, schema: str) -> str:
    """*url* with its connections' search_path set to *schema*: replaces an ``options`` the
    URL already has (a developer's own schema) rather than adding a second one, which the
    server refuses."""
    import sqlalchemy as sa

    u = sa.engine.make_url(url)
    return u.set(query={**u.query, "options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


@contextlib.contextmanager
def pg_schema(admin_url: str, prefix: str):
    """A PostgreSQL schema of its own for one test: yields a URL whose connections use it, and
    drops it afterwards."""
    import sqlalchemy as sa

    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(admin_url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield pg_url_in_schema(admin_url, schema)
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        engine.dispose()
