#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""k-means inertia of two builds of bench-kmeans-fit beside KMeans(n_init=10), on 30 inputs.

usage: kmeans_quality.py NEW/bench-kmeans-fit 30 OLD/bench-kmeans-fit

Blobs, moons and uniform points, 2,000 to 20,000 of them, k = 3 to 10; prints each input's
inertia ratio to scikit-learn's (same seed as `cli-cluster` uses: k) for the new build refined,
the old build refined and the new build's Lloyd runs alone (refine=false), and the worst of each.
"""
import tempfile
import os, subprocess, sys, numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs, make_moons
B, OLD = sys.argv[1], sys.argv[3]
TMP = tempfile.mkdtemp(prefix="kmeans-quality-")
rng = np.random.RandomState(7)
cases = []
for i in range(int(sys.argv[2]) if len(sys.argv) > 2 else 24):
    n = int(rng.choice([2000, 3000, 5000, 10000, 20000]))
    kind = i % 3
    if kind == 0:
        X, _ = make_blobs(n, centers=int(rng.randint(2, 12)), cluster_std=float(rng.uniform(0.3, 2.5)), random_state=i)
    elif kind == 1:
        X = make_moons(n, noise=0.1, random_state=i)[0]
    else:
        X = rng.uniform(-3, 3, size=(n, 2))
    k = int(rng.randint(3, 11))
    cases.append((i, n, k, X))
worst = {}
for i, n, k, X in cases:
    p = os.path.join(TMP, "%d.csv" % i)
    np.savetxt(p, X, delimiter=",", header="x,y", comments="", fmt="%.17g")
    def ours(env, refine=1, exe=None):
        e = dict(os.environ); e.update(env)
        return float(subprocess.run([exe or B, p, str(k), "1", str(refine), str(k)], env=e, capture_output=True, text=True, check=True).stdout.split()[2])
    new = ours({}); old = ours({}, 1, OLD); ll = ours({}, 0)
    sk = KMeans(n_clusters=k, n_init=10, random_state=k).fit(X).inertia_
    r = (new / sk, old / sk, ll / sk)
    for j, v in enumerate(r): worst[j] = max(worst.get(j, 0), v)
    print("%2d n=%5d k=%2d new %.6f old %.6f lloyd %.6f%s" % (i, n, k, *r, "  <-- new worse than old" if new > old * (1 + 1e-9) else ""))
print("worst new %.6f old %.6f lloyd %.6f" % (worst[0], worst[1], worst[2]))
