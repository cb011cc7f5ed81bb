#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli cluster` beside scikit-learn on the same points (median of several runs).

usage: sklearn_bench_cluster.py ML_ROADMAP_CLI [--quick]

For blobs of 1,000, 10,000 and 100,000 points: k-means (k = 8, n_init = 10) against
KMeans(n_clusters=8, n_init=10), with our refinement (the default) and without it ("lloyd",
the same runs as scikit-learn's); DBSCAN (eps = 0.3, min_samples = 10) against DBSCAN; the
silhouette of the k-means labels against silhouette_score (up to 10,000 points; scikit-learn
needs n² memory in chunks beyond). Ours is the whole command, wall clock: process start, CSV
reading, the work and the JSON; scikit-learn's is the call alone, with the points already in
memory. "speed-up" is scikit-learn's time divided by ours; the inertia ratio is ours divided by
scikit-learn's. Exits 0 after printing (a benchmark, not a test); skips without scikit-learn.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cli = sys.argv[1]
    quick = "--quick" in sys.argv[2:]
    try:
        import numpy as np
        from sklearn.cluster import DBSCAN, KMeans
        from sklearn.datasets import make_blobs
        from sklearn.metrics import silhouette_score
    except ImportError:
        print("scikit-learn is not installed: skipped")
        return 0
    import sklearn
    print("scikit-learn %s, numpy %s; threads: OMP_NUM_THREADS=%s" %
          (sklearn.__version__, np.__version__, os.environ.get("OMP_NUM_THREADS", "default")))
    runs = 3 if quick else 5
    tmp = tempfile.mkdtemp(prefix="bench-cluster-")

    def ours(args):
        times, out = [], None
        for _ in range(runs):
            t = time.perf_counter()
            p = subprocess.run([cli, "cluster"] + args, capture_output=True, text=True, check=True)
            times.append(time.perf_counter() - t)
            out = json.loads(p.stdout)
        return statistics.median(times), out

    def theirs(func):
        times, out = [], None
        for _ in range(runs):
            t = time.perf_counter()
            out = func()
            times.append(time.perf_counter() - t)
        return statistics.median(times), out

    print("%-10s %8s %12s %14s %9s  %s" % ("task", "n", "ours (ms)", "sklearn (ms)", "speed-up",
                                          "agreement"))
    for n in (1000, 10000, 100000):
        X, _ = make_blobs(n_samples=n, centers=8, cluster_std=1.0, random_state=n)
        path = os.path.join(tmp, "blobs-%d.csv" % n)
        np.savetxt(path, X, delimiter=",", header="x,y", comments="", fmt="%.17g")

        t1, j = ours(["kmeans", "--data", path, "--set", "k=8", "--set", "silhouette=false"])
        t2, km = theirs(lambda: KMeans(n_clusters=8, n_init=10, random_state=0).fit(X))
        print("%-10s %8d %12.1f %14.1f %9.2f  inertia ratio %.6f" %
              ("kmeans", n, t1 * 1e3, t2 * 1e3, t2 / t1, j["inertia"] / km.inertia_))
        # the same Lloyd runs as scikit-learn's, without the refinement that follows them
        t1, j = ours(["kmeans", "--data", path, "--set", "k=8", "--set", "silhouette=false",
                      "--set", "refine=false"])
        print("%-10s %8d %12.1f %14.1f %9.2f  inertia ratio %.6f" %
              ("lloyd", n, t1 * 1e3, t2 * 1e3, t2 / t1, j["inertia"] / km.inertia_))

        t1, j = ours(["dbscan", "--data", path, "--set", "eps=0.3", "--set", "min_samples=10",
                      "--set", "silhouette=false"])
        t2, db = theirs(lambda: DBSCAN(eps=0.3, min_samples=10).fit(X))
        same = j["labels"] == [int(v) for v in db.labels_]
        print("%-10s %8d %12.1f %14.1f %9.2f  labels %s" %
              ("dbscan", n, t1 * 1e3, t2 * 1e3, t2 / t1, "identical" if same else "DIFFER"))

        if n <= 10000:
            t1, j = ours(["kmeans", "--data", path, "--set", "k=8"])
            t0, _ = ours(["kmeans", "--data", path, "--set", "k=8", "--set", "silhouette=false"])
            labels = np.array(j["labels"])
            t2, s = theirs(lambda: silhouette_score(X, labels))
            print("%-10s %8d %12.1f %14.1f %9.2f  |difference| %.1e" %
                  ("silhouette", n, max(t1 - t0, 1e-6) * 1e3, t2 * 1e3,
                   t2 / max(t1 - t0, 1e-6), abs(j["silhouette"] - s)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
