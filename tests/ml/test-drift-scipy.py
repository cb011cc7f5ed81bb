#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Kolmogorov distribution behind `ml-roadmap-cli drift`'s p-value against SciPy (TAP):
mlr_drift_kstwo_sf(x, n) against scipy.stats.kstwo.sf(x, n) on a grid of n from 1 to 100,000
and x over (0, 1), which takes every branch of SciPy's _kolmogn (Ruben–Gambino, Durbin's
matrix, Pomeranz, Pelz–Good, 2 × Smirnov, the far tail); mlr_drift_smirnov against
scipy.special.smirnov; and the linear quantile against numpy.quantile, ties included.

usage: test-drift-scipy.py PATH/TO/drift-eval
"""
import subprocess
import sys

import numpy as np
from scipy import special, stats

EVAL = sys.argv[1]
results = []


def check(ok, name, diag=""):
    results.append((bool(ok), name, diag))


proc = subprocess.Popen([EVAL], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def ask(line):
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    return float(proc.stdout.readline())


def close(got, want, rtol, atol):
    return abs(got - want) <= atol + rtol * abs(want)


ns = list(range(1, 41)) + [50, 70, 99, 120, 139, 140, 141, 150, 200, 333, 500, 1000, 2500,
                           5000, 10000, 25000, 50000, 100000]
worst = 0.0
bad = []
count = 0
for n in ns:
    xs = sorted(set(np.r_[np.linspace(0.0005, 0.9995, 60), 0.5 / n, 1.0 / n, 0.75 / n,
                          1.5 / n, 1 - 1.0 / n, np.sqrt(0.754693 / n), np.sqrt(2.2 / n),
                          np.sqrt(4.0 / n), (1.4 / n) ** (2 / 3), np.sqrt(18.0 / n)]))
    for x in xs:
        if not 0 < x < 1:
            continue
        want = float(stats.kstwo.sf(x, n))
        got = ask("kstwo_sf %r %d" % (float(x), n))
        count += 1
        worst = max(worst, abs(got - want))
        if not close(got, want, 1e-9, 1e-14):
            bad.append("n %d x %r: %r, SciPy %r" % (n, float(x), got, want))
check(not bad, "kstwo.sf on %d points, n 1 to 100000" % count, "; ".join(bad[:8]))
print("# kstwo.sf: largest difference %.3g" % worst)

bad = []
for n in [1, 2, 5, 10, 100, 1012, 1013, 5000, 50000]:
    for x in np.linspace(0.001, 0.999, 40):
        want = float(special.smirnov(n, x))
        got = ask("smirnov %d %r" % (n, float(x)))
        if not close(got, want, 1e-10, 1e-15):
            bad.append("n %d x %r: %r, SciPy %r" % (n, float(x), got, want))
check(not bad, "smirnov", "; ".join(bad[:8]))
check(ask("kstwo_sf 0.3 0") != ask("kstwo_sf 0.3 0"), "kstwo_sf n = 0 is NaN")

rng = np.random.default_rng(4)
bad = []
for trial in range(300):
    size = int(rng.integers(1, 60))
    v = np.round(rng.normal(size=size) * (3 if trial % 2 else 100)) / 3
    for q in (0.0, 0.1, 0.25, 0.5, 0.7, 0.9, 1.0, float(rng.uniform())):
        want = float(np.quantile(v, q))
        got = ask("quantile %r %s" % (q, " ".join(repr(float(t)) for t in v)))
        if got != want:
            bad.append("%r of %d values: %r, NumPy %r" % (q, size, got, want))
check(not bad, "linear quantile equals numpy.quantile exactly (300 samples with ties)",
      "; ".join(bad[:5]))
proc.stdin.close()
proc.wait()

print("1..%d" % len(results))
for i, (ok, name, diag) in enumerate(results, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    if diag and not ok:
        print("# " + diag)
