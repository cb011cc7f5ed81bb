#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli cluster` against scikit-learn (TAP): k-means inertia no worse than
KMeans(n_init=10)'s by more than 1%, the silhouette equal to silhouette_score of the same
labels (1e-9), DBSCAN's labels equal to DBSCAN's (the same numbers, so the same up to
renaming), on many datasets and the edges; hostile parameters and data refused with the range
named, never NaN.

usage: test-cli-cluster.py PATH/TO/ml-roadmap-cli
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.cluster import DBSCAN, KMeans
from sklearn.datasets import make_blobs, make_moons
from sklearn.metrics import silhouette_score

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
TMP = tempfile.mkdtemp(prefix="test-cli-cluster-")


def write(name, X, header="x,y", extra=None):
    path = os.path.join(TMP, name + ".csv")
    with open(path, "w") as f:
        f.write(header + "\n")
        for i, (a, b) in enumerate(X):
            f.write("%r,%r%s\n" % (float(a), float(b), "" if extra is None else ",%d" % extra[i]))
    return path


def cluster(algorithm, path, **params):
    args = [CLI, "cluster", algorithm, "--data", path]
    for k, v in params.items():
        args += ["--set", "%s=%s" % (k, v)]
    p = subprocess.run(args, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def parse(out):
    try:
        return json.loads(out, parse_constant=lambda c: float("nan"))
    except ValueError:
        return None


def sil(X, labels):
    if len(set(labels)) < 2 or len(set(labels)) > len(X) - 1:
        return None
    return float(silhouette_score(X, labels))


def close(a, b, tol=1e-9):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol * max(1.0, abs(b))


rng = np.random.RandomState(15)
datasets = []
for i in range(12):
    X, _ = make_blobs(n_samples=int(rng.randint(30, 600)), centers=int(rng.randint(2, 9)),
                      cluster_std=float(rng.uniform(0.3, 2.5)), random_state=i)
    datasets.append(("blobs%d" % i, X))
for i in range(4):
    datasets.append(("moons%d" % i, make_moons(300, noise=0.05 + 0.05 * i, random_state=i)[0]))
for i in range(4):
    datasets.append(("uniform%d" % i, rng.uniform(-3, 3, size=(int(rng.randint(20, 400)), 2))))
X, _ = make_blobs(400, centers=3, random_state=3)
datasets.append(("anisotropic", X @ np.array([[0.6, -0.6], [-0.4, 0.8]])))
datasets.append(("grid", np.array([[i % 7, i // 7] for i in range(49)], dtype=float)))
datasets.append(("duplicates", np.repeat(rng.normal(size=(12, 2)), 5, axis=0)))
datasets.append(("scaled", rng.normal(size=(200, 2)) * 1e6 + 3e7))
datasets.append(("tiny-scale", rng.normal(size=(200, 2)) * 1e-6))
datasets.append(("constant-x", np.column_stack([np.zeros(120), rng.normal(size=120)])))
paths = {name: write(name, X) for name, X in datasets}
data = dict(datasets)

# k-means: inertia against KMeans(n_init=10) over k = 1, 2, 3, 4, 6, 8; silhouette of our own labels
bad_inertia, bad_sil, bad_other = [], [], []
ratios = []
runs = 0
for name, X in datasets:
    distinct = len(np.unique(X, axis=0))
    for k in (1, 2, 3, 4, 6, 8):
        if k > distinct:
            continue
        rc, out, err = cluster("kmeans", paths[name], k=k, seed=k)
        j = parse(out)
        runs += 1
        if rc != 0 or j is None:
            bad_other.append("%s k=%d: rc %d %s" % (name, k, rc, err))
            continue
        sk = KMeans(n_clusters=k, n_init=10, random_state=k).fit(X)
        ratios.append(j["inertia"] / sk.inertia_ if sk.inertia_ > 0 else 1.0)
        if not j["inertia"] <= sk.inertia_ * 1.01 + 1e-300:
            bad_inertia.append("%s k=%d: %r vs scikit-learn %r" % (name, k, j["inertia"],
                                                                  sk.inertia_))
        labels = np.array(j["labels"])
        cents = np.array(j["centroids"])
        own = float(((X - cents[labels]) ** 2).sum())
        if (len(labels) != len(X) or not close(j["inertia"], own, 1e-9)
                or j["clusters"] != len(set(labels)) or j["clusters"] != k
                or not 1 <= j["iterations"] <= 300):
            bad_other.append("%s k=%d: inertia %r vs recomputed %r, clusters %r"
                             % (name, k, j["inertia"], own, j["clusters"]))
        if not close(j["silhouette"], sil(X, labels)):
            bad_sil.append("%s k=%d: %r vs %r" % (name, k, j["silhouette"], sil(X, labels)))
check(not bad_inertia, "k-means inertia within 1%% of KMeans(n_init=10) in %d runs (worst "
      "ratio %.6f)" % (runs, max(ratios)), "\n".join(bad_inertia[:8]))
check(not bad_sil, "k-means silhouette equals silhouette_score of its labels", "\n".join(bad_sil[:5]))
check(not bad_other, "k-means output consistent (labels, centroids, inertia, clusters)",
      "\n".join(bad_other[:5]))

# refine=false is scikit-learn's Lloyd: still within 1% on well-separated blobs
X = data["blobs0"]
rc, out, err = cluster("kmeans", paths["blobs0"], k=3, refine="false")
sk = KMeans(n_clusters=3, n_init=10, random_state=0).fit(X)
j = parse(out)
check(rc == 0 and j["inertia"] <= sk.inertia_ * 1.01, "refine=false runs Lloyd's k-means",
      out[-200:] + err)

# k-means seeded: the same seed, the same answer; init=random works
a = cluster("kmeans", paths["blobs1"], k=4, seed=5)[1]
b = cluster("kmeans", paths["blobs1"], k=4, seed=5)[1]
check(a == b and parse(a) is not None, "the same seed gives the same output")

# at 10,000 points the restarts and swaps run on threads (when there are processors for them)
# and the swaps take the large-data path: the same output on one processor as on all, run
# after run, and within 1% of scikit-learn
X, _ = make_blobs(10000, centers=8, random_state=10)
path = write("blobs-10k", X)
a = cluster("kmeans", path, k=8, seed=3)[1]
b = cluster("kmeans", path, k=8, seed=3)[1]
one = a
if os.path.exists("/usr/bin/taskset") and len(os.sched_getaffinity(0)) > 1:
    cpu = str(min(os.sched_getaffinity(0)))
    p = subprocess.run(["/usr/bin/taskset", "-c", cpu, CLI, "cluster", "kmeans", "--data", path,
                        "--set", "k=8", "--set", "seed=3"], capture_output=True, text=True,
                       timeout=120)
    one = p.stdout
sk = KMeans(n_clusters=8, n_init=10, random_state=3).fit(X)
check(a == b == one and parse(a) is not None
      and parse(a)["inertia"] <= sk.inertia_ * 1.01,
      "10,000 points: the same output run after run and on one processor, within 1%",
      a[-200:] + " vs " + one[-200:])
rc, out, err = cluster("kmeans", paths["blobs1"], k=4, init="random")
sk = KMeans(n_clusters=4, n_init=10, init="random", random_state=0).fit(data["blobs1"])
check(rc == 0 and parse(out)["inertia"] <= sk.inertia_ * 1.01, "init=random within 1%", err)

# DBSCAN: labels equal to scikit-learn's over many eps and min_samples
bad = []
cases = 0
for name, X in datasets:
    span = float(np.ptp(X, axis=0).max()) or 1.0
    for eps_share in (0.02, 0.06, 0.15, 0.5):
        for ms in (1, 3, 8):
            eps = span * eps_share
            rc, out, err = cluster("dbscan", paths[name], eps=repr(eps), min_samples=ms)
            j = parse(out)
            cases += 1
            sk = DBSCAN(eps=eps, min_samples=ms).fit(X)
            want = [int(v) for v in sk.labels_]
            if rc != 0 or j is None:
                bad.append("%s eps=%r ms=%d: rc %d %s" % (name, eps, ms, rc, err))
                continue
            labels = j["labels"]
            core = len(sk.core_sample_indices_)
            noise = want.count(-1)
            if (labels != want or j["clusters"] != len(set(want) - {-1})
                    or j["noise_points"] != noise or j["core_points"] != core
                    or j["inertia"] is not None or not close(j["silhouette"], sil(X, want))):
                bad.append("%s eps=%r ms=%d: clusters %r/%r noise %r/%r sil %r/%r"
                           % (name, eps, ms, j["clusters"], len(set(want) - {-1}),
                              j["noise_points"], noise, j["silhouette"], sil(X, want)))
check(not bad, "DBSCAN labels, core points, noise and silhouette equal scikit-learn's in %d "
      "cases" % cases, "\n".join(bad[:8]))

# points exactly eps apart are neighbours (distance <= eps), as in scikit-learn
line = np.array([[float(i), 0.0] for i in range(10)])
p = write("line", line)
rc, out, err = cluster("dbscan", p, eps=1, min_samples=3)
check(rc == 0 and parse(out)["labels"] == [0] * 10, "points exactly eps apart are neighbours",
      out + err)

# a label column is ignored; x1,x2 work as well as x,y
X = data["blobs2"]
p1 = write("labelled", X, "x,y,label", extra=[i % 3 for i in range(len(X))])
p2 = write("x1x2", X, "x1,x2")
outs = [cluster("kmeans", p, k=3)[1] for p in (paths["blobs2"], p1, p2)]
check(outs[0] == outs[1] == outs[2] and parse(outs[0]) is not None,
      "a label column is ignored, and x1,x2 name the columns as x,y do")

# edges
rc, out, err = cluster("kmeans", paths["blobs3"], k=1)
j = parse(out)
check(rc == 0 and j["silhouette"] is None and j["clusters"] == 1
      and close(j["inertia"], float(((data["blobs3"] - data["blobs3"].mean(0)) ** 2).sum())),
      "k=1: the inertia is the total sum of squares, no silhouette", out[-200:] + err)
small = data["uniform0"][:7]
ps = write("seven", small)
rc, out, err = cluster("kmeans", ps, k=7)
j = parse(out)
check(rc == 0 and j["inertia"] == 0 and j["silhouette"] is None and j["clusters"] == 7,
      "k=n: every point its own cluster, inertia 0, silhouette undefined (null)", out + err)
rc, out, err = cluster("kmeans", ps, k=8)
check(rc == 2 and "k=8" in err and "allowed: 1 to 7" in err and out == "",
      "k > n is refused naming the valid range", err)
rc, out, err = cluster("kmeans", paths["duplicates"], k=13)
check(rc == 1 and "at least 13 different points" in err and "12" in err and out == "",
      "k above the distinct points is a clear error", err)
same = write("same", np.ones((50, 2)))
rc, out, err = cluster("kmeans", same, k=1)
j = parse(out)
check(rc == 0 and j["inertia"] == 0 and j["silhouette"] is None, "identical points, k=1",
      out[-200:] + err)
rc, out, err = cluster("dbscan", same, eps="0.1")
j = parse(out)
check(rc == 0 and j["labels"] == [0] * 50 and j["silhouette"] is None,
      "identical points: one DBSCAN cluster", out[-200:] + err)
rc, out, err = cluster("dbscan", paths["uniform1"], eps="1e-9", min_samples=2)
j = parse(out)
check(rc == 0 and j["clusters"] == 0 and j["noise_points"] == len(data["uniform1"])
      and j["silhouette"] is None, "all noise: no clusters, silhouette null", out[-200:] + err)

# hostile parameters: exit 2 naming the valid range, nothing on stdout
for algo, key, value, want in [
        ("dbscan", "eps", "0", "allowed"), ("dbscan", "eps", "-1", "allowed"),
        ("dbscan", "eps", "nan", "not a finite number"), ("dbscan", "min_samples", "0", "allowed"),
        ("kmeans", "k", "0", "allowed"), ("kmeans", "k", "65", "allowed"),
        ("kmeans", "n_init", "0", "allowed"), ("kmeans", "tol", "inf", "finite"),
        ("kmeans", "eps", "1", "not a parameter of kmeans"),
        ("dbscan", "k", "3", "not a parameter of dbscan")]:
    rc, out, err = cluster(algo, paths["blobs0"], **{key: value})
    check(rc == 2 and key in err and want in err and out == "",
          "%s %s=%s is refused" % (algo, key, value), err)
rc, out, err = cluster("spectral", paths["blobs0"])
check(rc == 2 and "kmeans, dbscan" in err, "an unknown algorithm names the valid ones", err)

# the demo's metrics: its points are `dataset`'s; DBSCAN's counts and the silhouette are
# scikit-learn's for them, and its converged k-means on the default blobs is KMeans's optimum
def demo_points(kind, n, noise, seed, classes=None):
    args = [CLI, "dataset", kind, "--n", str(n), "--noise", repr(noise), "--seed", str(seed)]
    if classes:
        args += ["--classes", str(classes)]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return np.loadtxt(out.splitlines()[1:], delimiter=",")[:, :2]


def demo_metrics(**params):
    args = [CLI, "metrics", "clustering"]
    for k, v in params.items():
        args += ["--set", "%s=%s" % (k, v)]
    p = subprocess.run(args, capture_output=True, text=True)
    return p.returncode, parse(p.stdout), p.stderr


bad = []
for dataset, kind, noise, scale in [("moons", "moons", 0.6, 6), ("circles", "circles", 0.6, 6),
                                    ("blobs", "gaussian", 0.6, 1), ("blobs", "gaussian", 1.2, 1)]:
    for eps, ms in [(0.08, 3), (0.12, 5), (0.3, 10), (0.5, 5)]:
        rc, j, err = demo_metrics(algorithm="dbscan", dataset=dataset, noise=noise, eps=eps,
                                  min_samples=ms)
        X = demo_points(kind, 300, noise / scale, 1, 4 if kind == "gaussian" else None)
        sk = DBSCAN(eps=eps, min_samples=ms).fit(X).labels_
        s = sil(X, sk)
        if (rc != 0 or j["clusters"] != len(set(sk) - {-1}) or j["noise_points"] != list(sk).count(-1)
                or not close(j["silhouette"], 0.0 if s is None else s)):
            bad.append("%s eps=%r: %r vs clusters %d noise %d sil %r" % (
                dataset, eps, j, len(set(sk) - {-1}), list(sk).count(-1), s))
check(not bad, "demo metrics: DBSCAN clusters, noise points, silhouette as scikit-learn's",
      "\n".join(bad[:5]))
rc, j, err = demo_metrics()
X = demo_points("gaussian", 300, 0.6, 1, 4)
sk = KMeans(n_clusters=4, n_init=10, random_state=0).fit(X)
check(rc == 0 and close(j["inertia"], sk.inertia_) and close(j["silhouette"], sil(X, sk.labels_))
      and j["clusters"] == 4 and j["noise_points"] == 0 and j["iterations"] >= 2,
      "demo metrics: converged k-means on the default blobs is KMeans's optimum", repr(j) + err)

# 100,000 points: answers in seconds, no NaN
big = np.vstack([make_blobs(100000, centers=6, random_state=9)[0]])
pb = write("big", big)
t = time.time()
rc, out, err = cluster("kmeans", pb, k=6, silhouette="false")
tk = time.time() - t
j = parse(out)
sk = KMeans(n_clusters=6, n_init=10, random_state=0).fit(big)
check(rc == 0 and len(j["labels"]) == 100000 and j["inertia"] <= sk.inertia_ * 1.01
      and "nan" not in out.lower() and tk < 30,
      "100,000 points, k-means: %.1f s, within 1%% of scikit-learn" % tk, err)
t = time.time()
rc, out, err = cluster("dbscan", pb, eps="0.3", min_samples=10, silhouette="false")
td = time.time() - t
j = parse(out)
want = [int(v) for v in DBSCAN(eps=0.3, min_samples=10).fit(big).labels_]
check(rc == 0 and j["labels"] == want and td < 30,
      "100,000 points, DBSCAN: %.1f s, scikit-learn's labels" % td, err)

finish()
