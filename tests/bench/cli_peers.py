#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Whole `ml-roadmap-cli` commands beside their Python peers doing the same work inside this
already-running interpreter (NumPy, SciPy and scikit-learn imported, nothing else paid), and
beside another build of the command, interleaved round by round so both builds and the peer
see the same load: the CPU time of each command (getrusage of the child) and of each peer
(time.process_time), and the wall clock of both.

usage: cli_peers.py ML_ROADMAP_CLI REVIEWS.csv [--before OLD_ML_ROADMAP_CLI] [--rounds N]

The inputs are made here: a seasonal series of 100,000 values written by numpy.savetxt with
%.17g (and %.18e), blobs of 1,000 and 10,000 points, 100,000 label,score rows, two columns of
100,000 values, a 512x512 matrix, 256x64 attention inputs, and REVIEWS.csv (the built-in
reviews). Prints medians (default 15 rounds). A benchmark, not a test: exits 0 after printing.
"""
import csv, io, os, resource, statistics, subprocess, sys, tempfile, time
import numpy as np
from scipy import stats, signal
from sklearn.cluster import KMeans, DBSCAN
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB
from sklearn import metrics
from sklearn.datasets import make_blobs
from statistics import NormalDist

if len(sys.argv) < 3:
    print(__doc__, file=sys.stderr)
    sys.exit(2)
NEW, REVIEWS = sys.argv[1], sys.argv[2]
OLD = sys.argv[sys.argv.index("--before") + 1] if "--before" in sys.argv[3:-1] else None
ROUNDS = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv[3:-1] else 15
D = tempfile.mkdtemp(prefix="mlr-cli-peers-")
Z80, Z95 = NormalDist().inv_cdf(0.90), NormalDist().inv_cdf(0.975)
M = 12


def make_inputs():
    rng = np.random.default_rng(16)
    n = 100000
    t = np.arange(n)
    y = 500 + 0.05 * t + 40 * np.sin(2 * np.pi * t / M) + rng.normal(0, 8, n)
    np.savetxt(D + "/series.csv", y, fmt="%.17g", header="sales", comments="")
    np.savetxt(D + "/series18e.csv", y, fmt="%.18e", header="sales", comments="")
    for n in (1000, 10000):
        X, _ = make_blobs(n_samples=n, centers=8, cluster_std=1.0, random_state=n)
        np.savetxt(D + "/blobs-%d.csv" % n, X, delimiter=",", header="x,y", comments="",
                   fmt="%.17g")
    rng = np.random.default_rng(3)
    n = 100000
    y = (rng.random(n) < 0.3).astype(int)
    s = np.clip(0.3 * y + 0.5 * rng.random(n), 0, 1)
    with open(D + "/scores.csv", "w") as f:
        f.write("label,score\n")
        f.writelines("%d,%.4f\n" % (a, b) for a, b in zip(y, s))
    np.savetxt(D + "/ref.csv", rng.normal(0, 1, n), fmt="%.17g", header="value", comments="")
    np.savetxt(D + "/cur.csv", rng.normal(0.1, 1.1, n), fmt="%.17g", header="value",
               comments="")
    np.savetxt(D + "/m512.csv", rng.random((512, 512)), delimiter=",", fmt="%.17g")
    for name in "qkv":
        np.savetxt(D + "/%s256.csv" % name, rng.normal(0, 1, (256, 64)), delimiter=",",
                   fmt="%.17g")
    with open(REVIEWS, "rb") as f, open(D + "/reviews.csv", "wb") as g:
        g.write(f.read())


make_inputs()


def fc(y, method, h):
    """The baselines of numpy_bench_forecast.py: forecast, 80% and 95% intervals."""
    T, H = len(y), np.arange(1, h + 1)
    k = (H - 1) // M
    if method == "naive":
        s2 = (np.diff(y) ** 2).sum() / (T - 1)
        mean, var = np.full(h, y[-1]), s2 * H
    elif method == "snaive":
        s2 = ((y[M:] - y[:-M]) ** 2).sum() / (T - M)
        mean, var = y[T - M + (H - 1) % M], s2 * (k + 1)
    else:
        b = (y[-1] - y[0]) / (T - 1)
        s2 = ((np.diff(y) - b) ** 2).sum() / (T - 2)
        mean, var = y[-1] + H * b, s2 * H * (1 + H / (T - 1))
    sd = np.sqrt(var)
    return np.column_stack([H, mean, mean - Z80 * sd, mean + Z80 * sd, mean - Z95 * sd,
                            mean + Z95 * sd])


def py_forecast(method):
    v = np.loadtxt(D + "/series.csv", skiprows=1)
    np.savetxt(io.StringIO(), fc(v, method, 1000), delimiter=",", fmt="%.17g",
               header="step,forecast,lo80,hi80,lo95,hi95", comments="")


def py_test(method, test=10000):
    y = np.loadtxt(D + "/series.csv", skiprows=1)
    train = y[:-test]
    e = y[-test:] - fc(train, method, test)[:, 1]
    mae = np.abs(e).mean()
    return {"mae": mae, "rmse": float(np.sqrt((e ** 2).mean())),
            "mase": mae / np.abs(train[M:] - train[:-M]).mean()}


X = {n: np.loadtxt(D + "/blobs-%d.csv" % n, delimiter=",", skiprows=1) for n in (1000, 10000)}


def py_text():
    """sklearn_bench_text.py's end to end, words only"""
    with open(D + "/reviews.csv", newline="", encoding="utf-8") as f:
        rs = list(csv.DictReader(f))
    v = CountVectorizer(ngram_range=(1, 1))
    xs = [r["text"] for r in rs]
    m = MultinomialNB(alpha=1.0).fit(v.fit_transform(xs), [int(r["label"]) for r in rs])
    p = m.predict_proba(v.transform(xs))
    s = io.StringIO()
    cw = csv.writer(s, lineterminator="\n")
    cw.writerow(["label", "p0", "p1"])
    cw.writerows([int(np.argmax(q)), repr(q[0]), repr(q[1])] for q in p)


def py_evaluate():
    a = np.loadtxt(D + "/scores.csv", delimiter=",", skiprows=1)
    y, s = a[:, 0], a[:, 1]
    metrics.roc_auc_score(y, s)
    metrics.average_precision_score(y, s)
    metrics.brier_score_loss(y, s)
    metrics.log_loss(y, s)
    metrics.confusion_matrix(y, s >= 0.5)


def psi(ref, cur, bins=10):
    edges = np.quantile(ref, np.arange(1, bins) / bins)

    def shares(x):
        c = np.bincount(np.searchsorted(edges, x, side="right"), minlength=bins) / len(x)
        return np.maximum(c, 1e-4)
    r, c = shares(ref), shares(cur)
    return float(np.sum((c - r) * np.log(c / r)))


def py_drift():
    a, b = np.loadtxt(D + "/ref.csv", skiprows=1), np.loadtxt(D + "/cur.csv", skiprows=1)
    psi(a, b)
    stats.ks_2samp(a, b, method="asymp")
    stats.wasserstein_distance(a, b)


SOBEL_X = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], float)


def py_conv():
    m = np.loadtxt(D + "/m512.csv", delimiter=",")
    np.savetxt(io.StringIO(), signal.correlate2d(m, SOBEL_X, mode="same"), delimiter=",",
               fmt="%.17g")


BLOBS = "cluster %s --data " + D + "/blobs-%d.csv --set silhouette=false "
cases = [
    ("forecast naive h1000", "forecast --series %s/series.csv --method naive --horizon 1000" % D,
     lambda: py_forecast("naive")),
    ("forecast drift h1000", "forecast --series %s/series.csv --method drift --horizon 1000" % D,
     lambda: py_forecast("drift")),
    ("forecast naive %.18e",
     "forecast --series %s/series18e.csv --method naive --horizon 1000" % D, None),
    ("forecast snaive --test",
     "forecast --series %s/series.csv --method snaive --season 12 --test 10000" % D,
     lambda: py_test("snaive")),
    ("forecast naive --test", "forecast --series %s/series.csv --method naive --test 10000" % D,
     lambda: py_test("naive")),
    ("kmeans 10k k=8", BLOBS % ("kmeans", 10000) + "--set k=8",
     lambda: KMeans(n_clusters=8, n_init=10, random_state=0).fit(X[10000])),
    ("dbscan 1k", BLOBS % ("dbscan", 1000) + "--set eps=0.3 --set min_samples=10",
     lambda: DBSCAN(eps=0.3, min_samples=10).fit(X[1000])),
    ("dbscan 10k", BLOBS % ("dbscan", 10000) + "--set eps=0.3 --set min_samples=10",
     lambda: DBSCAN(eps=0.3, min_samples=10).fit(X[10000])),
    ("text 662 words",
     "fit text-nb --train %s/reviews.csv --predict %s/reviews.csv --set ngrams=1" % (D, D),
     py_text),
    ("evaluate 100k", "evaluate --scores %s/scores.csv" % D, py_evaluate),
    ("drift 2x100k", "drift --reference %s/ref.csv --current %s/cur.csv" % (D, D), py_drift),
    ("attention 256x64", "attention --q %s/q256.csv --k %s/k256.csv --v %s/v256.csv" % (D, D, D),
     None),
    ("convolve 512 csv", "convolve --input %s/m512.csv --kernel sobel-x --padding 1" % D,
     py_conv),
]


def run_cli(exe, args):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([exe] + args.split(), check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    t1 = time.perf_counter()
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (t1 - t0) * 1e3, (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1e3


def run_py(f):
    c0, t0 = time.process_time(), time.perf_counter()
    f()
    return (time.perf_counter() - t0) * 1e3, (time.process_time() - c0) * 1e3


res = {}
load0 = os.getloadavg()
for _ in range(ROUNDS):
    for name, args, peer in cases:
        runs = (("before", (lambda: run_cli(OLD, args)) if OLD else None),
                ("after", lambda: run_cli(NEW, args)),
                ("peer", (lambda: run_py(peer)) if peer else None))
        for label, fn in runs:
            if fn is not None:
                res.setdefault((name, label), []).append(fn())
print("load average at start %.1f %.1f %.1f, at end %.1f %.1f %.1f; %d rounds, medians, "
      "wall / CPU ms" % (load0 + os.getloadavg() + (ROUNDS,)))
print("%-24s | %-17s | %-17s | %-17s" % ("case", "--before", "ml-roadmap-cli", "peer in process"))
for name, args, peer in cases:
    cols = []
    for label in ("before", "after", "peer"):
        v = res.get((name, label))
        cols.append("%7.1f / %6.1f" % (statistics.median(x[0] for x in v),
                                       statistics.median(x[1] for x in v)) if v else "-")
    print("%-24s | %-17s | %-17s | %-17s" % (name, cols[0], cols[1], cols[2]))
