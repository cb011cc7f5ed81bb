#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""mlr_kmeans_fit() alone beside scikit-learn's KMeans(n_init=10).fit() alone, on the same points.

usage: sklearn_bench_kmeans_fit.py BENCH_KMEANS_FIT [--quick] [--before OLD_BENCH_KMEANS_FIT]

For blobs with 8 centres at 1,000, 10,000 and 100,000 points and k = 3, 5, 8, 10: the median
over 5 fits (3 with --quick) of the wall clock and of the CPU time of all threads, ours
(bench-kmeans-fit: points in memory, refined, the default, and refine=false) and scikit-learn's
(points in memory, its default threads and then one thread through threadpoolctl). The inertia
ratio is ours divided by scikit-learn's default run's. Exits 0 after printing (a benchmark, not
a test); skips without scikit-learn. --before adds the refined fit of another build of
bench-kmeans-fit (an earlier commit), timed in the same run.
"""
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
    bench = sys.argv[1]
    quick = "--quick" in sys.argv[2:]
    before = None
    if "--before" in sys.argv[2:-1]:
        before = sys.argv[sys.argv.index("--before") + 1]
    try:
        import numpy as np
        from sklearn.cluster import KMeans
        from sklearn.datasets import make_blobs
        from threadpoolctl import threadpool_info, threadpool_limits
    except ImportError:
        print("scikit-learn is not installed: skipped")
        return 0
    import sklearn
    omp = [p for p in threadpool_info() if p.get("user_api") == "openmp"]
    print("scikit-learn %s, numpy %s; scikit-learn's OpenMP threads: %s; ours: %d processors"
          % (sklearn.__version__, np.__version__,
             omp[0]["num_threads"] if omp else "?", os.cpu_count()))
    print("load average at start: %.1f %.1f %.1f" % os.getloadavg())
    runs = 3 if quick else 5
    tmp = tempfile.mkdtemp(prefix="bench-kmeans-fit-")

    def ours(path, k, refine, exe=None):
        out = subprocess.run([exe or bench, path, str(k), str(runs), "1" if refine else "0"],
                             capture_output=True, text=True, check=True).stdout.split()
        return float(out[0]), float(out[1]), float(out[2])

    def theirs(X, k, threads):
        wall, cpu, km = [], [], None
        with threadpool_limits(limits=threads):
            for _ in range(runs):
                t, c = time.perf_counter(), time.process_time()
                km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
                cpu.append(time.process_time() - c)
                wall.append(time.perf_counter() - t)
        return statistics.median(wall) * 1e3, statistics.median(cpu) * 1e3, km.inertia_

    print("%7s %3s | %-17s %-17s | %-17s %-17s | %s" %
          ("n", "k", "ours wall/cpu ms", "lloyd wall/cpu", "sklearn wall/cpu", "sklearn 1 thread",
           "inertia ratio (refined, lloyd)"))
    for n in (1000, 10000, 100000):
        X, _ = make_blobs(n_samples=n, centers=8, cluster_std=1.0, random_state=n)
        path = os.path.join(tmp, "blobs-%d.csv" % n)
        np.savetxt(path, X, delimiter=",", header="x,y", comments="", fmt="%.17g")
        for k in (3, 5, 8, 10):
            w1, c1, i1 = ours(path, k, True)
            w2, c2, i2 = ours(path, k, False)
            w3, c3, i3 = theirs(X, k, None)
            w4, c4, _ = theirs(X, k, 1)
            if before:
                w0, c0, i0 = ours(path, k, True, before)
                print("%7d %3d | before %7.1f / %7.1f   inertia ratio %.6f" %
                      (n, k, w0, c0, i0 / i3))
            print("%7d %3d | %7.1f / %7.1f   %7.1f / %7.1f   | %7.1f / %7.1f   %7.1f / %7.1f   | "
                  "%.6f %.6f" % (n, k, w1, c1, w2, c2, w3, c3, w4, c4, i1 / i3, i2 / i3))
            sys.stdout.flush()
    print("load average at end: %.1f %.1f %.1f" % os.getloadavg())
    return 0


if __name__ == "__main__":
    sys.exit(main())
