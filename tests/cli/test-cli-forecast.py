#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli forecast` against an independent answer: the methods of Hyndman &
Athanasopoulos, FPP3, written here in NumPy straight from the book's equations — naive,
seasonal naive and drift with the interval formulas of §5.5 (Table 5.2), SES, Holt and
additive Holt–Winters from their component forms (§8.1–8.3) with the closed-form variances
of §8.7 (Table 8.8) — and MAE, RMSE and MASE (§5.8) on a held-out window and walking forward
(each origin refitted from scratch here), on many random series and settings, to 1e-9. Then
the forecast demo's metrics on its built-in series, and hostile inputs: each a clear error
with the exit code of the house, no NaN out (TAP).

statsmodels is not installed, so the reference is these recursions; their initialisation is
the one ml/mlr-forecast.h documents (SES ℓ_0 = y_1; Holt ℓ = y_1, b = y_2 − y_1; Holt–Winters
from the first two seasons' means).

usage: test-cli-forecast.py PATH/TO/ml-roadmap-cli
"""
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
from scipy.stats import norm

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
TMP = tempfile.mkdtemp(prefix="mlr-forecast-")
Z80, Z95 = norm.ppf(0.90), norm.ppf(0.975)
METHODS = ["naive", "snaive", "drift", "ses", "holt", "holt-winters"]


def run(*args):
    p = subprocess.run([CLI, "forecast", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def write_series(y, name="s.csv", header=None):
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        if header:
            f.write(header + "\n")
        for v in y:
            f.write("%.17g\n" % v)
    return path


# ---- the reference, 1-based in the comments as in the book, 0-based arrays

def smooth(y, method, m, a, b, g):
    """One-step fitted values (NaN where none counts), and ℓ_T, b_T, the seasonal states."""
    T = len(y)
    fitted = np.full(T, np.nan)
    if method == "ses":
        level = y[0]                      # ℓ_0 = y_1
        for t in range(1, T):
            fitted[t] = level             # ŷ_{t|t−1} = ℓ_{t−1}
            level = a * y[t] + (1 - a) * level
        return fitted, level, 0.0, None
    if method == "holt":
        level, trend = y[0], y[1] - y[0]
        for t in range(1, T):
            f = level + trend             # ŷ_{t|t−1} = ℓ_{t−1} + b_{t−1}
            if t >= 2:                    # at t = 2 (1-based) it is y_2 by construction
                fitted[t] = f
            new = a * y[t] + (1 - a) * (level + trend)
            trend = b * (new - level) + (1 - b) * trend
            level = new
        return fitted, level, trend, None
    # additive Holt–Winters
    y1, y2 = y[:m].mean(), y[m:2 * m].mean()
    trend = (y2 - y1) / m
    level = y1 + trend * (m - 1) / 2
    s = list(y[:m] - (y1 + trend * (np.arange(m) - (m - 1) / 2)))
    for t in range(m, T):
        fitted[t] = level + trend + s[t - m]
        new = a * (y[t] - s[t - m]) + (1 - a) * (level + trend)
        s.append(g * (y[t] - level - trend) + (1 - g) * s[t - m])
        trend = b * (new - level) + (1 - b) * trend
        level = new
    return fitted, level, trend, s


def reference(y, method, h, m, a, b, g):
    y = np.asarray(y, dtype=float)
    T = len(y)
    H = np.arange(1, h + 1)
    k = (H - 1) // m
    if method == "naive":
        e = y[1:] - y[:-1]
        s2 = (e ** 2).sum() / (T - 1)            # T − K − M, K = 0, M = 1
        mean = np.full(h, y[-1])
        var = s2 * H
    elif method == "snaive":
        e = y[m:] - y[:-m]
        s2 = (e ** 2).sum() / (T - m)            # M = m
        mean = np.array([y[T + hh - m * (kk + 1) - 1] for hh, kk in zip(H, k)])
        var = s2 * (k + 1)
    elif method == "drift":
        slope = (y[-1] - y[0]) / (T - 1)
        e = y[1:] - y[:-1] - slope
        s2 = (e ** 2).sum() / (T - 2)            # K = 1, M = 1
        mean = y[-1] + H * slope
        var = s2 * H * (1 + H / (T - 1))
    else:
        fitted, level, trend, s = smooth(y, method, m, a, b, g)
        e = (y - fitted)[~np.isnan(fitted)]
        s2 = (e ** 2).mean()
        beta = a * b                              # the ETS β = αβ*
        if method == "ses":
            mean = np.full(h, level)
            var = s2 * (1 + a ** 2 * (H - 1))
        else:
            mean = level + H * trend
            var = s2 * (1 + (H - 1) * (a ** 2 + a * beta * H + beta ** 2 * H * (2 * H - 1) / 6))
            if method == "holt-winters":
                mean = mean + np.array([s[T - 1 + hh - m * (kk + 1)] for hh, kk in zip(H, k)])
                var = var + s2 * g * k * (2 * a + g + beta * m * (k + 1))
    sd = np.sqrt(var)
    return np.column_stack([H, mean, mean - Z80 * sd, mean + Z80 * sd, mean - Z95 * sd,
                            mean + Z95 * sd])


def accuracy(y, method, test, m, a, b, g, rolling):
    y = np.asarray(y, dtype=float)
    T = len(y)
    train = y[:T - test]
    if rolling:
        pred = np.array([reference(y[:o], method, 1, m, a, b, g)[0, 1]
                         for o in range(T - test, T)])
    else:
        pred = reference(train, method, test, m, a, b, g)[:, 1]
    e = y[T - test:] - pred
    scale = np.abs(train[m:] - train[:-m]).mean()
    mae = np.abs(e).mean()
    return {"mae": mae, "rmse": math.sqrt((e ** 2).mean()), "mase": mae / scale}


def min_length(method, m):
    return {"naive": 2, "ses": 2, "drift": 3, "holt": 3, "snaive": m + 1,
            "holt-winters": 2 * m}[method]


def parse_csv(text):
    lines = text.strip().splitlines()
    assert lines[0] == "step,forecast,lo80,hi80,lo95,hi95", lines[0]
    return np.array([[float(v) for v in line.split(",")] for line in lines[1:]])


def close(a, b, tol=1e-9):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and np.all(np.isfinite(a)) and \
        np.allclose(a, b, rtol=tol, atol=tol * (1 + np.abs(b).max()))


def random_series(rng, kind, n, m):
    t = np.arange(n)
    if kind == "walk":
        y = 50 + np.cumsum(rng.normal(0, rng.uniform(0.1, 5), n))
    elif kind == "seasonal":
        y = (rng.uniform(-100, 100) + rng.uniform(-2, 2) * t
             + rng.uniform(1, 30) * np.sin(2 * np.pi * t / m + rng.uniform(0, 6))
             + rng.normal(0, rng.uniform(0.5, 5), n))
    elif kind == "trend":
        y = rng.uniform(-1e3, 1e3) + rng.uniform(-10, 10) * t + rng.normal(0, 3, n)
    else:  # noise, with large values
        y = rng.normal(rng.uniform(-1e6, 1e6), rng.uniform(1, 1e4), n)
    return y


# ---- forecasts and intervals on many series
rng = np.random.default_rng(16)
bad = []
count = 0
for trial in range(90):
    method = METHODS[trial % len(METHODS)]
    m = int(rng.integers(2, 13)) if method in ("snaive", "holt-winters") or trial % 3 == 0 else 1
    kind = ["walk", "seasonal", "trend", "noise"][trial % 4]
    n = int(rng.integers(min_length(method, m), min_length(method, m) + 60))
    y = random_series(rng, kind, n, max(m, 2))
    a, b, g = (float(v) for v in rng.uniform(0, 1, 3))
    h = int(rng.integers(1, 40))
    path = write_series(y, "f%d.csv" % trial)
    rc, out, err = run("--series", path, "--method", method, "--horizon", str(h), "--season",
                       str(m), "--set", "alpha=%.17g" % a, "--set", "beta=%.17g" % b, "--set",
                       "gamma=%.17g" % g)
    count += 1
    want = reference(y, method, h, m, a, b, g)
    if rc != 0 or not close(parse_csv(out), want):
        bad.append("%s n=%d m=%d h=%d a=%.3f b=%.3f g=%.3f rc=%d %s" %
                   (method, n, m, h, a, b, g, rc, err.strip()))
check(not bad, "forecasts and 80/95%% intervals of all six methods match FPP3's formulas on "
      "%d random series (walks, seasonal, trends, noise), shortest lengths included" % count,
      "\n".join(bad[:5]))

# the shortest series each method takes, and the default smoothing parameters
bad = []
for method in METHODS:
    m = 4 if method in ("snaive", "holt-winters") else 1
    y = random_series(rng, "seasonal", min_length(method, m), 4)
    rc, out, err = run("--series", write_series(y, "short.csv"), "--method", method,
                       "--horizon", "9", "--season", str(m))
    if rc != 0 or not close(parse_csv(out), reference(y, method, 9, m, 0.3, 0.1, 0.2)):
        bad.append("%s: %s %s" % (method, err, out[:200]))
check(not bad, "each method on the shortest series it takes, with alpha 0.3, beta 0.1, gamma "
      "0.2 by default", "\n".join(bad))

# ---- MAE, RMSE, MASE on a held-out window and walking forward
bad = []
count = 0
for trial in range(60):
    method = METHODS[trial % len(METHODS)]
    m = int(rng.integers(2, 9)) if trial % 2 == 0 or method in ("snaive", "holt-winters") else 1
    test = int(rng.integers(1, 20))
    n = max(min_length(method, m), m + 1) + test + int(rng.integers(0, 40))
    y = random_series(rng, ["walk", "seasonal", "trend", "noise"][trial % 4], n, max(m, 2))
    a, b, g = (float(v) for v in rng.uniform(0, 1, 3))
    rolling = trial % 3 == 0
    args = ["--series", write_series(y, "a%d.csv" % trial), "--method", method, "--season",
            str(m), "--test", str(test), "--set", "alpha=%.17g" % a, "--set",
            "beta=%.17g" % b, "--set", "gamma=%.17g" % g] + (["--rolling"] if rolling else [])
    rc, out, err = run(*args)
    count += 1
    want = accuracy(y, method, test, m, a, b, g, rolling)
    try:
        got = json.loads(out)
    except ValueError:
        got = {}
    if rc != 0 or set(got) != {"mae", "rmse", "mase"} or \
            not all(close(got[k], want[k]) for k in want):
        bad.append("%s n=%d m=%d test=%d rolling=%s: %s %s want %s" %
                   (method, n, m, test, rolling, err.strip(), out.strip(), want))
check(not bad, "MAE, RMSE and MASE (scaled by the training part's seasonal naive error) match "
      "on %d random series, test window and walk-forward (each origin refitted)" % count,
      "\n".join(bad[:5]))

# MASE = 1 exactly for naive walking forward? No: its scale is the training part's, the errors
# the window's. What holds exactly: naive's walk-forward errors are the window's differences.
y = random_series(rng, "walk", 60, 2)
rc, out, err = run("--series", write_series(y, "w.csv"), "--method", "naive", "--test", "10",
                   "--rolling")
d = np.abs(np.diff(y))
check(rc == 0 and close(json.loads(out)["mae"], d[-10:].mean()),
      "naive walking forward: its MAE is the mean |y_t − y_{t−1}| of the window", out + err)

# ---- the demo's built-in series, its metrics, and the random walk's honest lesson
def builtin(name, seed=1):
    rc, out, err = run("--builtin", name, "--seed", str(seed), "--print-series")
    return np.array([float(v) for v in out.split()])

demand = builtin("demand")
check(len(demand) == 96 and len(builtin("trend")) == 80 and len(builtin("stock")) == 150,
      "the built-in series have 96, 80 and 150 values")
check(np.array_equal(builtin("demand", 7), builtin("demand", 7)) and
      not np.array_equal(builtin("demand", 7), builtin("demand", 8)),
      "a seed gives the same series each time, another seed another series")

bad = []
for series, m in (("demand", 12), ("trend", 1), ("stock", 1)):
    y = builtin(series, 3)
    for method in METHODS:
        if method == "holt-winters" and m == 1:
            continue
        for evaluation in ("window", "rolling"):
            p = subprocess.run([CLI, "metrics", "forecast", "--set", "series=" + series,
                                "--set", "seed=3", "--set", "method=" + method, "--set",
                                "season=%d" % m, "--set", "test=10", "--set",
                                "evaluation=" + evaluation, "--set", "alpha=0.4", "--set",
                                "beta=0.2", "--set", "gamma=0.3"],
                               capture_output=True, text=True)
            want = accuracy(y, method, 10, m, 0.4, 0.2, 0.3, evaluation == "rolling")
            try:
                got = json.loads(p.stdout)
            except ValueError:
                got = {}
            if p.returncode != 0 or set(got) != {"mae", "rmse", "mase"} or \
                    not all(close(got[k], want[k]) for k in want):
                bad.append("%s %s %s: %s %s" % (series, method, evaluation, p.stdout, p.stderr))
check(not bad, "`metrics forecast` gives mae, rmse, mase of every method on the built-in "
      "series, test window and walk-forward", "\n".join(bad[:4]))

# the random walk: over the seeds, naive's walk-forward MASE is the lowest on average
wins = {mm: [] for mm in METHODS[:5]}
for seed in range(1, 21):
    y = builtin("stock", seed)
    for method in wins:
        wins[method].append(accuracy(y, method, 48, 1, 0.3, 0.1, 0.2, True)["mase"])
    rc, out, err = run("--builtin", "stock", "--seed", str(seed), "--method", "naive",
                       "--test", "48", "--rolling")
    if rc != 0 or not close(json.loads(out)["mase"], wins["naive"][-1]):
        wins = None
        break
check(wins is not None and all(np.mean(wins["naive"]) <= np.mean(v) for v in wins.values()),
      "on the random-walk stock price (20 seeds, 48 one-step forecasts each), no method beats "
      "naive on average", repr(wins and {k: np.mean(v) for k, v in wins.items()}))

# ---- headers, constants and hostile inputs
y = random_series(rng, "trend", 30, 2)
rc1, out1, _ = run("--series", write_series(y, "nohead.csv"), "--method", "holt", "--horizon", "5")
rc2, out2, _ = run("--series", write_series(y, "head.csv", "sales"), "--method", "holt",
                   "--horizon", "5")
check(rc1 == 0 and out1 == out2, "a header line is optional")

const = write_series([5.0] * 30, "const.csv")
ok = True
for method in METHODS:
    rc, out, err = run("--series", const, "--method", method, "--horizon", "6", "--season", "3")
    ok = ok and rc == 0 and close(parse_csv(out)[:, 1:], np.full((6, 5), 5.0))
check(ok, "a constant series: every method forecasts it with zero-width intervals, no NaN")


def refused(args, code, words, name):
    rc, out, err = run(*args)
    check(rc == code and out == "" and all(w in err for w in words), name,
          "rc %d out %r err %r" % (rc, out[:80], err))


refused(["--series", const, "--method", "naive", "--test", "5"], 1,
        ["const.csv", "MASE is undefined", "0"], "a constant series has no MASE: a clear error")
one = write_series([3.0], "one.csv")
for method in METHODS:
    refused(["--series", one, "--method", method, "--horizon", "3", "--season", "2"], 1,
            ["one.csv", "at least", "there is 1"], "a series of length 1 with %s" % method)
refused(["--series", one, "--method", "naive", "--test", "1"], 2, ["--test 1", "fewer than"],
        "a test window on a series of length 1")
short = write_series(list(range(8)), "short8.csv")
refused(["--series", short, "--method", "snaive", "--horizon", "3", "--season", "12"], 1,
        ["season 12", "at least 13", "there are 8"], "seasonal naive on a series shorter than "
        "its season")
refused(["--series", short, "--method", "holt-winters", "--horizon", "3", "--season", "6"], 1,
        ["at least 12", "there are 8"], "Holt–Winters needs two seasons")
refused(["--series", short, "--method", "holt-winters", "--horizon", "3"], 2,
        ["season", "at least 2"], "Holt–Winters with no season")
refused(["--series", short, "--method", "naive", "--test", "5", "--season", "4"], 1,
        ["training part of 3 values", "MASE", "at least 5"], "MASE needs a season of training")
nan = os.path.join(TMP, "nan.csv")
with open(nan, "w") as f:
    f.write("sales\n1\n2\nnan\n4\n")
refused(["--series", nan, "--method", "naive", "--horizon", "2"], 1, ["nan.csv:4"],
        "NaN in the CSV is refused with its line")
inf = os.path.join(TMP, "inf.csv")
with open(inf, "w") as f:
    f.write("1\n2\n1e300\n4\n")
refused(["--series", inf, "--method", "naive", "--horizon", "2"], 1, ["inf.csv:3"],
        "a value of 1e300 is refused with its line")
words = os.path.join(TMP, "words.csv")
with open(words, "w") as f:
    f.write("1\n2\nthree\n")
refused(["--series", words, "--method", "naive", "--horizon", "2"], 1, ["words.csv:3"],
        "a word among the numbers is refused with its line")
empty = os.path.join(TMP, "empty.csv")
open(empty, "w").close()
refused(["--series", empty, "--method", "naive", "--horizon", "2"], 1, ["empty"],
        "an empty file")
refused(["--series", os.path.join(TMP, "missing.csv"), "--method", "naive", "--horizon", "2"],
        1, ["missing.csv"], "a missing file")
ok30 = write_series(random_series(rng, "walk", 30, 2), "ok30.csv")
refused(["--series", ok30, "--method", "naive", "--horizon", "0"], 2, ["1 to 10000"],
        "horizon 0")
refused(["--series", ok30, "--method", "naive", "--horizon", "1000000000"], 2, ["1 to 10000"],
        "a huge horizon")
refused(["--series", ok30, "--method", "naive", "--horizon", "-3"], 2, ["1 to 10000"],
        "a negative horizon")
refused(["--series", ok30, "--method", "naive"], 2, ["--horizon"], "no horizon")
refused(["--series", ok30, "--method", "naive", "--test", "30"], 2, ["--test 30", "1 to 29"],
        "a test window as long as the series")
refused(["--series", ok30, "--method", "naive", "--test", "31"], 2, ["1 to 29"],
        "a test window longer than the series")
refused(["--series", ok30, "--method", "naive", "--test", "0"], 2, ["1 to 29"], "test 0")
refused(["--series", ok30, "--method", "naive", "--test", "5", "--horizon", "5"], 2,
        ["--horizon and --test"], "both --horizon and --test")
refused(["--series", ok30, "--method", "arima", "--horizon", "2"], 2, ["holt-winters"],
        "an unknown method names the six")
refused(["--series", ok30, "--method", "ses", "--horizon", "2", "--set", "alpha=1.5"], 2,
        ["alpha", "0 to 1"], "alpha 1.5")
refused(["--series", ok30, "--method", "ses", "--horizon", "2", "--set", "alpha=nan"], 2,
        ["alpha", "0 to 1"], "alpha NaN")
refused(["--series", ok30, "--method", "ses", "--horizon", "2", "--set", "delta=0.5"], 2,
        ["alpha=A"], "an unknown --set key")
refused(["--series", ok30, "--method", "snaive", "--horizon", "2", "--season", "0"], 2,
        ["1 to 10000"], "season 0")
refused(["--series", ok30, "--method", "naive", "--rolling", "--horizon", "3"], 2,
        ["--rolling needs --test"], "--rolling without --test")
refused(["--builtin", "gold", "--method", "naive", "--horizon", "3"], 2, ["demand"],
        "an unknown built-in series")

# the longest horizon: finite everywhere
rc, out, err = run("--series", ok30, "--method", "holt", "--horizon", "10000", "--set",
                   "alpha=1", "--set", "beta=1")
rows = parse_csv(out) if rc == 0 else np.array([[np.nan]])
check(rc == 0 and rows.shape == (10000, 6) and np.all(np.isfinite(rows)),
      "horizon 10000 with alpha = beta = 1: 10,000 finite rows", err)
big = write_series(1e12 * np.sin(np.arange(40)), "big.csv")
rc, out, err = run("--series", big, "--method", "holt-winters", "--season", "7", "--horizon",
                   "10000", "--set", "alpha=1", "--set", "beta=1", "--set", "gamma=1")
check(rc == 0 and np.all(np.isfinite(parse_csv(out))),
      "values of 1e12 and horizon 10000: still finite", err)

finish()
