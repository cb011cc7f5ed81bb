#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""ml-roadmap-cli is two executables (app/cli/mlr-cli-draw.h): the one people run links no
drawing library, so the numeric commands start fast; what draws runs in ml-roadmap-cli-draw,
reached through the first with the same command line (TAP).

- ml-roadmap-cli's ELF NEEDED list (readelf -d) and everything ldd loads for it hold no
  cairo, Pango, gdk-pixbuf, HarfBuzz, fontconfig or FreeType, and only the libraries the
  numeric core may use; ml-roadmap-cli-draw's list does hold cairo (the check can fail);
- render, metrics, demos, math -o and convolve --input IMAGE through ml-roadmap-cli give the
  same bytes, messages and exit status as ml-roadmap-cli-draw itself;
- a copy of ml-roadmap-cli with no ml-roadmap-cli-draw anywhere still runs the numeric
  commands, and refuses a drawing one with exit status 1 and a message that names the helper.

usage: test-cli-split.py PATH/TO/ml-roadmap-cli PATH/TO/ml-roadmap-cli-draw LIBEXECDIR
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

from tap import check, finish

CLI, DRAW, LIBEXECDIR = [os.path.abspath(a) for a in sys.argv[1:4]]
SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DRAWING = ("libcairo", "libpango", "libpangocairo", "libpangoft2", "libgdk_pixbuf",
           "libharfbuzz", "libfontconfig", "libfreetype", "libpixman", "libpng", "libX11")
# What the numeric core may link: GLib (GIO and libxml2 allowed, not used today), libm, libc,
# and in a sanitizer build (.ci/sanitize) the sanitizers' runtimes.
ALLOWED = ("libglib-2.0.so", "libgobject-2.0.so", "libgio-2.0.so", "libxml2.so", "libm.so",
           "libc.so")
SANITIZERS = ("libasan.so", "libubsan.so", "liblsan.so", "libtsan.so")


def needed(path):
    p = subprocess.run(["readelf", "-d", path], capture_output=True, text=True)
    return p.returncode, re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", p.stdout)


def run(exe, *args, cwd=None):
    p = subprocess.run([exe] + list(args), capture_output=True, cwd=cwd, timeout=120)
    return p.returncode, p.stdout, p.stderr


def png_size(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", data[16:24])


# ---- what each executable links
status, core = needed(CLI)
check(status == 0 and "libc.so.6" in core, "readelf -d reads ml-roadmap-cli's NEEDED list",
      repr(core))
bad = [lib for lib in core if lib.startswith(DRAWING)]
check(not bad, "ml-roadmap-cli links no drawing library", "NEEDED: " + ", ".join(core))
other = [lib for lib in core if not lib.startswith(ALLOWED + SANITIZERS)]
check(not other, "ml-roadmap-cli links only GLib, libxml2, libm and libc",
      "unexpected: " + ", ".join(other))
p = subprocess.run(["ldd", CLI], capture_output=True, text=True)
loaded = [line.split()[0] for line in p.stdout.splitlines() if line.strip()]
bad = [lib for lib in loaded if lib.startswith(DRAWING)]
check(p.returncode == 0 and loaded and not bad,
      "nothing ml-roadmap-cli loads (ldd: %d libraries) is a drawing library" % len(loaded),
      p.stdout + p.stderr)
status, draw = needed(DRAW)
check(status == 0 and "libcairo.so.2" in draw and "libpangocairo-1.0.so.0" in draw,
      "ml-roadmap-cli-draw links cairo and Pango (so the check above can tell)", repr(draw))

with tempfile.TemporaryDirectory() as tmp:
    # ---- the drawing commands through ml-roadmap-cli, against ml-roadmap-cli-draw itself
    outputs = {}
    for name, exe in (("core", CLI), ("draw", DRAW)):
        d = os.path.join(tmp, name)
        os.mkdir(d)
        image = os.path.join(SRC, "tests", "golden", "images", "matrix-light.png")
        outputs[name] = [
            run(exe, "render", "bayes", "-o", "b.png", "--size", "320x200", "--dark", cwd=d),
            run(exe, "render", "matrix", "-o", "m.svg", "--size", "300x300", cwd=d),
            run(exe, "render", "no-such-demo", "-o", "x.png", cwd=d),
            run(exe, "render", "--help", cwd=d),
            run(exe, "metrics", "bayes", "--set", "prior=0.05", cwd=d),
            run(exe, "metrics", "bayes", "--set", "prior=7", cwd=d),
            run(exe, "demos", cwd=d),
            run(exe, "math", "\\frac{a}{b}", "-o", "f.png", "--size", "30", cwd=d),
            run(exe, "math", "x", "-o", "f.png", "--size", "1", cwd=d),
            run(exe, "convolve", "--input", image, "--kernel", "sobel-x", "--max-side", "48",
                cwd=d),
            run(exe, "convolve", "--input", "missing.png", "--kernel", "box", cwd=d),
            run(exe, "validate", os.path.join(SRC, "content", "lessons", "bayes-theorem.xml"),
                cwd=d),
        ]
        for f in ("b.png", "m.svg", "f.png"):
            with open(os.path.join(d, f), "rb") as fh:
                outputs[name].append(fh.read())
    core_b = outputs["core"][12]
    check(png_size(core_b) == (320, 200), "render bayes through ml-roadmap-cli writes a 320×200 "
          "PNG", repr(png_size(core_b)))
    check(outputs["core"][0][0] == 0 and b"wrote b.png (320x200, dark)\n" == outputs["core"][0][2],
          "render through ml-roadmap-cli exits 0 and says what it wrote", repr(outputs["core"][0]))
    labels = ["render bayes PNG", "render matrix SVG", "render of an unknown demo",
              "render --help", "metrics bayes", "metrics with a bad value", "demos",
              "math -o", "math -o --size 1", "convolve --input PNG", "convolve --input of a "
              "missing picture", "validate", "the PNG of render", "the SVG of render",
              "the PNG of math"]
    for i, label in enumerate(labels):
        a, b = outputs["core"][i], outputs["draw"][i]
        check(a == b, "%s: the same through ml-roadmap-cli as in ml-roadmap-cli-draw" % label,
              repr(a)[:300] + "\n" + repr(b)[:300])
    check(outputs["core"][2][0] == 2 and outputs["core"][5][0] == 2 and outputs["core"][10][0] == 1,
          "exit statuses pass through (usage 2, data 1)",
          repr([outputs["core"][i][0] for i in (2, 5, 10)]))

    # ---- ml-roadmap-cli alone: the numeric commands need nothing else
    lone = os.path.join(tmp, "lone", "bin")
    os.makedirs(lone)
    shutil.copy2(CLI, lone)
    alone = os.path.join(lone, os.path.basename(CLI))
    series = os.path.join(tmp, "series.csv")
    with open(series, "w") as f:
        f.write("".join("%d\n" % (10 + i % 7) for i in range(40)))
    status, out, err = run(alone, "forecast", "--series", series, "--method", "naive",
                           "--horizon", "3")
    check(status == 0 and out.startswith(b"step,forecast,lo80,hi80,lo95,hi95\n"),
          "a lone ml-roadmap-cli forecasts with no ml-roadmap-cli-draw around", repr(err))
    status, out, err = run(alone, "math", "\\sqrt{x}")
    check(status == 0 and out == b"the square root of x\n",
          "a lone ml-roadmap-cli reads a formula aloud", repr(out + err))
    installed = os.path.join(LIBEXECDIR, "ml-roadmap-cli-draw")
    if os.path.exists(installed):
        check(True, "# SKIP %s is installed, so a lone ml-roadmap-cli finds it" % installed)
    else:
        for args in (["render", "bayes", "-o", os.path.join(tmp, "x.png")],
                     ["math", "x", "-o", os.path.join(tmp, "x.png")],
                     ["convolve", "--input", os.path.join(SRC, "tests", "golden", "images",
                                                          "matrix-light.png"),
                      "--kernel", "box"]):
            status, out, err = run(alone, *args)
            check(status == 1 and out == b""
                  and ("ml-roadmap-cli %s: could not run %s" % (args[0], installed)).encode()
                  in err and b"No such file or directory" in err,
                  "a lone ml-roadmap-cli refuses `%s` (exit 1) naming the missing helper"
                  % args[0], repr((status, out, err)))

finish()
