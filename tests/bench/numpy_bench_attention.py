#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli attention` against NumPy on the same random Q, K, V (n tokens, d_k = d_v =
64, no mask and causal).

Two comparisons, medians of 5 runs:
  - end to end, CSV in and JSON out: the CLI (a new process each time) against NumPy's
    loadtxt, the stable softmax, weights @ V and json.dumps in this Python process;
  - the arithmetic alone: NumPy in memory (the C side's in-memory figure is printed by
    bench-attention).
It also checks the two answers agree to 1e-12 (a benchmark of wrong numbers is no benchmark).

usage: numpy_bench_attention.py PATH/TO/ml-roadmap-cli
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
tmp = tempfile.mkdtemp(prefix="mlr-bench-attention-")


def median_ms(f, n=5):
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        f()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def attention(q, k, v, causal):
    s = q @ k.T
    if causal:
        s = np.where(np.triu(np.ones(s.shape, dtype=bool), 1), -np.inf, s)
    e = np.exp((s - s.max(axis=1, keepdims=True)) / np.sqrt(q.shape[1]))
    w = e / e.sum(axis=1, keepdims=True)
    return w, w @ v


rng = np.random.default_rng(16)
print("attention vs NumPy (d_k = d_v = 64, temperature 1), median of 5 runs")
for n in (256, 512, 1024):
    paths = []
    mats = []
    for name in "qkv":
        m = rng.uniform(-1, 1, (n, 64))
        p = os.path.join(tmp, "%s-%d.csv" % (name, n))
        np.savetxt(p, m, delimiter=",", fmt="%.17g")
        paths.append(p)
        mats.append(m)
    for causal in (False, True):
        args = [CLI, "attention", "--q", paths[0], "--k", paths[1], "--v", paths[2]]
        if causal:
            args.append("--causal")
        out = {}

        def cli():
            out["text"] = subprocess.run(args, check=True, capture_output=True,
                                         text=True).stdout
        t_cli = median_ms(cli)
        got = json.loads(out["text"])

        def py_end_to_end():
            q, k, v = (np.loadtxt(p, delimiter=",") for p in paths)
            w, o = attention(q, k, v, causal)
            json.dumps({"weights": w.tolist(), "output": o.tolist()})
        t_py = median_ms(py_end_to_end)
        t_core = median_ms(lambda: attention(*mats, causal))
        w, o = attention(*mats, causal)
        err = max(np.max(np.abs(np.array(got["weights"]) - w)),
                  np.max(np.abs(np.array(got["output"]) - o)))
        print("n %4d %-6s CSV to JSON: ml-roadmap-cli %7.1f ms, NumPy %7.1f ms | in memory: "
              "NumPy %6.2f ms | max |difference| %.1e"
              % (n, "causal" if causal else "", t_cli, t_py, t_core, err))
        assert err <= 1e-12
