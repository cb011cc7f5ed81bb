#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli forecast` against NumPy doing the same on the same input: a seasonal series
of 100,000 values as CSV, each of the six methods, a forecast of 1,000 steps with its 80% and
95% intervals, and MAE, RMSE and MASE on the last 10,000 values held out.

End to end, CSV in and CSV/JSON out, medians of 5 runs: the CLI (a new process each time)
against np.loadtxt + the FPP3 recursions in NumPy (vectorised where the method allows: naive,
seasonal naive and drift; a Python loop over the values for SES, Holt and Holt–Winters, which
are recursions), both in this Python process (NumPy already imported: no start-up paid) and
as a new `python3` process like the CLI's (start-up and `import numpy` paid). statsmodels is
not installed here, so NumPy is the peer. It also checks the answers agree to 1e-9 (a
benchmark of wrong numbers is no benchmark).

usage: numpy_bench_forecast.py PATH/TO/ml-roadmap-cli
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from statistics import NormalDist

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
tmp = tempfile.mkdtemp(prefix="mlr-bench-forecast-")
Z80, Z95 = NormalDist().inv_cdf(0.90), NormalDist().inv_cdf(0.975)
A, B, G, M = 0.3, 0.1, 0.2, 12


def smooth(y, method):
    T = len(y)
    sse, count = 0.0, 0
    if method == "ses":
        level = y[0]
        for t in range(1, T):
            e = y[t] - level
            sse += e * e
            count += 1
            level = A * y[t] + (1 - A) * level
        return sse / count, level, 0.0, None
    if method == "holt":
        level, trend = y[0], y[1] - y[0]
        for t in range(1, T):
            f = level + trend
            if t >= 2:
                sse += (y[t] - f) ** 2
                count += 1
            new = A * y[t] + (1 - A) * f
            trend = B * (new - level) + (1 - B) * trend
            level = new
        return sse / count, level, trend, None
    y1, y2 = y[:M].mean(), y[M:2 * M].mean()
    trend = (y2 - y1) / M
    level = y1 + trend * (M - 1) / 2
    s = list(y[:M] - (y1 + trend * (np.arange(M) - (M - 1) / 2)))
    for t in range(M, T):
        f = level + trend + s[t - M]
        sse += (y[t] - f) ** 2
        count += 1
        new = A * (y[t] - s[t - M]) + (1 - A) * (level + trend)
        s.append(G * (y[t] - level - trend) + (1 - G) * s[t - M])
        trend = B * (new - level) + (1 - B) * trend
        level = new
    return sse / count, level, trend, s[-M:]


def forecast(y, method, h):
    T = len(y)
    H = np.arange(1, h + 1)
    k = (H - 1) // M
    if method == "naive":
        s2 = (np.diff(y) ** 2).sum() / (T - 1)
        mean, var = np.full(h, y[-1]), s2 * H
    elif method == "snaive":
        s2 = ((y[M:] - y[:-M]) ** 2).sum() / (T - M)
        mean, var = y[T - M + (H - 1) % M], s2 * (k + 1)
    elif method == "drift":
        b = (y[-1] - y[0]) / (T - 1)
        s2 = ((np.diff(y) - b) ** 2).sum() / (T - 2)
        mean, var = y[-1] + H * b, s2 * H * (1 + H / (T - 1))
    else:
        s2, level, trend, s = smooth(y, method)
        beta = A * B
        if method == "ses":
            mean, var = np.full(h, level), s2 * (1 + A * A * (H - 1))
        else:
            mean = level + H * trend
            var = s2 * (1 + (H - 1) * (A * A + A * beta * H + beta * beta * H * (2 * H - 1) / 6))
            if method == "holt-winters":
                mean = mean + np.asarray(s)[(H - 1) % M]
                var = var + s2 * G * k * (2 * A + G + beta * M * (k + 1))
    sd = np.sqrt(var)
    return np.column_stack([H, mean, mean - Z80 * sd, mean + Z80 * sd, mean - Z95 * sd,
                            mean + Z95 * sd])


def accuracy(y, method, test):
    train = y[:-test]
    e = y[-test:] - forecast(train, method, test)[:, 1]
    mae = np.abs(e).mean()
    return {"mae": mae, "rmse": float(np.sqrt((e ** 2).mean())),
            "mase": mae / np.abs(train[M:] - train[:-M]).mean()}


def median_ms(f, n=5):
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        f()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def child_cpu_ms(args, n=5):
    """The median CPU time (user + system) of a command: steadier than the wall clock on a
    machine others are building on."""
    times = []
    for _ in range(n):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(args, check=True, capture_output=True)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1e3)
    return statistics.median(times)


def worker(method, mode, path, out):
    """What the NumPy process does: read, compute, write (see the process column)."""
    v = np.loadtxt(path, skiprows=1)
    if mode == "horizon":
        np.savetxt(out, forecast(v, method, 1000), delimiter=",", fmt="%.17g",
                   header="step,forecast,lo80,hi80,lo95,hi95", comments="")
    else:
        print(json.dumps(accuracy(v, method, 10000)))


if len(sys.argv) > 2 and sys.argv[1] == "--worker":
    worker(*sys.argv[2:6])
    sys.exit(0)

rng = np.random.default_rng(16)
n = 100000
t = np.arange(n)
y = 500 + 0.05 * t + 40 * np.sin(2 * np.pi * t / M) + rng.normal(0, 8, n)
path = os.path.join(tmp, "series.csv")
np.savetxt(path, y, fmt="%.17g", header="sales", comments="")
out = os.path.join(tmp, "out.csv")
print("forecast vs NumPy on %d values, season %d, alpha %g beta %g gamma %g; median of 5 runs"
      % (n, M, A, B, G))
for method in ("naive", "snaive", "drift", "ses", "holt", "holt-winters"):
    fargs = [CLI, "forecast", "--series", path, "--method", method, "--horizon", "1000",
             "--season", str(M), "-o", out]
    cli_f = median_ms(lambda: subprocess.run(fargs, check=True))
    got = np.loadtxt(out, delimiter=",", skiprows=1)

    def py_f():
        v = np.loadtxt(path, skiprows=1)
        np.savetxt(os.path.join(tmp, "py.csv"), forecast(v, method, 1000), delimiter=",",
                   fmt="%.17g", header="step,forecast,lo80,hi80,lo95,hi95", comments="")
    py_fm = median_ms(py_f)
    want = forecast(y, method, 1000)
    err_f = np.max(np.abs(got - want) / (1 + np.abs(want)))

    targs = [CLI, "forecast", "--series", path, "--method", method, "--test", "10000",
             "--season", str(M)]
    cli_t = median_ms(lambda: subprocess.run(targs, check=True, capture_output=True))
    got_t = json.loads(subprocess.run(targs, check=True, capture_output=True,
                                      text=True).stdout)

    def py_t():
        v = np.loadtxt(path, skiprows=1)
        json.dumps(accuracy(v, method, 10000))
    py_tm = median_ms(py_t)
    me = os.path.abspath(__file__)
    proc_f = median_ms(lambda: subprocess.run([sys.executable, me, "--worker", method,
                                               "horizon", path, out], check=True))
    proc_t = median_ms(lambda: subprocess.run([sys.executable, me, "--worker", method, "test",
                                               path, out], check=True, capture_output=True))
    cpu_cli = child_cpu_ms(fargs)
    cpu_proc = child_cpu_ms([sys.executable, me, "--worker", method, "horizon", path, out])
    want_t = accuracy(y, method, 10000)
    err_t = max(abs(got_t[k] - want_t[k]) / (1 + abs(want_t[k])) for k in want_t)
    print("%-13s horizon 1000: cli %6.1f ms, NumPy in process %6.1f, as a process %6.1f | "
          "test 10000: cli %6.1f ms, NumPy %6.1f, %6.1f | CPU of the horizon command: cli "
          "%5.1f ms, NumPy process %6.1f | max rel. difference %.1e"
          % (method, cli_f, py_fm, proc_f, cli_t, py_tm, proc_t, cpu_cli, cpu_proc,
             max(err_f, err_t)))
    assert err_f <= 1e-9 and err_t <= 1e-9
