#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli fit text-nb` against scikit-learn's CountVectorizer + MultinomialNB on the
built-in reviews and on them 40 times over (26,480 sentences), words and bigrams: train on
the corpus, predict every sentence of it.

Two comparisons, medians of 7 runs:
  - end to end, CSV in and CSV out: the CLI (a new process each time) against Python's csv
    reader + CountVectorizer + MultinomialNB + predict_proba + writing the CSV in this process;
  - the arithmetic alone: vectorize, fit and predict_proba in memory (the C side's in-memory
    figure is printed by bench-text).
It also checks the two answers agree to 1e-9 (a benchmark of wrong numbers is no benchmark).

usage: sklearn_bench_text.py PATH/TO/ml-roadmap-cli PATH/TO/reviews.csv
"""
import csv
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB

CLI, REVIEWS = sys.argv[1], sys.argv[2]
tmp = tempfile.mkdtemp(prefix="mlr-bench-text-")


def median_ms(f, n=7):
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        f()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


with open(REVIEWS, newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
print("fit text-nb vs CountVectorizer + MultinomialNB(alpha=1), train and predict the corpus, "
      "median of 7 runs")
for times in (1, 40):
    path = os.path.join(tmp, "train-%d.csv" % times)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["text", "label"])
        for _ in range(times):
            w.writerows((r["text"], r["label"]) for r in rows)
    texts = [r["text"] for r in rows] * times
    labels = [int(r["label"]) for r in rows] * times
    for ngrams in (1, 2):
        out = os.path.join(tmp, "out.csv")
        args = [CLI, "fit", "text-nb", "--train", path, "--predict", path, "--set",
                "ngrams=%d" % ngrams, "-o", out]
        cli = median_ms(lambda: subprocess.run(args, check=True, stderr=subprocess.DEVNULL))
        got = np.loadtxt(out, delimiter=",", skiprows=1)[:, 1:]

        def model(xs, ys):
            v = CountVectorizer(ngram_range=(1, ngrams))
            m = MultinomialNB(alpha=1.0).fit(v.fit_transform(xs), ys)
            return m.predict_proba(v.transform(xs))

        def py_end_to_end():
            with open(path, newline="", encoding="utf-8") as f:
                rs = list(csv.DictReader(f))
            p = model([r["text"] for r in rs], [int(r["label"]) for r in rs])
            s = io.StringIO()
            cw = csv.writer(s, lineterminator="\n")
            cw.writerow(["label", "p0", "p1"])
            cw.writerows([int(np.argmax(q)), repr(q[0]), repr(q[1])] for q in p)
            with open(os.path.join(tmp, "py.csv"), "w") as f:
                f.write(s.getvalue())
        py = median_ms(py_end_to_end)
        core = median_ms(lambda: model(texts, labels))
        err = np.max(np.abs(got - model(texts, labels)))
        print("%5d sentences, ngrams %d  CSV to CSV: ml-roadmap-cli %7.1f ms, Python+sklearn "
              "%7.1f ms | in memory: sklearn %7.1f ms | max |difference| %.1e"
              % (len(texts), ngrams, cli, py, core, err))
        assert err <= 1e-9
