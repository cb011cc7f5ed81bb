#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli drift` against SciPy and NumPy on many inputs (TAP): ks_statistic and
ks_p_value against scipy.stats.ks_2samp(method="asymp"), wasserstein against
scipy.stats.wasserstein_distance, psi against a reference PSI written here in NumPy (bins at
np.quantile's default linear deciles, outer bins open, a value on an edge in the bin below,
1e-4 for an empty bin). Inputs: normal, shifted and scaled samples of 2 to 20,000 values,
ties (rounded values), identical samples, constant columns, tiny samples, and sizes that take
every branch of SciPy's kstwo.sf. Then hostile input: each must end in exit 1 (data, with
FILE:LINE) or 2 (usage), fast, never a hang or a NaN.

usage: test-cli-drift.py PATH/TO/ml-roadmap-cli
"""
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy import stats

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
tmp = tempfile.mkdtemp(prefix="drift-test-")


def write(name, values, header=True):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        if header:
            f.write("value\n")
        for v in values:
            f.write(repr(float(v)) + "\n")
    return path


def run(*args, timeout=60):
    t0 = time.monotonic()
    p = subprocess.run([CLI, "drift", *args], capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr, time.monotonic() - t0


def psi_numpy(ref, cur, bins):
    edges = np.quantile(ref, np.arange(1, bins) / bins)
    def shares(x):
        counts = np.bincount(np.searchsorted(edges, x, side="left"), minlength=bins)
        s = counts / len(x)
        s[counts == 0] = 1e-4
        return s
    r, c = shares(np.asarray(ref)), shares(np.asarray(cur))
    return float(np.sum((c - r) * np.log(c / r)))


def close(a, b, rtol, atol):
    return abs(a - b) <= atol + rtol * abs(b)


rng = np.random.default_rng(17)
cases = []
# sizes from tiny to large, shifted and scaled
for n_r, n_c in [(2, 2), (2, 3), (3, 2), (3, 7), (5, 5), (10, 10), (7, 40), (40, 7), (50, 60),
                 (139, 141), (200, 300), (281, 281), (500, 500), (1000, 999), (2000, 3000),
                 (5000, 5000), (20000, 20000)]:
    for shift, scale in [(0, 1), (0.02, 1), (0.1, 1.2), (0.5, 1), (2, 0.5), (6, 1)]:
        cases.append(("normal %d/%d shift %g scale %g" % (n_r, n_c, shift, scale),
                      rng.normal(size=n_r), rng.normal(shift, scale, size=n_c)))
# random sizes and shifts
for i in range(60):
    n_r, n_c = int(rng.integers(2, 1500)), int(rng.integers(2, 1500))
    cases.append(("random %d: %d/%d" % (i, n_r, n_c), rng.normal(size=n_r),
                  rng.normal(rng.uniform(-1, 1), rng.uniform(0.3, 3), size=n_c)))
# ties: rounded values, so many values sit exactly on the deciles
for n_r, n_c, q in [(100, 100, 1), (1000, 800, 1), (50, 500, 0.5), (300, 30, 2), (11, 11, 1)]:
    cases.append(("ties %d/%d step %g" % (n_r, n_c, q),
                  np.round(rng.normal(0, 2, n_r) / q) * q,
                  np.round(rng.normal(0.3, 2, n_c) / q) * q))
cases.append(("integers 0..3", rng.integers(0, 4, 400), rng.integers(0, 4, 300)))
cases.append(("integers vs shifted", rng.integers(0, 10, 1000), rng.integers(2, 12, 1000)))
# identical samples, constant columns
same = rng.normal(size=300)
cases.append(("identical samples", same, same.copy()))
cases.append(("identical tiny", np.array([1.0, 2.0]), np.array([1.0, 2.0])))
cases.append(("both constant, equal", np.full(50, 3.0), np.full(80, 3.0)))
cases.append(("both constant, apart", np.full(50, 3.0), np.full(80, 4.0)))
cases.append(("reference constant", np.full(100, 0.0), rng.normal(size=100)))
cases.append(("current constant", rng.normal(size=100), np.full(100, 0.0)))
cases.append(("disjoint", rng.uniform(0, 1, 300), rng.uniform(2, 3, 200)))
cases.append(("large magnitude", rng.normal(1e11, 1e10, 200), rng.normal(1.1e11, 1e10, 200)))
cases.append(("tiny magnitude", rng.normal(0, 1e-9, 200), rng.normal(1e-10, 1e-9, 200)))

# crafted to reach the kstwo.sf branches random samples rarely do
grid = np.arange(1000) / 1000
cases.append(("Durbin matrix, large n", grid, grid + 0.0155))
cases.append(("Ruben-Gambino, n > 140", np.arange(300) / 300, np.arange(301) / 301 + 0.002))
cases.append(("far tail, p = 0", rng.normal(size=10000), rng.normal(1, 1, size=10000)))
cases.append(("Pelz-Good", rng.normal(size=20000), rng.normal(0.01, 1, size=20000)))


def kstwo_branch(n, x):
    """Which computation SciPy 1.10's kstwo.sf(x, n) takes (_ksstats._kolmogn)."""
    if n < 1:
        return "nan"
    if x <= 0.5 / n or x >= 1:
        return "support"
    t = n * x
    if t <= 1:
        return "ruben-gambino low, n <= 140" if n <= 140 else "ruben-gambino low, stirling"
    if t >= n - 1:
        return "ruben-gambino high"
    if x >= 0.5:
        return "2 smirnov, x >= 0.5"
    if n <= 140:
        return ("durbin, n <= 140" if t * x <= 0.754693 else
                "pomeranz" if t * x <= 4 else "2 smirnov, n <= 140")
    if t * x >= 370:
        return "zero"
    if t * x >= 2.2:
        return "2 smirnov"
    return "durbin" if n * x ** 1.5 <= 1.4 else "pelz-good"


branches = {}
worst = {"psi": 0, "ks_statistic": 0, "ks_p_value": 0, "wasserstein": 0}
for bins in (10, 4, 20):
    for name, ref, cur in (cases if bins == 10 else cases[::7]):
        rpath, cpath = write("r.csv", ref), write("c.csv", cur, header=False)
        args = ["--reference", rpath, "--current", cpath]
        if bins != 10:
            args += ["--bins", str(bins)]
        rc, out, err, _ = run(*args)
        label = "%s (bins %d)" % (name, bins)
        if rc != 0:
            check(False, label, "exit %d: %s" % (rc, err.strip()))
            continue
        got = json.loads(out)
        ks = stats.ks_2samp(ref, cur, method="asymp")
        want = {"psi": psi_numpy(ref, cur, bins), "ks_statistic": float(ks.statistic),
                "ks_p_value": float(ks.pvalue),
                "wasserstein": float(stats.wasserstein_distance(ref, cur))}
        tol = {"psi": (1e-9, 1e-12), "ks_statistic": (0, 1e-15),
               "ks_p_value": (1e-9, 1e-12),
               "wasserstein": (1e-9, 1e-12 * max(1.0, float(np.ptp(np.r_[ref, cur]))))}
        m, n = sorted([float(len(ref)), float(len(cur))], reverse=True)
        b = kstwo_branch(int(np.round(m * n / (m + n))), float(ks.statistic))
        branches[b] = branches.get(b, 0) + 1
        bad = []
        for key, w in want.items():
            g = got[key]
            if not close(g, w, *tol[key]):
                bad.append("%s: got %r, SciPy/NumPy %r" % (key, g, w))
            worst[key] = max(worst[key], abs(g - w))
        check(not bad and got["n_reference"] == len(ref) and got["n_current"] == len(cur)
              and got["bins"] == bins, label, "; ".join(bad))

for b in ["support", "ruben-gambino low, n <= 140", "ruben-gambino low, stirling",
          "ruben-gambino high", "2 smirnov, x >= 0.5", "durbin, n <= 140", "pomeranz",
          "2 smirnov, n <= 140", "zero", "2 smirnov", "durbin", "pelz-good"]:
    check(branches.get(b, 0) > 0, "kstwo.sf branch reached: " + b, repr(branches))

# hostile input
def bad_file(name, text):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(text)
    return path


good = write("good.csv", rng.normal(size=100))
hostile = [
    ("broken number", bad_file("broken.csv", b"x\n1.5\n2.5\nabc\n3\n"), 1, "broken.csv:4"),
    ("NaN", bad_file("nan.csv", b"x\n1\nnan\n2\n"), 1, "nan.csv:3"),
    ("infinity", bad_file("inf.csv", b"1\n2\ninf\n"), 1, "inf.csv:3"),
    ("empty file", bad_file("empty.csv", b""), 1, "empty.csv"),
    ("header only", bad_file("header.csv", b"x\n"), 1, "header.csv"),
    ("one value", bad_file("one.csv", b"x\n4\n"), 1, "at least 2"),
    ("two columns", bad_file("two.csv", b"a,b\n1,2\n3,4\n"), 1, "two.csv"),
    ("binary", bad_file("bin.csv", b"1\n2\x00\n3\n"), 1, "bin.csv:2"),
    ("huge value", bad_file("huge.csv", b"1\n2e300\n"), 1, "huge.csv:2"),
    ("missing file", os.path.join(tmp, "no-such.csv"), 1, "no-such.csv"),
]
for name, path, code, needle in hostile:
    for side in ("--reference", "--current"):
        other = "--current" if side == "--reference" else "--reference"
        rc, out, err, secs = run(side, path, other, good)
        check(rc == code and needle in err and out == "" and secs < 10,
              "hostile %s as %s" % (name, side),
              "exit %d in %.1f s, stderr %r" % (rc, secs, err.strip()))

# 1e7 rows: refused at the row limit, quickly
big = os.path.join(tmp, "big.csv")
with open(big, "w") as f:
    chunk = "".join("%d.5\n" % (i % 1000) for i in range(100000))
    for _ in range(100):
        f.write(chunk)
rc, out, err, secs = run("--reference", big, "--current", good)
check(rc == 1 and "100000" in err and secs < 30, "1e7 rows refused (%.1f s)" % secs,
      "exit %d in %.1f s: %s" % (rc, secs, err.strip()))
os.unlink(big)

for args, needle in [(["--bins", "1"], "bins"), (["--bins", "0"], "bins"),
                     (["--bins", "101"], "bins"), (["--bins", "nan"], "bins"),
                     (["--bins", "-3"], "bins"), (["--bins", "1e9"], "bins"),
                     (["--bins", "ten"], "bins")]:
    rc, out, err, _ = run("--reference", good, "--current", good, *args)
    check(rc == 2 and needle in err and "2" in err and "100" in err,
          "usage %s" % " ".join(args), "exit %d: %s" % (rc, err.strip()))
rc, out, err, _ = run("--reference", good)
check(rc == 2 and "--current" in err, "usage: --current missing", err.strip())
rc, out, err, _ = run("--reference", good, "--current", good, "extra")
check(rc == 2, "usage: extra argument", err.strip())

# the demo's parameters through `metrics drift`: out of range is a usage error naming the range
for kv, needle in [("n=100000", "50 to 5000"), ("weeks=-1", "4 to 52"), ("mean_shift=nan", "finite"),
                   ("spread=0", "0.25 to 4"), ("mix=1.5", "0 to 1"), ("retrain=99", "0 to 52")]:
    p = subprocess.run([CLI, "metrics", "drift", "--set", kv], capture_output=True, text=True,
                       timeout=60)
    check(p.returncode == 2 and needle in p.stderr and p.stdout == "", "metrics drift " + kv,
          "exit %d: %s" % (p.returncode, p.stderr.strip()))
p = subprocess.run([CLI, "metrics", "drift", "--set", "weeks=52", "--set", "n=5000"],
                   capture_output=True, text=True, timeout=60)
m = json.loads(p.stdout) if p.returncode == 0 else {}
check(set(m) == {"psi", "ks_statistic", "accuracy"} and all(math.isfinite(v) for v in m.values()),
      "metrics drift at the largest setting", p.stdout + p.stderr)

shutil.rmtree(tmp, ignore_errors=True)
print("# largest differences from SciPy/NumPy: " +
      ", ".join("%s %.3g" % kv for kv in worst.items()))
finish()
