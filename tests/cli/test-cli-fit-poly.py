#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli fit poly`: the output format, -o, the defaults, the help, and hostile input
(NaN, 100,000 and 100,001 rows, keys at their edges) with exit codes and messages (TAP).
How close the predictions are is sklearn_poly_compare.py's job.

usage: test-cli-fit-poly.py PATH/TO/ml-roadmap-cli
"""
import math
import os
import subprocess
import sys
import tempfile
import time

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
tmp = tempfile.mkdtemp(prefix="test-cli-fit-poly-")


def run(*args):
    p = subprocess.run([CLI, "fit", "poly"] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def write(name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def predictions(out):
    lines = out.split("\n")
    assert lines[0] == "y" and lines[-1] == "", out[:200]
    return [float(v) for v in lines[1:-1]]


def finite_text(text):
    low = text.lower()
    return "nan" not in low and "inf" not in low


train = write("train.csv", "x,y\n" + "".join("%r,%r\n" % (i / 19, math.sin(6 * i / 19) + 0.1 *
                                                           (-1) ** i) for i in range(20)))
points = write("points.csv", "x\n0\n0.25\n0.5\n1\n1.5\n")
points_y = write("points-y.csv", "y,x,id\nnot-a-number,0,a\n,0.25,b\n7,0.5,c\n1,1,d\n2,1.5,e\n")

# the format: header y, one finite prediction per row of POINTS, in order
rc, out, err = run("--train", train, "--predict", points, "--set", "degree=3")
ys = predictions(out) if rc == 0 else []
check(rc == 0 and len(ys) == 5 and all(math.isfinite(v) for v in ys) and finite_text(out)
      and "training RMSE" in err and "(20 points)" in err,
      "output: the header y and one finite prediction per point; RMSE and R² on stderr",
      out + err)
rc2, out2, _ = run("--train", train, "--predict", points_y, "--set", "degree=3")
check(rc2 == 0 and out2 == out,
      "POINTS may have a y column (and others, in any order): it is ignored", out2)
# numbers read back as the same doubles
check(rc == 0 and all(repr(float(t)) == repr(v) or float(t) == v
                      for t, v in zip(out.split()[1:], ys)),
      "predictions are written so they read back exactly")

# -o writes the same text, atomically, and nothing to stdout
dest = os.path.join(tmp, "out.csv")
rc, out_o, err = run("--train", train, "--predict", points, "--set", "degree=3", "-o", dest)
with open(dest) as f:
    written = f.read()
check(rc == 0 and out_o == "" and written == out, "-o OUT.csv writes the same predictions",
      err)

# defaults: degree 2 (PolynomialFeatures), alpha 0 (least squares)
_, d_out, _ = run("--train", train, "--predict", points)
_, e_out, _ = run("--train", train, "--predict", points, "--set", "degree=2", "--set",
                  "alpha=0")
check(d_out == e_out and d_out != "", "the defaults are degree 2 and alpha 0")

# degree 0 is the mean of y, whatever alpha
_, m_out, _ = run("--train", train, "--predict", points, "--set", "degree=0", "--set",
                  "alpha=5")
mean = sum(math.sin(6 * i / 19) + 0.1 * (-1) ** i for i in range(20)) / 20
check(all(abs(v - mean) < 1e-15 for v in predictions(m_out)), "degree 0 predicts the mean")

# more penalty, a worse training fit (ridge's training error never falls as alpha grows), and
# at the largest alpha every raw coefficient is ~0: the mean
rmses, last = [], []
for a in ("0", "1e-8", "1e-4", "1e-2", "1", "100", "1e10"):
    rc, o, e = run("--train", train, "--predict", points, "--set", "degree=9", "--set",
                   "alpha=" + a)
    rmses.append(float(e.split("training RMSE ")[1].split(",")[0]) if rc == 0 else math.nan)
    last = predictions(o) if rc == 0 else []
check(all(b >= a * (1 - 1e-12) for a, b in zip(rmses, rmses[1:])) and
      all(abs(v - mean) < 1e-6 for v in last),
      "more penalty never lowers the training RMSE; alpha 1e10 predicts the mean", str(rmses))

# the help names the model, its keys and their defaults
p = subprocess.run([CLI, "fit", "--help"], capture_output=True, text=True)
check(p.returncode == 0 and "poly    degree, alpha" in p.stdout and
      "degree (poly; integer 0 to 15; default 2)" in p.stdout and
      "alpha (poly; number 0 to 1e+10; default 0)" in p.stdout and "x,y" in p.stdout,
      "fit --help lists poly with its keys, ranges and defaults", p.stdout[-1500:])

# usage errors: exit 2, naming what is accepted
for args, message in [
        (["--set", "degree=abc"], "degree: “abc” is not a whole number"),
        (["--set", "degree=-1"], "degree: -1 is out of range (allowed: 0 to 15)"),
        (["--set", "alpha=inf"], "alpha: “inf” is not a finite number"),
        (["--set", "alpha=1e11"], "alpha: 1e11 is out of range (allowed: 0 to 1e+10)"),
        (["--set", "alpha"], "--set “alpha”: expected KEY=VALUE (keys of poly: degree, alpha)"),
        (["--set", "C=1"], "“C” is not a parameter of poly (valid keys: degree, alpha)")]:
    rc, out, err = run("--train", train, "--predict", points, *args)
    check(rc == 2 and message in err and out == "", "%s: exit 2, “%s”" % (" ".join(args),
                                                                          message), err)
rc, out, err = run("--predict", points)
check(rc == 2 and "missing --train TRAIN.csv" in err, "missing --train: exit 2", err)
rc, out, err = run("--train", train)
check(rc == 2 and "missing --predict POINTS.csv" in err, "missing --predict: exit 2", err)
p = subprocess.run([CLI, "fit", "polynomial", "--train", train, "--predict", points],
                   capture_output=True, text=True)
check(p.returncode == 2 and "unknown model “polynomial” (one of logreg, knn, tree, forest, "
      "svm, mlp, nb, gb, poly, text-nb)" in p.stderr,
      "an unknown model names poly and text-nb among the models", p.stderr)

# bad data: exit 1 with FILE:LINE
nan_y = write("nan-y.csv", "x,y\n0,1\n0.5,NaN\n1,2\n")
rc, out, err = run("--train", nan_y, "--predict", points)
check(rc == 1 and "nan-y.csv:3: y: “NaN” is not a finite number" in err and out == "",
      "NaN in the training y: exit 1 at its line", err)
nan_x = write("nan-x.csv", "x\n0\n-nan\n")
rc, out, err = run("--train", train, "--predict", nan_x)
check(rc == 1 and "nan-x.csv:3: x: “-nan” is not a finite number" in err and out == "",
      "NaN in the points to predict: exit 1 at its line", err)
no_x = write("no-x.csv", "t,y\n0,1\n")
rc, out, err = run("--train", no_x, "--predict", points)
check(rc == 1 and "the header has no “x” column (expected x,y)" in err,
      "a training file without x: exit 1", err)

# 100,000 rows fit (degree 15 least squares on distinct x); 100,001 are refused
big = os.path.join(tmp, "big.csv")
with open(big, "w") as f:
    f.write("x,y\n")
    for i in range(100000):
        x = i / 99999
        f.write("%r,%r\n" % (x, math.sin(2 * math.pi * x) + 0.3 * math.sin(977 * i)))
t0 = time.monotonic()
rc, out, err = run("--train", big, "--predict", big, "--set", "degree=15")
elapsed = time.monotonic() - t0
ys = predictions(out) if rc == 0 else []
check(rc == 0 and len(ys) == 100000 and all(math.isfinite(v) for v in ys) and
      finite_text(out) and elapsed < 10,
      "100,000 training points and predictions at degree 15: %.2f s, all finite" % elapsed,
      err)
with open(big, "a") as f:
    f.write("0.5,0\n")
rc, out, err = run("--train", big, "--predict", points)
check(rc == 1 and "big.csv:100002: more than 100000 data rows (the limit)" in err,
      "100,001 rows: exit 1 at the first row too many", err)

finish()
