#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time scikit-learn on the work bench-evaluate times, on the same files, and print the ratio.

usage: sklearn_bench_evaluate.py BENCH_EVALUATE ML_ROADMAP_CLI [--quick]

Runs BENCH_EVALUATE --tsv --write-data DIR (our medians, and the label,score files it used),
then for each file, median of several runs:
  metrics       roc_auc_score, average_precision_score, brier_score_loss, log_loss, the ECE
                from calibration_curve's bins (10) and confusion_matrix at 0.5 with
                precision, recall, F1 and FPR; on arrays already in memory
  read+metrics  the same after numpy.loadtxt of the file
  platt         sklearn.calibration._sigmoid_calibration (CalibratedClassifierCV's sigmoid
                fit, BFGS) against our grouping + Newton fit
and the whole command: `ml-roadmap-cli evaluate --scores FILE` against a Python process that
imports scikit-learn, reads the file and prints the same numbers. "speed-up" is
scikit-learn's time divided by ours. Exits 0 after printing (a benchmark, not a test); skips
when scikit-learn is missing.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

SCRIPT = r'''
import sys, numpy as np
from sklearn.metrics import (roc_auc_score, average_precision_score, brier_score_loss,
                             log_loss, confusion_matrix)
d = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
y, s = d[:, 0].astype(int), d[:, 1]
edges = np.linspace(0, 1, 11)
ids = np.searchsorted(edges[1:-1], s)
tot = np.bincount(ids, minlength=10); nz = tot > 0
ece = np.sum(np.abs(np.bincount(ids, s, 10)[nz] / tot[nz]
                    - np.bincount(ids, y, 10)[nz] / tot[nz]) * tot[nz] / len(s))
tn, fp, fn, tp = confusion_matrix(y, s >= 0.5, labels=[0, 1]).ravel()
print(roc_auc_score(y, s), average_precision_score(y, s), brier_score_loss(y, s),
      log_loss(y, s), ece, tp / (tp + fp), tp / (tp + fn), 2 * tp / (2 * tp + fp + fn),
      fp / (fp + tn))
'''


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    bench, cli = sys.argv[1], sys.argv[2]
    quick = "--quick" in sys.argv[3:]
    try:
        import numpy as np
        import sklearn
        from sklearn.calibration import _sigmoid_calibration
        from sklearn.metrics import (average_precision_score, brier_score_loss,
                                     confusion_matrix, log_loss, roc_auc_score)
    except ImportError as e:
        print(f"1..0 # SKIP scikit-learn is not available ({e})")
        return 0
    warnings.simplefilter("ignore")

    def sk_metrics(y, s):
        edges = np.linspace(0, 1, 11)
        ids = np.searchsorted(edges[1:-1], s)
        tot = np.bincount(ids, minlength=10)
        nz = tot > 0
        ece = np.sum(np.abs(np.bincount(ids, s, 10)[nz] / tot[nz]
                            - np.bincount(ids, y, 10)[nz] / tot[nz]) * tot[nz] / len(s))
        tn, fp, fn, tp = confusion_matrix(y, s >= 0.5, labels=[0, 1]).ravel()
        return (roc_auc_score(y, s), average_precision_score(y, s), brier_score_loss(y, s),
                log_loss(y, s), ece, tp / (tp + fp), tp / (tp + fn), fp / (fp + tn))

    def sk_read_metrics(path):
        d = np.loadtxt(path, delimiter=",", skiprows=1)
        return sk_metrics(d[:, 0].astype(int), d[:, 1])

    with tempfile.TemporaryDirectory() as tmp:
        args = [bench, "--tsv", "--write-data", tmp] + (["--quick"] if quick else [])
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        print(f"evaluate against scikit-learn {sklearn.__version__} (numpy {np.__version__}), "
              "medians in ms; speed-up = scikit-learn / ours")
        print(f"{'cases':>9} {'':14} {'ours':>9} {'sklearn':>9} {'speed-up':>9}")
        for line in out.strip().split("\n"):
            n, path, m, rm, pm = line.split("\t")
            n, m, rm, pm = int(n), float(m), float(rm), float(pm)
            runs = 3 if n >= 1000000 else 7 if n >= 100000 else 21
            d = np.loadtxt(path, delimiter=",", skiprows=1)
            y, s = d[:, 0].astype(int), d[:, 1]
            sk_m = median_time(lambda: sk_metrics(y, s), runs)
            sk_rm = median_time(lambda: sk_read_metrics(path), max(3, runs // 2))
            sk_p = median_time(lambda: _sigmoid_calibration(s, y), max(3, runs // 2))
            cmd_runs = 3 if n >= 1000000 else 5
            ours_cmd = median_time(lambda: subprocess.run([cli, "evaluate", "--scores", path],
                                                          capture_output=True, check=True),
                                   cmd_runs)
            sk_cmd = median_time(lambda: subprocess.run([sys.executable, "-c", SCRIPT, path],
                                                        capture_output=True, check=True),
                                 cmd_runs)
            for what, ours, theirs in [("metrics", m, sk_m), ("read+metrics", rm, sk_rm),
                                       ("platt", pm, sk_p), ("whole command", ours_cmd, sk_cmd)]:
                print(f"{n:>9} {what:14} {ours:9.2f} {theirs:9.2f} {theirs / ours:8.1f}x",
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
