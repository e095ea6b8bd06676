import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


@pytest.fixture
def seeds_dir():
    return SEEDS
