#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The NumPy and SciPy peers of `bench-distribution --draws`: nanoseconds per draw from
numpy.random.Generator (PCG64; the same distributions and parameters) and per density and CDF
value from scipy.stats, in batches of 200,000 (draws) and 20,000 (pdf, cdf) as NumPy code would
make them, and the ratio to the C time (one value per call, as the demo asks for them).
Medians of 5 runs. CPU time (time.process_time), like the C side.

usage: numpy_bench_distribution.py PATH/TO/bench-distribution
"""
import statistics
import subprocess
import sys
import time

import numpy as np
from scipy import stats as st

N_DRAWS = 200000
N_EVAL = 20000

rng = np.random.default_rng(1)
CASES = {
    "normal": (lambda n: rng.normal(0, 1, n), st.norm(0, 1)),
    "uniform": (lambda n: rng.uniform(0, 1, n), st.uniform(0, 1)),
    "exponential": (lambda n: rng.exponential(1, n), st.expon()),
    "binomial_10_0.5": (lambda n: rng.binomial(10, 0.5, n), st.binom(10, 0.5)),
    "binomial_1000_0.03": (lambda n: rng.binomial(1000, 0.03, n), st.binom(1000, 0.03)),
    "binomial_1e9_0.5": (lambda n: rng.binomial(10 ** 9, 0.5, n), st.binom(10 ** 9, 0.5)),
    "poisson_4": (lambda n: rng.poisson(4, n), st.poisson(4)),
    "poisson_1000": (lambda n: rng.poisson(1000, n), st.poisson(1000)),
    "beta_2_5": (lambda n: rng.beta(2, 5, n), st.beta(2, 5)),
    "beta_0.5_0.5": (lambda n: rng.beta(0.5, 0.5, n), st.beta(0.5, 0.5)),
    "lognormal": (lambda n: rng.lognormal(0, 1, n), st.lognorm(1)),
}


def ns_per(fn, n):
    runs = []
    for _ in range(5):
        t = time.process_time()
        fn()
        runs.append((time.process_time() - t) * 1e9 / n)
    return statistics.median(runs)


out = subprocess.run([sys.argv[1], "--draws"], capture_output=True, text=True, check=True).stdout
c = {}
for line in out.splitlines():
    if line.startswith("RESULT "):
        _, name, ns = line.split()
        c[name] = float(ns)

print("%-22s %10s %10s %7s | %10s %10s | %10s %10s" % ("ns per value", "C draw", "NumPy", "ratio",
                                                     "C pdf", "SciPy pdf", "C cdf", "SciPy cdf"))
for name, (draw, dist) in CASES.items():
    lo, hi = dist.ppf(0.001), dist.ppf(0.999)
    xs = np.linspace(lo, hi, N_EVAL)
    discrete = hasattr(dist, "pmf")
    pdf = (lambda: dist.pmf(np.floor(xs))) if discrete else (lambda: dist.pdf(xs))
    d_np = ns_per(lambda: draw(N_DRAWS), N_DRAWS)
    p_np = ns_per(pdf, N_EVAL)
    f_np = ns_per(lambda: dist.cdf(xs), N_EVAL)
    print("%-22s %10.1f %10.1f %7.2f | %10.1f %10.1f | %10.1f %10.1f"
          % (name, c[name + "_draw"], d_np, d_np / c[name + "_draw"], c[name + "_pdf"], p_np,
             c[name + "_cdf"], f_np))
