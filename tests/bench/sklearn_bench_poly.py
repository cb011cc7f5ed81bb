#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time scikit-learn on the work bench-fit-poly times, on the same data, in the same run.

usage: sklearn_bench_poly.py BENCH_FIT_POLY [--quick]

Runs BENCH_FIT_POLY --tsv --write-data DIR (our numbers, and the data it used), then times
PolynomialFeatures(degree, include_bias=False).fit_transform + LinearRegression (alpha 0) or
Ridge(alpha) fit + predict at the same 1,000 x, median of as many runs, in wall-clock time and
in CPU time of the process (all of NumPy's BLAS threads; steadier when other work shares the
machine, and the fairer count when BLAS runs on several cores). Also checks the two
agree on those predictions (to 1e-6 of the data's scale; they are well conditioned here at
degree 3 and close to scikit-learn's own precision at degree 15). Prints a table; "speed-up"
is scikit-learn's time divided by ours. Exits 0 after printing (a benchmark, not a test):
skips when scikit-learn is missing.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    bench = sys.argv[1]
    quick = "--quick" in sys.argv[2:]
    try:
        import numpy as np
        import sklearn
        from sklearn.linear_model import LinearRegression, Ridge
        from sklearn.preprocessing import PolynomialFeatures
    except ImportError as e:
        print("1..0 # SKIP scikit-learn is not available (%s)" % e)
        return 0
    warnings.simplefilter("ignore")

    with tempfile.TemporaryDirectory() as tmp:
        args = [bench, "--tsv", "--write-data", tmp] + (["--quick"] if quick else [])
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        rows = []
        for line in out.splitlines():
            if line.startswith("row\t"):
                _, n, degree, alpha, ms, runs, cpu = line.split("\t")
                rows.append((int(n), int(degree), float(alpha), float(ms), int(runs),
                             float(cpu)))
        data = {}
        for n in sorted({r[0] for r in rows}):
            d = np.loadtxt(os.path.join(tmp, "poly-%d.csv" % n), delimiter=",", skiprows=1)
            data[n] = (d[:, :1], d[:, 1])

    xq = np.linspace(0, 1, 1000).reshape(-1, 1)
    print("# scikit-learn %s, NumPy %s; fit + predict 1,000 x; median ms; speed-up = "
          "scikit-learn / ours" % (sklearn.__version__, np.__version__))
    print("%8s %6s %7s %10s %10s %9s %10s %10s %9s %12s" %
          ("n", "degree", "alpha", "ours", "sklearn", "speed-up", "ours cpu", "sk cpu",
           "cpu ratio", "max |diff|"))
    for n, degree, alpha, ours, runs, ours_cpu in rows:
        X, y = data[n]
        times, cpus, pred = [], [], None
        for _ in range(runs):
            t0 = time.perf_counter()
            c0 = time.process_time()
            poly = PolynomialFeatures(degree, include_bias=False)
            model = LinearRegression() if alpha == 0 else Ridge(alpha=alpha)
            model.fit(poly.fit_transform(X), y)
            pred = model.predict(poly.transform(xq))
            times.append((time.perf_counter() - t0) * 1000)
            cpus.append((time.process_time() - c0) * 1000)
        sk, sk_cpu = statistics.median(times), statistics.median(cpus)
        # our predictions for the difference column, through the CLI's library path
        ours_pred = reference(bench, X[:, 0], y, degree, alpha, xq[:, 0])
        diff = float(np.max(np.abs(ours_pred - pred))) if ours_pred is not None else float("nan")
        print("%8d %6d %7g %10.3f %10.3f %8.1fx %10.3f %10.3f %8.1fx %12.2e" %
              (n, degree, alpha, ours, sk, sk / ours, ours_cpu, sk_cpu,
               sk_cpu / max(ours_cpu, 1e-3), diff))
    return 0


def reference(bench, x, y, degree, alpha, xq):
    """Our predictions at xq, from ml-roadmap-cli next to the benchmark (build/app/cli)."""
    import numpy as np
    cli = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(bench))), "app", "cli",
                       "ml-roadmap-cli")
    if not os.path.exists(cli):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        t, p = os.path.join(tmp, "t.csv"), os.path.join(tmp, "p.csv")
        np.savetxt(t, np.column_stack([x, y]), delimiter=",", header="x,y", comments="",
                   fmt="%.17g")
        np.savetxt(p, xq, header="x", comments="", fmt="%.17g")
        r = subprocess.run([cli, "fit", "poly", "--train", t, "--predict", p, "--set",
                            "degree=%d" % degree, "--set", "alpha=%r" % alpha],
                           capture_output=True, text=True)
        if r.returncode != 0:
            return None
        return np.array([float(v) for v in r.stdout.split()[1:]])


if __name__ == "__main__":
    sys.exit(main())
