#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli fit text-nb` against scikit-learn: CountVectorizer(ngram_range=(1, n))
(lowercase, the default token_pattern) + MultinomialNB(alpha, force_alpha=True), every
probability to 1e-9, on many random corpora (2 to 4 classes, mixed case, punctuation, digits,
underscores, commas, quotes and line breaks inside quoted fields, words unseen in training,
empty texts) and on the built-in reviews. Then the text demo's metrics (`ml-roadmap-cli
metrics text`) against the same models on the same split (the demo's shuffle, xoshiro256**
seeded by splitmix64, replayed here), and hostile inputs: each a clear error naming
FILE:LINE with the exit code of the house, never NaN (TAP).

usage: test-cli-text.py PATH/TO/ml-roadmap-cli [PATH/TO/reviews.csv]
"""
import csv
import io
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import warnings

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
REVIEWS = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(__file__), "..", "..", "content", "datasets", "reviews.csv")
TMP = tempfile.mkdtemp(prefix="mlr-text-")
warnings.simplefilter("ignore")


def run(*args):
    p = subprocess.run([CLI, "fit", "text-nb", *args], capture_output=True)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def write(name, rows, header=("text", "label")):
    path = os.path.join(TMP, name)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        if header:
            w.writerow(header)
        w.writerows(rows)
    return path


def reference(texts, labels, queries, alpha, ngrams):
    v = CountVectorizer(ngram_range=(1, ngrams))
    m = MultinomialNB(alpha=alpha, force_alpha=True).fit(v.fit_transform(texts), labels)
    return m.predict_proba(v.transform(queries)), len(v.vocabulary_)


def parse(out):
    rows = list(csv.reader(io.StringIO(out)))
    return rows[0], [[float(x) for x in r] for r in rows[1:]]


def compare(name, texts, labels, queries, alpha, ngrams):
    train = write("train.csv", list(zip(texts, labels)))
    pred = write("pred.csv", [(q,) for q in queries], header=("text",))
    args = ["--train", train, "--predict", pred, "--set", "alpha=%r" % alpha]
    if ngrams == 2:
        args += ["--set", "ngrams=2"]
    rc, out, err = run(*args)
    if rc != 0:
        check(False, name, err)
        return
    header, rows = parse(out)
    want, _ = reference(texts, labels, queries, alpha, ngrams)
    got = np.array([r[1:] for r in rows])
    K = want.shape[1]
    ok = header == ["label"] + ["p%d" % c for c in range(K)] and got.shape == want.shape
    worst = float(np.max(np.abs(got - want))) if ok else math.inf
    # the label is the most probable class (where two are not within rounding of a tie)
    for r, w in zip(rows, want):
        top = sorted(w)[-2:]
        if top[1] - top[0] > 1e-9 and int(r[0]) != int(np.argmax(w)):
            ok = False
    check(ok and worst < 1e-9, name, "largest difference %g\n%s" % (worst, err))


# ---- random corpora
rng = random.Random(16)
WORDS = ["good", "bad", "not", "great", "awful", "film", "food", "x", "a", "I", "app", "hotel",
         "room", "2nd", "10", "co_op", "e-mail", "don't", "it's", "wasn't", "OK", "Nice",
         "TERRIBLE", "Love", "hate", "never", "no", "very", "quite", "so", "fun", "dull"]
SEPS = [" ", " ", " ", ", ", ". ", "! ", " - ", "\t", " (", ") ", '"', '" ', "\n", "; ", "?"]


def sentence(words, n):
    return "".join(rng.choice(words) + rng.choice(SEPS) for _ in range(n)).strip()


for trial in range(60):
    K = rng.choice([2, 2, 2, 3, 4])
    n = rng.randint(K * 2, 80)
    vocab = rng.sample(WORDS, rng.randint(6, len(WORDS)))
    labels = [c for c in range(K)] + [rng.randrange(K) for _ in range(n - K)]
    rng.shuffle(labels)
    texts = [sentence(vocab, rng.randint(0, 12)) for _ in range(n)]
    texts[0] = texts[0] + " good"  # at least one token in training
    queries = [sentence(WORDS + ["unseen", "Zebra", "qq9"], rng.randint(0, 15))
               for _ in range(20)] + ["", "zz unseen only", "good"]
    alpha = 10 ** rng.uniform(-3, 1.5)
    ngrams = rng.choice([1, 2])
    compare("random corpus %d: K=%d, %d texts, alpha=%.3g, ngrams=%d" % (trial, K, n, alpha,
                                                                         ngrams),
            texts, labels, queries, alpha, ngrams)

# ---- the built-in reviews
with open(REVIEWS, newline="", encoding="utf-8") as f:
    corpus = list(csv.DictReader(f))
texts = [r["text"] for r in corpus]
labels = [int(r["label"]) for r in corpus]
check(len(texts) >= 400 and 0.4 < sum(labels) / len(labels) < 0.6,
      "the built-in corpus has %d sentences, %d positive" % (len(texts), sum(labels)))
queries = ["The service was not good", "The food was good", "not bad at all",
           "Not good, not bad: just fine.", "I'd never stay here again!!", "", "qwerty"] + \
          texts[:60]
for alpha in (1e-6, 0.05, 1.0, 30.0, 1000.0):
    for ngrams in (1, 2):
        compare("the reviews, alpha=%g, ngrams=%d" % (alpha, ngrams), texts, labels, queries,
                alpha, ngrams)

# ---- what the demo shows: the same split, the same models


def splitmix(state):
    state = (state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return state, z ^ (z >> 31)


class Xoshiro:
    def __init__(self, seed):
        sm, self.s = seed, []
        for _ in range(4):
            sm, v = splitmix(sm)
            self.s.append(v)

    def next(self):
        s, M = self.s, 0xFFFFFFFFFFFFFFFF
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & M
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def below(self, n):
        limit = 0xFFFFFFFFFFFFFFFF - (0xFFFFFFFFFFFFFFFF % n)
        while True:
            x = self.next()
            if x < limit:
                return x % n


def split(n, seed):
    order = list(range(n))
    r = Xoshiro(seed)
    for i in range(n, 1, -1):
        j = r.below(i)
        order[i - 1], order[j] = order[j], order[i - 1]
    n_test = int(math.floor(n * 0.25 + 0.5))
    return order[n_test:], order[:n_test]


def metrics(*sets):
    args = [CLI, "metrics", "text"]
    for s in sets:
        args += ["--set", s]
    p = subprocess.run(args, capture_output=True, text=True)
    try:
        return json.loads(p.stdout), p.stderr
    except ValueError:
        return None, p.stdout + p.stderr


for seed, alpha, ngrams, sentence_ in [(1, 1.0, 1, "The service was not good"),
                                       (1, 1.0, 2, "The service was not good"),
                                       (7, 0.1, 1, "Great food, but the room was dirty."),
                                       (42, 3.0, 2, "I loved it, not bad at all"),
                                       (0, 1e-6, 1, ""),
                                       (999999, 1000, 2, "zzz unseen")]:
    train, test = split(len(texts), seed)
    v = CountVectorizer(ngram_range=(1, ngrams))
    Xtr = v.fit_transform([texts[i] for i in train])
    ytr = [labels[i] for i in train]
    m = MultinomialNB(alpha=alpha, force_alpha=True).fit(Xtr, ytr)
    want = {
        "train_accuracy": m.score(Xtr, ytr),
        "test_accuracy": m.score(v.transform([texts[i] for i in test]), [labels[i] for i in test]),
        "vocabulary": len(v.vocabulary_),
        "p_positive": m.predict_proba(v.transform([sentence_]))[0][1],
    }
    got, err = metrics("seed=%d" % seed, "alpha=%r" % alpha, "ngrams=%d" % ngrams,
                       "text=" + sentence_)
    ok = got is not None and all(abs(got.get(k, math.inf) - w) < 1e-9 for k, w in want.items())
    check(ok, "metrics text seed=%d alpha=%g ngrams=%d text=%r equal scikit-learn's on the "
          "same split" % (seed, alpha, ngrams, sentence_), "got %s\nwant %s\n%s" % (got, want, err))

got, _ = metrics()
got2, _ = metrics("ngrams=2")
check(got is not None and got2 is not None and got["p_positive"] > 0.5 > got2["p_positive"],
      "the default sentence “The service was not good”: positive with words, negative with "
      "bigrams", "%s %s" % (got, got2))

# ---- hostile inputs


def refused(args, code, needles, name):
    rc, out, err = run(*args)
    ok = rc == code and all(s in err for s in needles) and out == ""
    check(ok, name, "exit %d\n%s%s" % (rc, out, err))


def raw(name, data):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


good = write("good.csv", [("good film", 1), ("bad film", 0)])
pred = write("p.csv", [("good",)], header=("text",))
refused(["--train", raw("empty.csv", b""), "--predict", pred], 1, ["empty.csv", "empty"],
        "an empty training file")
refused(["--train", raw("header.csv", b"text,label\n"), "--predict", pred], 1,
        ["header.csv", "no rows"], "a header and no rows")
refused(["--train", raw("nolabel.csv", b"text\nhello there\n"), "--predict", pred], 1,
        ["nolabel.csv:1", "label"], "a training file without labels")
refused(["--train", write("one.csv", [("good film", 0), ("great film", 0)]), "--predict", pred],
        1, ["one.csv", "at least two classes"], "only one class")
refused(["--train", write("gap.csv", [("good film", 0), ("great film", 2)]), "--predict", pred],
        1, ["gap.csv", "label 1"], "labels with a gap (0 and 2)")
for bad in ["nan", "NaN", "inf", "-1", "1.5", "positive", "", "16", "1e400"]:
    refused(["--train", write("lab.csv", [("good film", 0), ("bad film", bad)]), "--predict",
             pred], 1, ["lab.csv:3", "label"], "the label %r is refused at its line" % bad)
refused(["--train", raw("quote.csv", b'text,label\n"good film,1\nbad film,0\n'), "--predict",
         pred], 1, ["quote.csv:2", "never closed"], "an unclosed quote names its line")
refused(["--train", raw("stray.csv", b'text,label\ngood,1\nsaid "hi",0\n'), "--predict", pred],
        1, ["stray.csv:3", "double quote"], "a quote inside an unquoted field")
refused(["--train", raw("after.csv", b'text,label\n"good" film,1\n'), "--predict", pred], 1,
        ["after.csv:2", "closing quote"], "text after a closing quote")
refused(["--train", raw("ragged.csv", b"text,label\ngood,film,1\n"), "--predict", pred], 1,
        ["ragged.csv:2", "3 fields"], "a ragged row (a comma outside quotes)")
refused(["--train", raw("latin1.csv", b"text,label\ngood,1\ncaf\xe9 bad,0\n"), "--predict",
         pred], 1, ["latin1.csv:3", "UTF-8"], "non-UTF-8 bytes name their line")
refused(["--train", raw("nul.csv", b"text,label\ngood,1\nbad\x00,0\n"), "--predict", pred], 1,
        ["nul.csv:3", "control"], "a NUL byte")
refused(["--train", write("nowords.csv", [("a b c", 0), ("!!", 1)]), "--predict", pred], 1,
        ["nowords.csv", "no words"], "no token in any training text")
refused(["--train", good, "--predict", raw("pbad.csv", b"text\n\"open\n")], 1,
        ["pbad.csv:2", "never closed"], "a broken predict file names its line")
refused(["--train", good, "--predict", raw("pnotext.csv", b"words\nhello\n")], 1,
        ["pnotext.csv:1", "text"], "a predict file without a text column")
refused(["--train", os.path.join(TMP, "missing.csv"), "--predict", pred], 1, ["missing.csv"],
        "a missing file")
for a in ["0", "-1", "nan", "inf", "1e9", "x"]:
    refused(["--train", good, "--predict", pred, "--set", "alpha=" + a], 2, ["alpha"],
            "alpha=%s is a usage error naming the range" % a)
refused(["--train", good, "--predict", pred, "--set", "ngrams=3"], 2, ["ngrams", "1 to 2"],
        "ngrams=3 is a usage error")
refused(["--train", good, "--predict", pred, "--set", "degree=2"], 2, ["alpha, ngrams"],
        "an unknown key names the valid ones")

# an empty text to predict is the prior; a text of 10 MB is read and gives finite numbers
rc, out, err = run("--train", good, "--predict", write("e.csv", [("",), ("",)], ("text",)))
check(rc == 0 and parse(out)[1] == [[0, 0.5, 0.5]] * 2, "empty texts get the prior", out + err)
big_text = " ".join(rng.choice(["good", "bad", "film", "zebra", "Not"]) for _ in range(2_000_000))
big = write("big.csv", [(big_text[:10 * 1024 * 1024],)], ("text",))
rc, out, err = run("--train", good, "--predict", big)
want, _ = reference(["good film", "bad film"], [1, 0], [big_text[:10 * 1024 * 1024]], 1.0, 1)
check(rc == 0 and "nan" not in out.lower() and
      np.max(np.abs(np.array(parse(out)[1][0][1:]) - want[0])) < 1e-9,
      "a 10 MB text to predict: finite and equal to scikit-learn's", err)
rc, out, err = run("--train", write("bigtrain.csv", [(big_text[:10 * 1024 * 1024], 1),
                                                     ("bad bad film", 0)]), "--predict", pred,
                   "--set", "ngrams=2")
want, _ = reference([big_text[:10 * 1024 * 1024], "bad bad film"], [1, 0], ["good"], 1.0, 2)
check(rc == 0 and np.max(np.abs(np.array(parse(out)[1][0][1:]) - want[0])) < 1e-9,
      "a 10 MB training text with bigrams: equal to scikit-learn's", err)
refused(["--train", good, "--predict", raw("huge.csv", b"text\n" + b"a" * (65 * 1024 * 1024))],
        1, ["huge.csv", "64 MiB"], "a file over 64 MiB is refused before reading")

finish()
