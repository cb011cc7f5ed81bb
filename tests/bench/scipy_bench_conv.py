#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli convolve` against SciPy's correlate2d on the same 512×512 (and 1024×1024)
random matrix, 3×3 and 5×5 kernels, padding k // 2 (the output the input's size).

Two comparisons, medians of 7 runs:
  - end to end, CSV in and CSV out: the CLI (a new process each time) against NumPy's
    loadtxt + scipy.signal.correlate2d + savetxt in this Python process;
  - the arithmetic alone: correlate2d in memory (the C side's in-memory figure is printed by
    bench-conv).
It also checks the two answers agree to 1e-12 (a benchmark of wrong numbers is no benchmark).

usage: scipy_bench_conv.py PATH/TO/ml-roadmap-cli
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.signal import correlate2d

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
tmp = tempfile.mkdtemp(prefix="mlr-bench-conv-")


def median_ms(f, n=7):
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        f()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


rng = np.random.default_rng(16)
print("convolve vs scipy.signal.correlate2d (padding k//2, stride 1), median of 7 runs")
for side in (512, 1024):
    x = rng.random((side, side))
    path = os.path.join(tmp, "in-%d.csv" % side)
    np.savetxt(path, x, delimiter=",", fmt="%.17g")
    for k in (3, 5):
        w = rng.uniform(-1, 1, (k, k))
        out = os.path.join(tmp, "out.csv")
        args = [CLI, "convolve", "--input", path, "--kernel",
                ",".join("%.17g" % v for v in w.ravel()), "--padding", str(k // 2), "-o", out]
        cli = median_ms(lambda: subprocess.run(args, check=True))
        got = np.loadtxt(out, delimiter=",")

        def py_end_to_end():
            m = np.loadtxt(path, delimiter=",")
            r = correlate2d(np.pad(m, k // 2), w, mode="valid")
            np.savetxt(os.path.join(tmp, "py.csv"), r, delimiter=",", fmt="%.17g")
        py = median_ms(py_end_to_end)
        core = median_ms(lambda: correlate2d(np.pad(x, k // 2), w, mode="valid"))
        want = correlate2d(np.pad(x, k // 2), w, mode="valid")
        err = np.max(np.abs(got - want))
        print("%4dx%-4d %dx%d  CSV to CSV: ml-roadmap-cli %7.1f ms, NumPy+SciPy %7.1f ms | "
              "in memory: correlate2d %6.2f ms | max |difference| %.1e"
              % (side, side, k, k, cli, py, core, err))
        assert err <= 1e-12
