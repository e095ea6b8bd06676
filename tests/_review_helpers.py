"""Shared by test_review_sheet.py and test_report_view.py: a small report folder with titles,
URLs, hostile text and several speakers; running the CLI as a subprocess; reading PNGs."""
from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]

LONG_PARAGRAPH = (
    "The minister spoke for an hour. " * 6
    + "\"Unemployment fell to 4 percent last year, the lowest in a decade,\" Finance Minister Ana Ruiz said on Monday. "
    + "Critics disputed the figure. " * 6
)

REPORT_TXT = f"""Budget debate heats up

{LONG_PARAGRAPH}

Opposition leader Tom Berg said the government had cut 12,000 teaching jobs since 2019.

"=HYPERLINK(\\"http://evil.example\\",\\"click\\") <script>alert(1)</script> is not a formula," said Mayor Lin Chow.
"""

JSONL_ROWS = [
    {"id": "web-report-1", "title": "Ruiz defends the jobs figures", "url": "https://news.example/ruiz?a=1&b=2",
     "date": "2024-03-04",
     "text": "Finance Minister Ana Ruiz said unemployment fell to 4 percent last year, the lowest in a decade.\n\n"
             "\"We created 50,000 jobs in the north alone,\" Ruiz told reporters."},
]


def make_reports(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "budget_debate.txt").write_text(REPORT_TXT, encoding="utf-8")
    with open(folder / "feed.jsonl", "w", encoding="utf-8") as fh:
        for row in JSONL_ROWS:
            fh.write(json.dumps(row) + "\n")
    return folder


def claims_cmd(*args, cwd=None) -> subprocess.CompletedProcess:
    """The claims command as a subprocess (the installed one, else python -m claims.cli),
    importing this checkout."""
    exe = shutil.which("claims")
    cmd = [exe] if exe else [sys.executable, "-m", "claims.cli"]
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return subprocess.run(cmd + [str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=300, env=env)


def read_png(path: Path) -> np.ndarray:
    """An 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes) as an (h, w, 3) array."""
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    w, h, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    out = np.zeros((h, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.int32)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = np.frombuffer(raw, dtype=np.uint8, count=stride, offset=y * (stride + 1) + 1).astype(np.int32)
        if f == 0:
            cur = line
        elif f == 2:
            cur = (line + prev) & 0xFF
        elif f == 1:
            cur = (np.cumsum(line.reshape(w, bpp), axis=0) & 0xFF).reshape(stride)
        else:
            lv, pv = line.tolist(), prev.tolist()
            cv = [0] * stride
            for x in range(stride):
                a = cv[x - bpp] if x >= bpp else 0
                b = pv[x]
                if f == 3:
                    pred = (a + b) >> 1
                else:
                    c = pv[x - bpp] if x >= bpp else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                cv[x] = (lv[x] + pred) & 0xFF
            cur = np.array(cv, dtype=np.int32)
        out[y] = cur
        prev = cur
    return out.reshape(h, w, bpp)[:, :, :3]
