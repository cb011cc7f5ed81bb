#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""mlr_dbscan_run() alone beside scikit-learn's DBSCAN(eps=0.3, min_samples=10).fit() alone,
on the same points, both in memory: the in-memory side of sklearn_bench_cluster.py's DBSCAN
rows, whose CLI runs pay a process start.

usage: sklearn_bench_dbscan_fit.py BENCH_DBSCAN_FIT [--quick] [--before OLD_BENCH_DBSCAN_FIT]

For blobs with 8 centres at 1,000, 10,000 and 100,000 points: the median over 7 runs (3 with
--quick) of the wall clock and of the CPU time (ours: bench-dbscan-fit, the points loaded
once; scikit-learn's: the fit with X already an array, its default n_jobs), and whether the
two found the same number of clusters and noise points (the CLI's test compares every label).
Exits 0 after printing (a benchmark, not a test); skips without scikit-learn. --before adds
another build of bench-dbscan-fit (an earlier commit), timed in the same run.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

EPS, MIN_SAMPLES = 0.3, 10


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    bench = sys.argv[1]
    quick = "--quick" in sys.argv[2:]
    before = None
    if "--before" in sys.argv[2:-1]:
        before = sys.argv[sys.argv.index("--before") + 1]
    try:
        import numpy as np
        from sklearn.cluster import DBSCAN
        from sklearn.datasets import make_blobs
    except ImportError:
        print("scikit-learn is not installed: skipped")
        return 0
    import sklearn
    print("scikit-learn %s, numpy %s" % (sklearn.__version__, np.__version__))
    print("load average at start: %.1f %.1f %.1f" % os.getloadavg())
    runs = 3 if quick else 7
    tmp = tempfile.mkdtemp(prefix="bench-dbscan-fit-")

    def ours(path, exe=None):
        out = subprocess.run([exe or bench, path, repr(EPS), str(MIN_SAMPLES), str(runs)],
                             capture_output=True, text=True, check=True).stdout.split()
        return float(out[0]), float(out[1]), int(out[2]), int(out[3])

    def theirs(X):
        wall, cpu, db = [], [], None
        for _ in range(runs):
            t, c = time.perf_counter(), time.process_time()
            db = DBSCAN(eps=EPS, min_samples=MIN_SAMPLES).fit(X)
            cpu.append(time.process_time() - c)
            wall.append(time.perf_counter() - t)
        labels = db.labels_
        return (statistics.median(wall) * 1e3, statistics.median(cpu) * 1e3,
                int(labels.max()) + 1, int((labels == -1).sum()))

    print("%7s | %-19s | %-19s | %8s | %s" % ("n", "ours wall/cpu ms", "sklearn wall/cpu ms",
                                              "cpu x", "clusters, noise (ours; sklearn)"))
    for n in (1000, 10000, 100000):
        X, _ = make_blobs(n_samples=n, centers=8, cluster_std=1.0, random_state=n)
        path = os.path.join(tmp, "blobs-%d.csv" % n)
        np.savetxt(path, X, delimiter=",", header="x,y", comments="", fmt="%.17g")
        X = np.loadtxt(path, delimiter=",", skiprows=1)  # the very doubles ours reads
        w1, c1, k1, z1 = ours(path)
        w2, c2, k2, z2 = theirs(X)
        if before:
            w0, c0, _, _ = ours(path, before)
            print("%7d | before %7.2f / %7.2f" % (n, w0, c0))
        print("%7d | %7.2f / %7.2f   | %7.2f / %7.2f   | %8.1f | %d, %d; %d, %d%s" %
              (n, w1, c1, w2, c2, c2 / max(c1, 1e-3), k1, z1, k2, z2,
               "" if (k1, z1) == (k2, z2) else "  DIFFER"))
        sys.stdout.flush()
    print("load average at end: %.1f %.1f %.1f" % os.getloadavg())
    return 0


if __name__ == "__main__":
    sys.exit(main())
