#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli render gradient-descent`: files, exit codes, messages, and what the PNG's
pixels mean (TAP).

usage: test-render-gradient-descent.py PATH/TO/ml-roadmap-cli
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
KEYS = ["mode", "surface", "function", "optimizer", "lr", "momentum", "beta1", "beta2",
        "start", "steps", "view"]


def render(out, *sets, size="640x480", dark=False):
    args = [CLI, "render", "gradient-descent", "-o", out, "--size", size]
    if dark:
        args.append("--dark")
    for s in sets:
        args += ["--set", s]
    p = subprocess.run(args, capture_output=True, text=True)
    return p.returncode, p.stderr


def count_near(rows, rgb, tol=30):
    return sum(1 for row in rows for p in row
               if sum((p[i] - rgb[i]) ** 2 for i in range(3)) < tol * tol)


SKY_BLUE = (86, 180, 233)      # Adam
ORANGE = (230, 159, 0)         # Momentum
VIRIDIS_LOW = (68, 1, 84)
VIRIDIS_HIGH = (253, 231, 37)

with tempfile.TemporaryDirectory() as tmp:
    # ---- files
    for ext, magic in [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")]:
        out = os.path.join(tmp, "gd." + ext)
        rc, err = render(out, "surface=rosenbrock", "optimizer=adam")
        ok = rc == 0 and os.path.exists(out)
        if ok:
            with open(out, "rb") as f:
                ok = f.read(len(magic)) == magic
        check(ok, "writes a %s file" % ext.upper(), err)
    rc, err = render(os.path.join(tmp, "gd1d.png"), "mode=1d", "function=double-well")
    check(rc == 0, "1-D mode renders", err)

    # ---- usage errors
    rc, err = render(os.path.join(tmp, "x.png"), "colour=red")
    check(rc == 2 and "colour" in err and all(k in err for k in KEYS),
          "unknown key: exit 2, naming the valid keys", err)
    for bad in ["lr=100", "lr=0", "optimizer=sgd", "surface=moon", "steps=0", "mode=3d",
                "view=1,2,3", "start=a,b"]:
        rc, err = render(os.path.join(tmp, "x.png"), bad)
        check(rc == 2 and err.strip() != "", "bad value %s: exit 2 with a message" % bad, err)
    rc, err = render(os.path.join(tmp, "x.png"), "start=1")
    check(rc == 2 and "start" in err, "start=1 on a surface: a usage error (exit 2), says start needs x,y", err)
    rc, err = render(os.path.join(tmp, "x.png"), "view=2,1,0,1")
    check(rc == 2 and "view" in err, "an empty view: a usage error (exit 2) naming view", err)
    check(not os.path.exists(os.path.join(tmp, "x.png")), "a failed render leaves no file")

    # ---- the pixels mean something
    adam = os.path.join(tmp, "adam.png")
    gd = os.path.join(tmp, "gd.png")
    render(adam, "surface=bowl", "optimizer=adam", "lr=0.3")
    render(gd, "surface=bowl", "optimizer=gd", "lr=0.05")
    _, _, rows_adam = read_png(adam)
    w, h, rows_gd = read_png(gd)
    n_adam, n_gd = count_near(rows_adam, SKY_BLUE), count_near(rows_gd, SKY_BLUE)
    check(n_adam > 300 and n_gd < 20,
          "Adam's path (sky blue) is drawn only when Adam races", "%d vs %d" % (n_adam, n_gd))
    check(count_near(rows_gd, ORANGE) < 20, "no Momentum (orange) when it does not race")
    check(count_near(rows_gd, VIRIDIS_LOW, 35) > 500 and count_near(rows_gd, VIRIDIS_HIGH, 35) > 500,
          "the heatmap spans viridis, dark valley to yellow rim")
    check(rows_gd[2][w - 3] == (250, 250, 250), "light style: #fafafa background",
          str(rows_gd[2][w - 3]))

    dark = os.path.join(tmp, "dark.png")
    render(dark, "surface=bowl", dark=True)
    _, _, rows_dark = read_png(dark)
    check(rows_dark[2][w - 3] == (48, 48, 48), "--dark: #303030 background",
          str(rows_dark[2][w - 3]))

    # the loss chart: a race that keeps converging vs one that diverges look different
    small = os.path.join(tmp, "small.png")
    rc, err = render(small, "mode=1d", "lr=1.1", "start=2.5", size="320x240")
    w2, h2, _ = read_png(small) if rc == 0 else (0, 0, None)
    check(rc == 0 and (w2, h2) == (320, 240), "--size WxH is honoured", err)

finish()
