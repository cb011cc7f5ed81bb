#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli descend`: output format, divergence, exit codes and messages (TAP).

usage: test-cli-descend.py PATH/TO/ml-roadmap-cli
"""
import math
import os
import subprocess
import sys
import tempfile

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
SURFACES = ["bowl", "rosenbrock", "himmelblau", "booth", "beale", "saddle"]
OPTIMIZERS = ["gd", "momentum", "nesterov", "rmsprop", "adam", "adagrad"]


def run(*args):
    p = subprocess.run([CLI, "descend"] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def parse(out):
    lines = out.strip().split("\n")
    rows = [line.split(",") for line in lines[1:]]
    return lines[0], [(int(r[0]), float(r[1]), float(r[2]), float(r[3])) for r in rows]


def all_finite(rows):
    return all(math.isfinite(v) for r in rows for v in r[1:])


# ---- success paths
rc, out, err = run("bowl", "--optimizer", "gd")
header, rows = parse(out)
check(rc == 0 and header == "step,x,y,loss", "header is step,x,y,loss", err)
check(len(rows) == 101 and [r[0] for r in rows] == list(range(101)),
      "default --steps is 100 (rows 0..100)", "%d rows" % len(rows))
check(rows[0][1:3] == (-4.5, 2.0) and rows[0][3] == 0.5 * (4.5 ** 2 + 10 * 4),
      "default start is the surface's, with its loss", str(rows[0]))
check(rows[1][1] == -4.5 - 0.01 * -4.5 and rows[1][2] == 2.0 - 0.01 * 20,
      "default lr is 0.01 (first gd step by hand)", str(rows[1]))
check(err == "", "no stderr on a normal run", err)

rc, out, err = run("rosenbrock", "--optimizer", "adam", "--start", "-1.5,2", "--steps", "3")
_, rows = parse(out)
check(rc == 0 and len(rows) == 4 and rows[0][1:3] == (-1.5, 2.0),
      "--start X,Y and --steps N", out)
rc2, out2, _ = run("rosenbrock", "--optimizer=adam", "--start=-1.5,2", "--steps=3")
check(rc2 == 0 and out2 == out, "--opt=value spelling gives the same output")
rc, out, err = run("Booth", "--optimizer", "ADAM", "--steps", "0")
_, rows = parse(out)
check(rc == 0 and len(rows) == 1, "names are case-insensitive; --steps 0 prints the start only")

rc, out, _ = run("bowl", "--optimizer", "gd", "--steps", "2", "--start", "1,1")
_, rows = parse(out)
check(all(len(repr(v)) > 0 for r in rows for v in r) and "0.90000000000000002" in out,
      "numbers are printed with %.17g (round-trip)", out)

with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "path.csv")
    rc, out, err = run("booth", "--optimizer", "momentum", "--steps", "5", "-o", path)
    ok = rc == 0 and out == "" and os.path.exists(path)
    if ok:
        with open(path) as f:
            _, rows = parse(f.read())
        ok = len(rows) == 6
    check(ok, "-o OUT.csv writes the file and nothing to stdout", err)
    rc, out, err = run("booth", "--optimizer", "gd", "-o", os.path.join(tmp, "no", "such.csv"))
    check(rc == 1 and "could not write" in err, "unwritable -o path: exit 1", err)

for opt, key in [("gd", "beta1"), ("adam", "momentum")]:
    rc, out, err = run("bowl", "--optimizer", opt, "--steps", "1", "--set", key + "=0.5")
    check(rc == 0 and ("%s has no effect on %s" % (key, opt)) in err,
          "--set %s with %s: runs, with a note" % (key, opt), err)

# ---- divergence
rc, out, err = run("rosenbrock", "--optimizer", "gd", "--set", "lr=10", "--steps", "100")
_, rows = parse(out)
k = None
if "diverged at step" in err:
    k = int(err.split("diverged at step")[1].split()[0])
check(rc == 0 and k is not None and rows[-1][0] == k - 1 and all_finite(rows),
      "gd lr=10 on rosenbrock: exit 0, 'diverged at step K', rows to K-1, all finite",
      "k=%s last=%s\n%s" % (k, rows[-1][0] if rows else None, err))
check(k is not None and k < 10, "divergence is caught early (step %s)" % k)

bad_outputs = []
for s in SURFACES:
    for o in OPTIMIZERS:
        for lr in ["1e6", "10", "0"]:
            rc, out, err = run(s, "--optimizer", o, "--set", "lr=" + lr, "--steps", "300")
            low = out.lower()
            if rc != 0 or "nan" in low or "inf" in low:
                bad_outputs.append("%s %s lr=%s: rc %d" % (s, o, lr, rc))
                continue
            _, rows = parse(out)
            if not all_finite(rows) or any(abs(r[1]) > 1e8 or abs(r[2]) > 1e8 for r in rows):
                bad_outputs.append("%s %s lr=%s: non-finite or huge row" % (s, o, lr))
check(not bad_outputs, "every surface x optimizer at lr 0, 10, 1e6: exit 0, no nan/inf, "
      "|x|,|y| <= 1e8", "\n".join(bad_outputs))

# ---- steps cap
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "big.csv")
    rc, out, err = run("bowl", "--optimizer", "gd", "--steps", "5000000", "-o", path)
    n = sum(1 for _ in open(path)) if os.path.exists(path) else 0
    check(rc == 0 and "more than 1000000" in err and n == 1000002,
          "--steps above 1e6 is capped with a message", "%d lines; %s" % (n, err))
with tempfile.TemporaryDirectory() as tmp:
    rc, out, err = run("bowl", "--optimizer", "gd", "--steps", "99999999999999999999999",
                       "-o", os.path.join(tmp, "capped.csv"))
check(rc == 0 and "more than 1000000" in err, "--steps beyond 64 bits is capped too", err)

# ---- usage errors: exit 2, and the message names the option and the valid choices
usage_cases = [
    ([], ["missing SURFACE", "bowl, rosenbrock, himmelblau, booth, beale, saddle"]),
    (["sphere", "--optimizer", "gd"], ["unknown surface “sphere”", "bowl, rosenbrock"]),
    (["bowl"], ["missing --optimizer", "gd, momentum, nesterov, rmsprop, adam, adagrad"]),
    (["bowl", "--optimizer", "sgd"], ["--optimizer", "unknown optimizer “sgd”",
                                     "gd, momentum, nesterov, rmsprop, adam, adagrad"]),
    (["bowl", "booth", "--optimizer", "gd"], ["unexpected argument “booth”"]),
    (["bowl", "--optimizer", "gd", "--bogus"], ["--bogus"]),
    (["bowl", "--optimizer"], ["--optimizer"]),
]
for value in ["nan,1", "1,nan", "inf,0", "-inf,0", "1e999,0", "abc", "1", "1,2,3", "",
              "2e6,0", "0,-1e7", "1;2", "0x,1"]:
    usage_cases.append((["bowl", "--optimizer", "gd", "--start=" + value], ["--start"]))
for value in ["-1", "abc", "1.5", "1e3", "", "nan", "0x10", " 5"]:
    usage_cases.append((["bowl", "--optimizer", "gd", "--steps=" + value],
                        ["--steps", "0 to 1000000"]))
for assignment, words in [
        ("lr=-1", ["lr", "out of range", "0 to 1e+06"]),
        ("lr=nan", ["lr", "not a finite number"]),
        ("lr=inf", ["lr", "not a finite number"]),
        ("lr=1e999", ["lr", "not a finite number"]),
        ("lr=2e6", ["lr", "out of range"]),
        ("lr=", ["lr", "not a finite number"]),
        ("lr", ["KEY=VALUE"]),
        ("foo=1", ["unknown parameter “foo”", "lr, momentum, beta1, beta2, eps, alpha"]),
        ("momentum=1.5", ["momentum", "out of range"]),
        ("momentum=-0.1", ["momentum", "out of range"]),
        ("beta1=1", ["beta1", "out of range"]),
        ("beta2=1", ["beta2", "out of range"]),
        ("alpha=1", ["alpha", "out of range"]),
        ("eps=0", ["eps", "out of range"]),
        ("eps=-1e-8", ["eps", "out of range"])]:
    usage_cases.append((["bowl", "--optimizer", "adam", "--set", assignment],
                        ["--set"] + words))

for args, words in usage_cases:
    rc, out, err = run(*args)
    missing = [w for w in words if w not in err]
    check(rc == 2 and out == "" and not missing and "Traceback" not in err,
          "usage error exit 2: descend %s" % " ".join(repr(a) for a in args),
          "rc %d, stderr %r, missing %s" % (rc, err, missing))

rc, out, err = run("--help")
check(rc == 0 and "SURFACE" in out and "adagrad" in out and "beta2" in out,
      "--help lists surfaces, optimizers and parameters", err)

finish()
