#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli fit`: output format, every model and key, hostile CSV files, exit codes
and messages (TAP).

usage: test-cli-fit.py PATH/TO/ml-roadmap-cli
"""
import math
import os
import subprocess
import sys
import tempfile

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
MODELS = ["logreg", "knn", "tree", "forest", "svm", "mlp", "nb", "gb"]
KEYS = {
    "logreg": "C, degree, standardize",
    "knn": "k, standardize",
    "tree": "max_depth, min_samples_leaf, criterion, standardize",
    "forest": "n_trees, max_depth, max_features, seed, bootstrap, criterion, min_samples_leaf, "
              "standardize",
    "svm": "kernel, C, gamma, degree, coef0, standardize",
    "mlp": "hidden, activation, alpha, lr, epochs, batch, solver, seed, standardize",
    "nb": "var_smoothing, standardize",
    "gb": "n_estimators, learning_rate, max_depth, stage, standardize",
}


def run(*args):
    p = subprocess.run([CLI, "fit"] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def parse(out):
    lines = out.strip().split("\n")
    return lines[0], [[float(v) for v in line.split(",")] for line in lines[1:]]


def well_formed(out, n_points, k):
    """Header label,p0..p{k-1}; n rows; finite probabilities summing to 1; label = argmax."""
    header, rows = parse(out)
    if header != ",".join(["label"] + ["p%d" % c for c in range(k)]) or len(rows) != n_points:
        return False
    for r in rows:
        p = r[1:]
        if len(p) != k or not all(math.isfinite(v) and 0 <= v <= 1 for v in p):
            return False
        if abs(sum(p) - 1) > 1e-5 or int(r[0]) != max(range(k), key=lambda c: (p[c], -c)):
            return False
    return "nan" not in out.lower() and "inf" not in out.lower()


tmp = tempfile.mkdtemp(prefix="test-cli-fit-")


def write(name, text, mode="w"):
    path = os.path.join(tmp, name)
    with open(path, mode) as f:
        f.write(text)
    return path


def dataset(name, *args):
    path = os.path.join(tmp, name + ".csv")
    subprocess.run([CLI, "dataset"] + list(args) + ["-o", path], check=True)
    return path


moons = dataset("moons", "moons", "--n", "150", "--noise", "0.25", "--seed", "1")
blobs = dataset("blobs", "gaussian", "--n", "120", "--classes", "4", "--seed", "2")
grid = write("grid.csv", "x1,x2\n" + "".join("%g,%g\n" % (x / 4, y / 4)
                                            for x in range(-8, 12) for y in range(-6, 8)))
n_grid = 20 * 14

# ---- every model, default parameters
for model in MODELS:
    rc, out, err = run(model, "--train", moons, "--predict", grid)
    check(rc == 0 and well_formed(out, n_grid, 2),
          "%s on moons: label,p0,p1 for each of %d points" % (model, n_grid), err)
    acc = None
    if "training accuracy" in err:
        acc = float(err.split("training accuracy")[1].split()[0])
    check(acc is not None and acc > 0.8, "%s: training accuracy on stderr (%s)" % (model, acc), err)
    rc, out, err = run(model, "--train", blobs, "--predict", blobs)
    check(rc == 0 and well_formed(out, 120, 4), "%s on 4 classes: label,p0..p3" % model, err)

# Predictions come back in input order.
order = write("order.csv", "x1,x2\n-3,-3\n3,3\n-3,-3\n")
linear = dataset("linear", "linear", "--n", "80", "--noise", "0")
for model in MODELS:
    rc, out, err = run(model, "--train", linear, "--predict", order)
    labels = [int(r[0]) for r in parse(out)[1]] if rc == 0 else None
    check(labels == [0, 1, 0], "%s: rows follow the input order" % model, "%s %s" % (labels, err))

# ---- every key of every model
settings = {
    "logreg": [["C=0.01"], ["degree=3", "C=100"], ["standardize=false"]],
    "knn": [["k=1"], ["k=15"], ["k=1000"], ["standardize=no"]],
    "tree": [["max_depth=2"], ["max_depth=none"], ["max_depth=0"], ["min_samples_leaf=10"],
             ["criterion=entropy"], ["criterion=log_loss"]],
    "forest": [["n_trees=7", "seed=3"], ["max_depth=3"], ["max_features=all"],
               ["max_features=log2"], ["bootstrap=false"], ["criterion=entropy"],
               ["min_samples_leaf=5"]],
    "svm": [["kernel=linear", "C=0.025"], ["kernel=poly", "degree=2", "coef0=1"],
            ["kernel=rbf", "gamma=2", "C=1"], ["gamma=scale"], ["C=1e9"], ["gamma=1e6"]],
    "mlp": [["hidden=16,16", "activation=tanh"], ["activation=logistic", "alpha=1"],
            ["solver=sgd", "lr=0.01", "batch=16"], ["epochs=5", "seed=9"],
            ["activation=identity"], ["lr=10", "standardize=false"]],
    "nb": [["var_smoothing=0"], ["var_smoothing=0.5"]],
    "gb": [["n_estimators=5"], ["learning_rate=100", "max_depth=none"], ["stage=0"],
           ["stage=7"], ["max_depth=1", "n_estimators=300"], ["learning_rate=0.000001"]],
}
for model, cases in settings.items():
    for case in cases:
        args = [model, "--train", moons, "--predict", grid]
        for s in case:
            args += ["--set", s]
        rc, out, err = run(*args)
        check(rc == 0 and well_formed(out, n_grid, 2),
              "%s %s: valid output, no nan" % (model, " ".join(case)), err)

rc, out, err = run("knn", "--train", moons, "--predict", grid, "--set", "k=1000")
check(rc == 0 and "note: knn: k = 1000 is more than the 150 training points" in err,
      "k > n: a note on stderr", err)
rc, out, err = run("gb", "--train", moons, "--predict", grid, "--set", "stage=500")
check(rc == 0 and "note: gb: stage = 500 is beyond n_estimators = 100; showing all 100 stages"
      in err, "gb stage > n_estimators: a note on stderr", err)
rc1, out1, _ = run("gb", "--train", moons, "--predict", grid, "--set", "stage=7")
rc2, out2, _ = run("gb", "--train", moons, "--predict", grid, "--set", "n_estimators=7")
check(rc1 == 0 and rc2 == 0 and out1 == out2, "gb: stage=7 is the model of 7 stages")
rc1, out1, _ = run("forest", "--train", moons, "--predict", grid, "--set", "seed=5")
rc2, out2, _ = run("forest", "--train", moons, "--predict", grid, "--set", "seed=5")
check(rc1 == 0 and out1 == out2, "forest with a seed is deterministic")

path = os.path.join(tmp, "out.csv")
rc, out, err = run("nb", "--train", moons, "--predict", grid, "-o", path)
check(rc == 0 and out == "" and os.path.exists(path) and well_formed(open(path).read(), n_grid, 2),
      "-o OUT.csv writes the file and nothing to stdout", err)
rc, out, err = run("nb", "--train", moons, "--predict", grid, "-o",
                   os.path.join(tmp, "no", "such.csv"))
check(rc == 1 and "such.csv" in err, "unwritable -o path: exit 1", err)

# ---- usage errors: exit 2, naming the option and the valid choices
usage_cases = [
    ([], ["missing the MODEL", "logreg, knn, tree, forest, svm, mlp, nb, gb"]),
    (["boost", "--train", moons, "--predict", grid],
     ["unknown model “boost”", "logreg, knn, tree, forest, svm, mlp, nb, gb"]),
    (["knn", "--predict", grid], ["missing --train"]),
    (["knn", "--train", moons], ["missing --predict"]),
    (["knn", "svm", "--train", moons, "--predict", grid], ["unexpected argument “svm”"]),
    (["knn", "--train", moons, "--predict", grid, "--bogus"], ["--bogus"]),
    (["knn", "--train", moons, "--predict", grid, "--set", "k"], ["--set", "KEY=VALUE"]),
    (["knn", "--train", moons, "--predict", grid, "--set", "=3"], ["--set", "KEY=VALUE"]),
]
for model in MODELS:
    wrong = "k" if model != "knn" else "C"
    usage_cases.append(([model, "--train", moons, "--predict", grid, "--set", wrong + "=3"],
                        ["--set %s=3" % wrong, "“%s” is not a parameter of %s" % (wrong, model),
                         "valid keys: " + KEYS[model]]))
for model, assignment, words in [
        ("logreg", "C=abc", ["C", "not a finite number"]),
        ("logreg", "C=0", ["C", "out of range", "1e-06 to 1e+09"]),
        ("logreg", "C=-1", ["C", "out of range"]),
        ("logreg", "C=nan", ["C", "not a finite number"]),
        ("logreg", "C=1e10", ["C", "out of range"]),
        ("logreg", "degree=7", ["degree", "out of range", "1 to 6"]),
        ("knn", "k=0", ["k", "out of range"]),
        ("knn", "k=2.5", ["k", "not a whole number"]),
        ("tree", "max_depth=101", ["max_depth", "out of range"]),
        ("tree", "max_depth=unlimited", ["max_depth", "not a whole number"]),
        ("tree", "criterion=mse", ["criterion", "gini, entropy, log_loss"]),
        ("forest", "n_trees=0", ["n_trees", "out of range"]),
        ("forest", "n_trees=1001", ["n_trees", "out of range"]),
        ("forest", "max_features=3", ["max_features", "sqrt, log2, 1, all, 2"]),
        ("forest", "bootstrap=maybe", ["bootstrap", "true or false"]),
        ("svm", "kernel=sigmoid", ["kernel", "rbf, linear, poly"]),
        ("svm", "gamma=auto", ["gamma", "not a finite number"]),
        ("svm", "gamma=1e7", ["gamma", "out of range"]),
        ("mlp", "hidden=0", ["hidden", "out of range"]),
        ("mlp", "hidden=a,b", ["hidden", "not a whole number"]),
        ("mlp", "hidden=4,4,4,4,4", ["hidden", "1 to 4 comma-separated values"]),
        ("mlp", "hidden=2000", ["hidden", "out of range"]),
        ("mlp", "activation=softmax", ["activation", "relu, tanh, logistic, identity"]),
        ("mlp", "solver=lbfgs", ["solver", "adam, sgd"]),
        ("mlp", "epochs=0", ["epochs", "out of range"]),
        ("mlp", "batch=0", ["batch", "out of range"]),
        ("nb", "var_smoothing=2", ["var_smoothing", "out of range"]),
        ("nb", "standardize=maybe", ["standardize", "true or false"]),
        ("gb", "learning_rate=nan", ["learning_rate", "not a finite number", "1e-06 to 100"]),
        ("gb", "learning_rate=0", ["learning_rate", "out of range", "1e-06 to 100"]),
        ("gb", "learning_rate=-0.1", ["learning_rate", "out of range"]),
        ("gb", "n_estimators=0", ["n_estimators", "out of range", "1 to 10000"]),
        ("gb", "n_estimators=1e12", ["n_estimators", "not a whole number"]),
        ("gb", "n_estimators=10001", ["n_estimators", "out of range", "1 to 10000"]),
        ("gb", "max_depth=101", ["max_depth", "out of range"]),
        ("gb", "stage=-1", ["stage", "out of range"]),
        ("gb", "stage=some", ["stage", "not a whole number"])]:
    usage_cases.append(([model, "--train", moons, "--predict", grid, "--set", assignment],
                        ["--set " + assignment] + words))

for args, words in usage_cases:
    rc, out, err = run(*args)
    missing = [w for w in words if w not in err]
    check(rc == 2 and out == "" and not missing and "Traceback" not in err,
          "usage error exit 2: fit %s" % " ".join(repr(a) for a in args),
          "rc %d, stderr %r, missing %s" % (rc, err, missing))

# ---- bad data: exit 1, and the message names the file and the line
def hostile(name, content, mode="w"):
    return write(name, content, mode)


good = "x1,x2,label\n0,0,0\n1,1,1\n0,1,0\n1,0,1\n"
long_line = "x1,x2,label\n0,0,0\n1,1,1\n" + "1,1,1" + " " * 5000 + "\n"
too_many = "x1,x2,label\n" + "".join("%d,%d,%d\n" % (i, i % 7, i % 2) for i in range(100001))
data_cases = [
    ("number.csv", good + "abc,1,0\n", ["number.csv:6:", "x1: “abc” is not a number"]),
    ("nan.csv", good + "nan,1,0\n", ["nan.csv:6:", "x1: “nan” is not a finite number"]),
    ("inf.csv", good + "1,inf,0\n", ["inf.csv:6:", "x2: “inf” is not a finite number"]),
    ("huge.csv", good + "1,1e300,0\n", ["huge.csv:6:", "too large"]),
    ("empty.csv", "", ["empty.csv:1:", "the file is empty"]),
    ("header.csv", "x1,x2,label\n", ["header.csv:2:", "no data rows after the header"]),
    ("noheader.csv", "0,0,0\n1,1,1\n", ["noheader.csv:1:", "expected the header line x1,x2,label"]),
    ("nolabel.csv", "x1,x2\n0,0\n", ["nolabel.csv:1:", "no “label” column"]),
    ("ragged.csv", good + "1,2\n", ["ragged.csv:6:", "expected 3 comma-separated fields",
                                    "found 2"]),
    ("negative.csv", good + "1,2,-1\n", ["negative.csv:6:", "“-1” is negative",
                                         "labels are 0 to 15"]),
    ("big-label.csv", good + "1,2,16\n", ["big-label.csv:6:", "“16” is too large",
                                          "labels 0 to 15"]),
    ("fraction.csv", good + "1,2,0.5\n", ["fraction.csv:6:", "not a whole number"]),
    ("long.csv", long_line, ["long.csv:4:", "longer than 4096 bytes"]),
    ("rows.csv", too_many, ["rows.csv:100002:", "more than 100000 data rows"]),
    ("one-class.csv", "x1,x2,label\n0,0,0\n1,1,0\n",
     ["one-class.csv", "have label 0; fitting needs at least two classes"]),
    ("gap.csv", "x1,x2,label\n0,0,0\n1,1,2\n",
     ["gap.csv", "class 1 has no training points (labels present: 0, 2)"]),
]
for name, content, words in data_cases:
    path = hostile(name, content)
    rc, out, err = run("knn", "--train", path, "--predict", grid)
    missing = [w for w in words if w not in err]
    check(rc == 1 and out == "" and not missing and "Traceback" not in err,
          "bad training data, exit 1: %s" % name, "rc %d, stderr %r, missing %s" % (rc, err, missing))

binary = hostile("binary.csv", b"x1,x2,label\n\x00\x01\x02\xff\xfe garbage\n", "wb")
rc, out, err = run("svm", "--train", binary, "--predict", grid)
check(rc == 1 and "binary.csv:2: NUL byte at column 1" in err, "NUL bytes: exit 1, file:line", err)
latin1 = hostile("latin1.csv", b"x1,x2,label\n1,2,\xe9\n", "wb")
rc, out, err = run("svm", "--train", latin1, "--predict", grid)
check(rc == 1 and "latin1.csv:2: invalid UTF-8" in err, "not UTF-8: exit 1, file:line", err)
rc, out, err = run("svm", "--train", os.path.join(tmp, "missing.csv"), "--predict", grid)
check(rc == 1 and "missing.csv: No such file or directory" in err, "missing file: exit 1", err)
rc, out, err = run("gb", "--train", hostile("one-class-gb.csv", "x1,x2,label\n0,0,0\n1,1,0\n"),
                   "--predict", grid)
check(rc == 1 and out == "" and "fitting needs at least two classes" in err,
      "gb on one class: exit 1, a clear message", err)
big = hostile("big.csv", "x1,x2,label\n" + "".join("%d,%d,%d\n" % (i, i % 7, i % 2)
                                                    for i in range(40000)))
rc, out, err = run("gb", "--train", big, "--predict", grid, "--set", "n_estimators=10000")
check(rc == 1 and out == "" and "gb: 40000 points x 10000 stages" in err and
      "too much work" in err, "gb work bound: refused at once, exit 1", err)
rc, out, err = run("svm", "--train", tmp, "--predict", grid)
check(rc == 1 and "is a directory" in err, "a directory: exit 1", err)

bad_points = hostile("bad-points.csv", "x1,x2\n1,2\n3,nan\n")
rc, out, err = run("tree", "--train", moons, "--predict", bad_points)
check(rc == 1 and "bad-points.csv:3: x2: “nan” is not a finite number" in err,
      "bad point to predict: exit 1 naming file and line", err)
extra = hostile("extra.csv", "label,x2,x1,note\nzzz,2,1,hello\n")
rc, out, err = run("tree", "--train", moons, "--predict", extra)
check(rc == 0 and well_formed(out, 1, 2), "points: only x1 and x2 are read, in any column", err)

same = hostile("same.csv", "x1,x2,label\n1,1,0\n1,1,1\n1,1,1\n")
for model in MODELS:
    rc, out, err = run(model, "--train", same, "--predict", grid)
    check(rc == 0 and well_formed(out, n_grid, 2), "%s: identical points are fine" % model, err)

rc, out, err = run("--help")
check(rc == 0 and "MODEL" in out and "hidden" in out and "var_smoothing" in out,
      "--help lists the models and their keys", err)

for name in os.listdir(tmp):
    os.remove(os.path.join(tmp, name))
os.rmdir(tmp)

finish()
