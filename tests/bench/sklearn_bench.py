#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time scikit-learn on the work bench-models times, in the same run, and print the ratio.

usage: sklearn_bench.py BENCH_MODELS [--quick]

Runs BENCH_MODELS --tsv --write-data DIR (our numbers, and the datasets it used), then for
each model and size fits make_pipeline(StandardScaler(), Estimator()) with the same defaults
and evaluates the same 400 x 300 grid (predict_proba, or decision_function for SVC, which has
no probabilities without its 5-fold Platt scaling), median of several runs. Prints a table;
"speed-up" is scikit-learn's time divided by ours. Exits 0 after printing (a benchmark, not a
test): skips when scikit-learn is missing.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

GRID_W, GRID_H = 400, 300


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    bench = sys.argv[1]
    quick = "--quick" in sys.argv[2:]
    try:
        import numpy as np
        import sklearn
        from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.linear_model import LogisticRegression
        from sklearn.naive_bayes import GaussianNB
        from sklearn.neighbors import KNeighborsClassifier
        from sklearn.neural_network import MLPClassifier
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        from sklearn.svm import SVC
        from sklearn.tree import DecisionTreeClassifier
    except ImportError as e:
        print(f"1..0 # SKIP scikit-learn is not available ({e})")
        return 0
    warnings.simplefilter("ignore", ConvergenceWarning)

    estimators = {
        "logreg": LogisticRegression,
        "knn": KNeighborsClassifier,
        "tree": DecisionTreeClassifier,
        "forest": RandomForestClassifier,
        "svm": SVC,
        "mlp": MLPClassifier,
        "nb": GaussianNB,
        "gb": GradientBoostingClassifier,
    }

    with tempfile.TemporaryDirectory() as tmp:
        args = [bench, "--tsv", "--write-data", tmp] + (["--quick"] if quick else [])
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        ours = {}
        for line in out.splitlines():
            if line.startswith("row\t"):
                _, model, n, fit_ms, grid_ms, total_ms = line.split("\t")
                ours[(model, int(n))] = (float(fit_ms), float(grid_ms), float(total_ms))
        data = {}
        for n in sorted({n for _, n in ours}):
            d = np.loadtxt(os.path.join(tmp, f"moons-{n}.csv"), delimiter=",", skiprows=1)
            data[n] = (d[:, :2], d[:, 2].astype(int))

    print(f"# scikit-learn {sklearn.__version__}; fit + {GRID_W}x{GRID_H} grid, moons noise 0.3,"
          " median ms; speed-up = scikit-learn / ours")
    print(f"{'model':8s} {'n':>6s} {'ours':>10s} {'sklearn':>10s} {'speed-up':>9s}"
          f" {'sk fit':>9s} {'sk grid':>9s}")
    for (model, n), (_, _, our_total) in ours.items():
        X, y = data[n]
        x0, x1 = X[:, 0].min() - 0.5, X[:, 0].max() + 0.5
        y0, y1 = X[:, 1].min() - 0.5, X[:, 1].max() + 0.5
        xs = x0 + (np.arange(GRID_W) + 0.5) * (x1 - x0) / GRID_W
        ys = y0 + (np.arange(GRID_H) + 0.5) * (y1 - y0) / GRID_H
        xx, yy = np.meshgrid(xs, ys)
        cells = np.c_[xx.ravel(), yy.ravel()]
        runs = 1 if quick else (5 if n <= 300 else 3)
        if model == "mlp" and n > 300 and not quick:
            runs = 1
        fits, grids = [], []
        for _ in range(runs):
            clf = make_pipeline(StandardScaler(), estimators[model]())
            t0 = time.perf_counter()
            clf.fit(X, y)
            t1 = time.perf_counter()
            if model == "svm":
                score = clf.decision_function(cells)
            else:
                score = clf.predict_proba(cells)
            t2 = time.perf_counter()
            fits.append((t1 - t0) * 1e3)
            grids.append((t2 - t1) * 1e3)
            assert len(score) == GRID_W * GRID_H
        fit_ms, grid_ms = statistics.median(fits), statistics.median(grids)
        sk_total = statistics.median([f + g for f, g in zip(fits, grids)])
        print(f"{model:8s} {n:6d} {our_total:10.2f} {sk_total:10.1f} {sk_total / our_total:8.1f}x"
              f" {fit_ms:9.1f} {grid_ms:9.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
