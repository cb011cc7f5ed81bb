#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli render matrix`: files written in every format, usage errors (exit 2) that
name the valid keys, and PNG pixels that mean what the demo says (TAP).

usage: test-render-matrix.py PATH/TO/ml-roadmap-cli
"""
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pngread import read_png  # noqa: E402

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"


def run(*args):
    p = subprocess.run([CLI, "render", "matrix"] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def data_to_px(x, y, size=600, radius=2.2, pad=10):
    """Where a square picture with no read-out card draws the plane's (x, y): the view is the
    square [-radius, radius]² in the padded area (radius 2.2 for small matrices)."""
    unit = (size - 2 * pad) / (2 * radius)
    return int(size / 2 + x * unit), int(size / 2 - y * unit)


with tempfile.TemporaryDirectory() as tmp:
    # ---- every format
    for ext, magic in (("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")):
        out = os.path.join(tmp, "m." + ext)
        rc, _, err = run("-o", out, "--set", "matrix=1,1,0,1")
        ok = rc == 0 and os.path.exists(out)
        head = open(out, "rb").read(5) if ok else b""
        check(ok and head.startswith(magic) and os.path.getsize(out) > 1000,
              "writes a %s file" % ext.upper(), err)
    out = os.path.join(tmp, "dark.png")
    rc, _, err = run("-o", out, "--dark", "--size", "400x300",
                     "--set", "matrix=2,1,1,2", "--set", "show=grid,eigen,svd,det,points,inverse")
    check(rc == 0 and read_png(out)[:2] == (400, 300), "dark, sized, every overlay", err)

    # ---- usage errors name what is valid
    rc, out_, err = run("-o", os.path.join(tmp, "x.png"), "--set", "colour=red")
    check(rc == 2 and "colour" in err and "matrix" in err and "show" in err and "animate" in err,
          "an unknown key is a usage error naming the valid keys", "rc %d: %s" % (rc, err))
    for bad in ("matrix=1,2,3", "matrix=1,2,3,x", "matrix=nan,0,0,1", "matrix=1,0,0,1e999",
                "matrix=500,0,0,1", "show=grid,sparkles", "animate=perhaps"):
        rc, _, err = run("-o", os.path.join(tmp, "x.png"), "--set", bad)
        check(rc == 2 and bad.split("=")[0] in err,
              "bad value is a usage error: %s" % bad, "rc %d: %s" % (rc, err))
    check(not os.path.exists(os.path.join(tmp, "x.png")), "no file is left behind on errors")

    # ---- the pixels mean something
    def fill_at(matrix, x, y, show="det"):
        path = os.path.join(tmp, "p.png")
        rc, _, err = run("-o", path, "--size", "600x600", "--set", "matrix=" + matrix,
                         "--set", "show=" + show)
        assert rc == 0, err
        w, h, rows = read_png(path)
        px, py = data_to_px(x, y)
        return rows[py][px], rows[4][300]

    inside, bg = fill_at("0,1,1,0", 0.75, 0.25)
    check(inside != bg and inside[0] > inside[2] + 20,
          "det < 0 (a reflection) fills the flipped square orange", "%s on %s" % (inside, bg))
    inside, bg = fill_at("1,0.5,0,1", 0.9, 0.3)
    check(inside != bg and inside[2] > inside[0] + 20,
          "det > 0 fills the sheared square blue", "%s on %s" % (inside, bg))
    inside, bg = fill_at("0.5,0.5,0.5,0.5", 0.7, 0.3)
    check(inside == bg, "a singular matrix fills nothing off its line", "%s vs %s" % (inside, bg))
    tip, bg = fill_at("1,0,0.5,1", 1, 0.5, show="grid")
    check(tip[1] > tip[0] + 40 and tip[1] > tip[2] + 20,
          "the tip of î is drawn green at A(1, 0) = (1, 0.5)", str(tip))

finish()
