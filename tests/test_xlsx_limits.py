"""A reviewed workbook is checked before it is parsed: zip bombs and entity bombs are refused
with one line naming the limit, fast and without expanding them."""
from __future__ import annotations

import resource
import time
import zipfile
from pathlib import Path

import pytest

import claims

from claims.workbook import archive_check as xlsx_limits
from claims.errors import WorkbookError
from claims.workbook import read_review_workbook


SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _plain_workbook(path):
    """A real review workbook of the seed reports (the bombs are planted into its parts)."""
    claims.run([SEEDS], db=path.parent / "claims.db", output=path, workers=1)
    with zipfile.ZipFile(path) as z:
        assert "xl/worksheets/sheet1.xml" in z.namelist()


SST_REL = (b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
           b'Target="/xl/sharedStrings.xml" Id="rIdBomb"/></Relationships>')
SST_TYPE = (b'<Override PartName="/xl/sharedStrings.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')


def _plant_shared_strings(src, dst, sst: bytes):
    """Copy the workbook with ``sst`` as its shared strings part, wired in so openpyxl loads it."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", SST_REL)
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", SST_TYPE)
            if info.filename != "xl/sharedStrings.xml":
                zout.writestr(info.filename, data)
        zout.writestr("xl/sharedStrings.xml", sst)


def test_zip_bomb_refused_before_parsing(tmp_path):
    plain = tmp_path / "plain.xlsx"
    _plain_workbook(plain)
    bomb = tmp_path / "bomb.xlsx"
    # 100 MiB of shared strings (over the 64 MiB limit) that compress to well under 1 MiB.
    big = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' \
        + b"<si><t>" + b"A" * (100 * 1024 * 1024) + b"</t></si></sst>"
    _plant_shared_strings(plain, bomb, big)
    del big
    assert bomb.stat().st_size < 2 * 1024 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    with pytest.raises(WorkbookError) as err:
        read_review_workbook(bomb)
    assert time.perf_counter() - t0 < 5
    msg = str(err.value)
    assert "\n" not in msg and "bomb.xlsx" in msg and "MiB" in msg
    # Refused from the directory alone: no measurable growth of the peak (KiB on Linux).
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024


def test_too_many_parts_refused(tmp_path):
    plain = tmp_path / "plain.xlsx"
    _plain_workbook(plain)
    many = tmp_path / "many.xlsx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(many, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        for i in range(xlsx_limits.MAX_ENTRIES + 1):
            zout.writestr(f"junk/{i}.bin", b"")
    with pytest.raises(WorkbookError, match="parts"):
        read_review_workbook(many)


def test_entity_bomb_refused(tmp_path):
    plain = tmp_path / "plain.xlsx"
    _plain_workbook(plain)
    laughs = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
    sst = ('<?xml version="1.0"?><!DOCTYPE sst [' + "".join(laughs) + ']>'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
           '<si><t>&lol9;</t></si></sst>').encode()
    bomb = tmp_path / "laughs.xlsx"
    _plant_shared_strings(plain, bomb, sst)
    t0 = time.perf_counter()
    with pytest.raises(WorkbookError) as err:
        read_review_workbook(bomb)
    assert time.perf_counter() - t0 < 5
    assert "laughs.xlsx" in str(err.value) and "entities" in str(err.value) and "\n" not in str(err.value)


def test_openpyxl_parses_with_defusedxml():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML, "defusedxml must be installed (a dependency) so openpyxl refuses entities"
