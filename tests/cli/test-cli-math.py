#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli math` (TAP): a formula's spoken form; a drawing whose size follows --size
and whose background follows --dark; errors located as formula:1:COLUMN (in characters) with
the parser's sentence and exit 1; usage errors exit 2; hostile formulas (100,000 characters,
10,000-deep nesting, a formula wider than any picture) end in an error, never a hang.

usage: test-cli-math.py PATH/TO/ml-roadmap-cli
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pngread import read_png  # noqa: E402

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
tmp = tempfile.mkdtemp(prefix="math-test-")


def run(*args):
    t0 = time.monotonic()
    p = subprocess.run([CLI, "math", *args], capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr, time.monotonic() - t0


# spoken forms
for tex, want in [
        (r"\frac{\partial L}{\partial w} = \sum_{i=1}^{n} (\hat y_i - y_i)\, x_i",
         "the fraction partial L over partial w end fraction equals the sum from i equals 1 "
         "to n of open paren y hat sub i minus y sub i close paren x sub i"),
        (r"P(A \mid B)", "P open paren A given B close paren"),
        (r"\mathbf{w} \cdot \mathbf{x}", "w dot x"),
        ("x^2", "x squared")]:
    rc, out, err, _ = run(tex)
    check(rc == 0 and out == want + "\n" and err == "", "spoken: " + tex,
          "exit %d out %r err %r" % (rc, out, err))

# drawings: the picture grows with --size; dark has a dark background, light a light one
sizes = {}
for size in (12, 24, 48):
    path = os.path.join(tmp, "f%d.png" % size)
    rc, out, err, _ = run("-o", path, "--size", str(size), r"\frac{a}{b} + \sqrt{x}")
    ok = rc == 0 and os.path.exists(path)
    sizes[size] = read_png(path)[:2] if ok else (0, 0)
    check(ok and out == "", "draws at --size %d" % size, err)
check(sizes[12][0] < sizes[24][0] < sizes[48][0] and sizes[12][1] < sizes[24][1] < sizes[48][1],
      "the picture grows with --size", str(sizes))
corner = {}
for dark in (False, True):
    path = os.path.join(tmp, "d%d.png" % dark)
    rc, _, err, _ = run("-o", path, *(["--dark"] if dark else []), "x")
    w, h, rows = read_png(path) if rc == 0 else (0, 0, [[(0, 0, 0)]])
    corner[dark] = sum(rows[0][0]) / 3
check(corner[False] > 200 and corner[True] < 80, "light and dark backgrounds", str(corner))
path_d, path_i = os.path.join(tmp, "display.png"), os.path.join(tmp, "inline.png")
run("-o", path_d, r"\sum_{i=1}^{n} x_i")
run("-o", path_i, "--inline", r"\sum_{i=1}^{n} x_i")
check(os.path.exists(path_i) and read_png(path_d)[1] > read_png(path_i)[1],
      "display style stacks the limits, so it is taller than --inline")

# errors located in the formula, in characters
for tex, column, words in [(r"a + \frc{1}{2}", 5, [r"\frc", r"did you mean \frac"]),
                           (r"é + \frc{1}{2}", 5, [r"\frc"]),
                           (r"\frac{a}{b", 9, ["never closed"]),
                           (r"x^", 3, ["needs an argument"]),
                           (r"\begin{pmatrix} 1 \end{bmatrix}", None, ["bmatrix"])]:
    rc, out, err, _ = run(tex)
    prefix = "formula:1:%d: " % column if column else "formula:1:"
    check(rc == 1 and out == "" and err.startswith(prefix) and all(w in err for w in words),
          "located error: " + tex, "exit %d err %r" % (rc, err))

# usage errors
for args, needle in [([], "expected one formula"), (["a", "b"], "expected one formula"),
                     (["--size", "0", "x"], "4 to 400"), (["--size", "nan", "x"], "4 to 400"),
                     (["--size", "1000", "x"], "4 to 400"), (["--bogus", "x"], "bogus")]:
    rc, out, err, _ = run(*args)
    check(rc == 2 and needle in err and out == "", "usage: %s" % " ".join(args),
          "exit %d err %r" % (rc, err))

# hostile formulas: a located error (or a refusal), never a hang. The parser's own test
# (tests/lessons/test-math.c) holds it to a second in process; here the bound covers process
# start under the sanitizers too, which are many times slower.
for name, tex in [("100,000 characters", "x+" * 50000),
                  ("10,000-deep nesting", "{" * 10000 + "x" + "}" * 10000),
                  ("5,000 accents", r"\hat{" * 5000 + "x" + "}" * 5000),
                  ("invalid UTF-8 is impossible on argv, so a lone backslash", "\\")]:
    rc, out, err, t = run(tex)
    check(rc in (0, 1) and t < 20 and (rc == 0 or err.startswith("formula:1:")),
          "hostile: " + name, "exit %d in %.2f s: %r" % (rc, t, err[:200]))
rc, out, err, t = run("-o", os.path.join(tmp, "wide.png"), "--size", "400", "+".join(["x"] * 3000))
check(rc == 1 and "16384" in err and t < 20, "a formula wider than any picture is refused",
      "exit %d in %.2f s: %r" % (rc, t, err))

shutil.rmtree(tmp, ignore_errors=True)
finish()
