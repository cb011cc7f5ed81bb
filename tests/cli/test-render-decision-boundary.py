#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli render decision-boundary`: files, exit codes, messages, and what the PNG's
pixels mean (TAP).

usage: test-render-decision-boundary.py PATH/TO/ml-roadmap-cli
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
# every key a lesson may use (content/lessons/*.xml), and the rest of the table
KEYS = ["dataset", "n", "noise", "classes", "seed", "split", "model", "C", "degree", "k",
        "max_depth", "min_samples_leaf", "criterion", "n_trees", "max_features", "kernel",
        "gamma", "coef0", "hidden", "activation", "alpha", "lr", "epochs", "batch", "solver",
        "standardize", "bootstrap", "var_smoothing"]


def render(out, *sets, size="640x400", dark=False):
    args = [CLI, "render", "decision-boundary", "-o", out, "--size", size]
    if dark:
        args.append("--dark")
    for s in sets:
        args += ["--set", s]
    p = subprocess.run(args, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stderr


def bluish(p):
    return p[2] > p[0] + 25


def orangish(p):
    return p[0] > p[2] + 40


with tempfile.TemporaryDirectory() as tmp:
    # ---- files
    for ext, magic in [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")]:
        out = os.path.join(tmp, "db." + ext)
        rc, err = render(out, "dataset=moons", "model=svm")
        ok = rc == 0 and os.path.exists(out)
        if ok:
            with open(out, "rb") as f:
                ok = f.read(len(magic)) == magic
        check(ok, "writes a %s file" % ext.upper(), err)
    # every model, and an mlp trained for its epochs, renders
    for model in ["logreg", "knn", "tree", "forest", "svm", "mlp", "nb"]:
        rc, err = render(os.path.join(tmp, model + ".png"), "model=" + model, "n=120",
                         size="320x240")
        check(rc == 0, "model=%s renders" % model, err)
    # each lesson's embed renders
    lessons = [
        ["dataset=linear", "model=logreg"],
        ["dataset=moons", "model=logreg", "degree=3"],
        ["dataset=moons", "model=tree", "max_depth=3"],
        ["dataset=moons", "model=forest", "n_trees=50"],
        ["dataset=circles", "model=svm", "kernel=linear"],
        ["dataset=circles", "model=svm", "kernel=rbf", "gamma=2"],
        ["dataset=spiral", "model=mlp", "hidden=16,16"],
        ["dataset=moons", "model=knn", "k=5"],
        ["dataset=gaussian", "model=nb"],
    ]
    for sets in lessons:
        rc, err = render(os.path.join(tmp, "lesson.png"), *sets, size="400x300")
        check(rc == 0, "lesson embed %s renders" % " ".join(sets), err)

    # ---- usage errors
    rc, err = render(os.path.join(tmp, "x.png"), "colour=red")
    check(rc == 2 and "colour" in err and all(k in err for k in KEYS),
          "unknown key: exit 2, naming the valid keys", err)
    for bad in ["model=perceptron", "dataset=swirl", "split=0.99", "C=0", "gamma=-1", "k=0",
                "hidden=16,x", "n=1", "noise=-1", "max_depth=deep", "kernel=sigmoid"]:
        rc, err = render(os.path.join(tmp, "x.png"), bad)
        check(rc == 2 and err.strip() != "", "bad value %s: exit 2 with a message" % bad, err)
    rc, err = render(os.path.join(tmp, "x.png"), "model=mlp", "hidden=1024,1024,1024",
                     "epochs=5000")
    # parameters that each pass but cannot work together: an error exit (the CLI counts
    # them as usage errors), saying why
    check(rc in (1, 2) and "too much work" in err and "mlp: mlp:" not in err,
          "a network too large to train: an error exit that says why", err)
    check(not os.path.exists(os.path.join(tmp, "x.png")), "a failed render leaves no file")

    # ---- the pixels mean something
    # linear data, two blobs left (class 0, blue) and right (class 1, orange) of a line
    out = os.path.join(tmp, "linear.png")
    rc, err = render(out, "dataset=linear", "model=logreg", size="900x560")
    w, h, rows = read_png(out)
    check(rc == 0 and (w, h) == (900, 560), "--size WxH is honoured", err)
    plane = [row[40:620] for row in rows[40:520]]
    blue = sum(1 for row in plane for p in row if bluish(p))
    orange = sum(1 for row in plane for p in row if orangish(p))
    check(blue > 30000 and orange > 30000,
          "the plane is shaded in both class colours", "%d blue, %d orange" % (blue, orange))
    check(rows[2][w - 3] == (250, 250, 250), "light style: #fafafa background",
          str(rows[2][w - 3]))

    dark = os.path.join(tmp, "dark.png")
    render(dark, "dataset=linear", "model=logreg", size="900x560", dark=True)
    _, _, rows_dark = read_png(dark)
    check(rows_dark[2][w - 3] == (48, 48, 48), "--dark: #303030 background",
          str(rows_dark[2][w - 3]))

    # circles: a linear SVM cannot close a ring; an RBF one can: the centre pixel of the
    # plane is class 1 (orange, the inner ring) only with the RBF kernel
    def centre_colour(*sets):
        out = os.path.join(tmp, "c.png")
        render(out, "dataset=circles", "model=svm", *sets, size="900x560")
        _, _, r = read_png(out)
        # the plane spans x 42..620 at this size; sample around its centre, off the points
        samples = [r[y][x] for y in range(250, 300, 7) for x in range(300, 360, 7)]
        return sum(1 for p in samples if orangish(p)), len(samples)

    rbf, n = centre_colour("kernel=rbf", "gamma=2")
    check(rbf > n * 0.6, "RBF SVM on circles: the centre is shaded as the inner class",
          "%d of %d orange" % (rbf, n))

    # the same parameters paint the same picture
    a, b = os.path.join(tmp, "a.png"), os.path.join(tmp, "b.png")
    render(a, "model=forest", "n_trees=20")
    render(b, "model=forest", "n_trees=20")
    with open(a, "rb") as fa, open(b, "rb") as fb:
        check(fa.read() == fb.read(), "rendering is deterministic")

finish()
