#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli dataset`: output format, determinism, exit codes and messages (TAP).

usage: test-cli-dataset.py PATH/TO/ml-roadmap-cli
"""
import math
import os
import subprocess
import sys
import tempfile

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
NAMES = ["moons", "circles", "linear", "xor", "spiral", "gaussian"]


def run(*args):
    p = subprocess.run([CLI, "dataset"] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def parse(out):
    lines = out.strip().split("\n")
    return lines[0], [(float(a), float(b), int(c)) for a, b, c in
                      (line.split(",") for line in lines[1:])]


# ---- success paths
rc, out, err = run("moons")
header, rows = parse(out)
check(rc == 0 and header == "x1,x2,label" and err == "", "header x1,x2,label, nothing on stderr",
      err)
check(len(rows) == 200 and {r[2] for r in rows} == {0, 1}, "default n is 200 with labels 0 and 1",
      "%d rows" % len(rows))
check(sum(r[2] for r in rows) == 100, "moons classes are balanced")
check(all(math.isfinite(r[0]) and math.isfinite(r[1]) for r in rows), "all coordinates finite")

for name in NAMES:
    rc, out, err = run(name, "--n", "60", "--seed", "3")
    _, rows = parse(out)
    labels = {r[2] for r in rows}
    expected = {0, 1, 2} if name in ("spiral", "gaussian") else {0, 1}
    check(rc == 0 and len(rows) == 60 and labels == expected,
          "%s --n 60: 60 rows, labels %s" % (name, sorted(expected)), err)

rc1, out1, _ = run("spiral", "--n", "90", "--noise", "0.1", "--seed", "42", "--classes", "4")
rc2, out2, _ = run("spiral", "--n=90", "--noise=0.1", "--seed=42", "--classes=4")
rc3, out3, _ = run("spiral", "--n", "90", "--noise", "0.1", "--seed", "43", "--classes", "4")
check(rc1 == 0 and out1 == out2, "same seed, same output (--opt=value spelling too)")
check(out1 != out3, "another seed gives other points")
check({r[2] for r in parse(out1)[1]} == {0, 1, 2, 3}, "--classes 4 gives labels 0..3")

rc, out, err = run("GAUSSIAN", "--n", "50")
check(rc == 0 and len(parse(out)[1]) == 50, "names are case-insensitive", err)

rc, out, err = run("circles", "--noise", "0", "--n", "40")
_, rows = parse(out)
radii = sorted({round(math.hypot(r[0], r[1]), 9) for r in rows})
check(rc == 0 and radii == [0.5, 1.0], "circles without noise lie on radii 0.5 and 1",
      str(radii))

rc, out, err = run("xor", "--n", "4", "--noise", "5")
check(rc == 0 and len(parse(out)[1]) == 4, "largest noise and tiny n are fine", err)

with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "moons.csv")
    rc, out, err = run("moons", "--n", "30", "-o", path)
    ok = rc == 0 and out == "" and os.path.exists(path)
    if ok:
        with open(path) as f:
            ok = len(parse(f.read())[1]) == 30
    check(ok, "-o OUT.csv writes the file and nothing to stdout", err)
    rc, out, err = run("moons", "-o", os.path.join(tmp, "no", "such.csv"))
    check(rc == 1 and "such.csv" in err, "unwritable -o path: exit 1 naming the file", err)

    # What dataset writes, fit reads.
    rc, out, err = run("gaussian", "--n", "60", "--classes", "3", "-o", path)
    p = subprocess.run([CLI, "fit", "knn", "--train", path, "--predict", path],
                       capture_output=True, text=True)
    check(p.returncode == 0 and p.stdout.startswith("label,p0,p1,p2\n"),
          "the CSV feeds `fit` as it is", p.stderr)

# ---- usage errors: exit 2, and the message names the option and the valid choices
usage_cases = [
    ([], ["missing the dataset NAME", "moons, circles, linear, xor, spiral, gaussian"]),
    (["blobs"], ["unknown dataset “blobs”", "moons, circles, linear, xor, spiral, gaussian"]),
    (["moons", "circles"], ["unexpected argument “circles”"]),
    (["moons", "--bogus"], ["--bogus"]),
    (["moons", "--n"], ["--n"]),
    (["moons", "--classes", "3"], ["--classes", "only gaussian and spiral"]),
    (["gaussian", "--classes", "5", "--n", "4"], ["--n", "4 is out of range", "5 to 100000"]),
]
for value in ["abc", "0", "1", "100001", "-5", "1.5", "", "nan"]:
    usage_cases.append((["moons", "--n=" + value], ["--n"]))
for value in ["nan", "inf", "-1", "6", "abc", ""]:
    usage_cases.append((["moons", "--noise=" + value], ["--noise"]))
for value in ["-1", "abc", "1e3", "4294967296"]:
    usage_cases.append((["moons", "--seed=" + value], ["--seed"]))
for value in ["1", "17", "abc", "0"]:
    usage_cases.append((["gaussian", "--classes=" + value], ["--classes", "2 to 16"]))

for args, words in usage_cases:
    rc, out, err = run(*args)
    missing = [w for w in words if w not in err]
    check(rc == 2 and out == "" and not missing and "Traceback" not in err,
          "usage error exit 2: dataset %s" % " ".join(repr(a) for a in args),
          "rc %d, stderr %r, missing %s" % (rc, err, missing))

rc, out, err = run("--help")
check(rc == 0 and "NAME" in out and "spiral" in out and "--classes" in out,
      "--help lists the datasets and options", err)

finish()
