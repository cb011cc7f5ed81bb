#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli metrics DEMO [--set K=V]...`: one strict JSON object per demo, with only
the names `demos` lists for it; the numbers checked against answers computed here by hand (a
2x2 matrix, gradient descent on the bowl, the decision boundary's counts); exit 2 with the
valid choices for an unknown demo, key or value (TAP).

usage: test-cli-metrics.py PATH/TO/ml-roadmap-cli
"""
import json
import math
import re
import subprocess
import sys

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"


def run(*args):
    p = subprocess.run([CLI] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def no_constants(name):
    raise ValueError("non-finite number in JSON: " + name)


def metrics(demo, *sets):
    args = ["metrics", demo]
    for s in sets:
        args += ["--set", s]
    rc, out, err = run(*args)
    try:
        return rc, json.loads(out, parse_constant=no_constants), err
    except ValueError as e:
        return rc, None, "%s | %s | stdout: %r" % (err, e, out)


# ---- every demo: a JSON object with the names `demos` lists
rc, listing, err = run("demos")
listed = {}
for m in re.finditer(r"^  Metrics \(ml-roadmap-cli metrics (\S+)\): (.*)$", listing, re.M):
    listed[m.group(1)] = [n.strip() for n in m.group(2).split(",")]
check(rc == 0 and len(listed) >= 3, "demos lists each demo's metrics", err + listing[-300:])
for demo, names in sorted(listed.items()):
    rc, j, err = metrics(demo)
    check(rc == 0 and isinstance(j, dict) and len(j) > 0 and set(j) <= set(names),
          "metrics %s: a JSON object of listed names" % demo,
          "rc %d, %r, extra %s" % (rc, err, sorted(set(j or {}) - set(names))))

# ---- matrix: by hand
rc, j, err = metrics("matrix", "matrix=2,1,1,2")
check(rc == 0 and j == {"a": 2, "b": 1, "c": 1, "d": 2, "det": 3, "sigma1": 3, "sigma2": 1,
                        "real_eigenvalues": 2},
      "matrix [[2,1],[1,2]]: det 3, singular values 3 and 1", repr(j) + err)
rc, j, err = metrics("matrix", "matrix=0,-1,1,0")
check(rc == 0 and j["det"] == 1 and j["real_eigenvalues"] == 0
      and abs(j["sigma1"] - 1) < 1e-12 and abs(j["sigma2"] - 1) < 1e-12,
      "matrix: a rotation has no real eigenvalues", repr(j) + err)

# ---- gradient descent on the bowl f = (x² + 10 y²) / 2 from (-4.5, 2): plain GD by hand
lr, x, y = 0.18, -4.5, 2.0
losses = []
for step in range(201):
    losses.append(0.5 * (x * x + 10 * y * y))
    x, y = x - lr * x, y - lr * 10 * y
converged = next(i for i, f in enumerate(losses) if f <= 1e-3)
rc, j, err = metrics("gradient-descent", "surface=bowl", "optimizer=gd", "lr=0.18")
check(rc == 0 and j["step"] == 200 and j["gd_converged_step"] == converged
      and math.isclose(j["gd_loss"], losses[200], rel_tol=1e-9, abs_tol=1e-300)
      and j["gd_diverged"] is False and "adam_loss" not in j,
      "gradient-descent: the bowl's GD run matches a hand loop (converged at %d)" % converged,
      repr(j) + err)
# past 2/10 the y coordinate's step factor |1 - 10 lr| exceeds 1: GD diverges
rc, j, err = metrics("gradient-descent", "surface=bowl", "optimizer=gd,adam", "lr=0.25")
check(rc == 0 and j["gd_diverged"] is True and j["adam_diverged"] is False
      and j["gd_converged_step"] == -1,
      "gradient-descent: GD diverges on the bowl at lr 0.25, Adam does not", repr(j) + err)

# ---- decision boundary: counts and a perfect score where one is certain
rc, j, err = metrics("decision-boundary", "dataset=gaussian", "classes=4", "n=400",
                     "model=knn", "k=1")
check(rc == 0 and j["n_points"] == 400 and j["n_classes"] == 4 and j["train_accuracy"] == 1
      and 0 <= j["test_accuracy"] <= 1 and j["model"] == "knn" and j["k"] == 1,
      "decision-boundary: 1-NN remembers its training set", repr(j) + err)
rc, j, err = metrics("decision-boundary", "dataset=linear", "noise=0", "model=svm",
                     "kernel=linear")
check(rc == 0 and j["train_accuracy"] == 1 and j["test_accuracy"] == 1,
      "decision-boundary: a linear SVM separates noiseless linear data", repr(j) + err)

# ---- usage errors: exit 2, naming what is valid
usage = [
    (["metrics"], ["expected one DEMO", "gradient-descent"]),
    (["metrics", "warp-drive"], ["warp-drive", "matrix"]),
    (["metrics", "matrix", "--set", "colour=red"], ["colour", "matrix, show, animate"]),
    (["metrics", "gradient-descent", "--set", "surface=moon"], ["moon", "rosenbrock"]),
    (["metrics", "gradient-descent", "--set", "lr=NaN"], ["lr"]),
    (["metrics", "gradient-descent", "--set", "start=1"], ["start must be two numbers"]),
    (["metrics", "decision-boundary", "--set", "dataset=gaussian", "--set", "classes=8",
      "--set", "n=4"], ["n"]),
    (["metrics", "matrix", "--bogus"], ["--bogus"]),
]
for args, words in usage:
    rc, out, err = run(*args)
    missing = [w for w in words if w not in err]
    check(rc == 2 and out == "" and not missing, "usage error exit 2: %s" % " ".join(args),
          "rc %d, stderr %r, missing %s" % (rc, err, missing))

finish()
