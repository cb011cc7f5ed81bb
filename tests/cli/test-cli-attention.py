#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli attention` against NumPy: softmax(Q Kᵀ / (√d_k · T)) row by row, the causal
mask, and the weights times V, on many random inputs (sizes, widths, masks, temperatures from
1e-300 to 1e300, values up to 1e12 that overflow a naive softmax), to 1e-12. Then known
answers, full precision, the attention demo's metrics against a NumPy rebuild of its model from
the recipe documented in app/ml/mlr-attention.c, and hostile inputs: each a clear error naming
the file and line with the exit code of the house, never NaN out, never a hang (TAP).

usage: test-cli-attention.py PATH/TO/ml-roadmap-cli
"""
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time

import numpy as np

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
TMP = tempfile.mkdtemp(prefix="mlr-attention-")


def run(*args, timeout=60):
    p = subprocess.run([CLI, "attention", *args], capture_output=True, text=True,
                       timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def write_csv(m, name):
    path = os.path.join(TMP, name)
    np.savetxt(path, np.atleast_2d(m), delimiter=",", fmt="%.17g")
    return path


def reference(q, k, v, causal, t, same_order):
    """The weights and output. With same_order the scores are summed over the columns in the
    order the C code sums them (so a tiny temperature does not turn a last-bit difference of
    a dot product into a visible one); else NumPy's own matrix product."""
    if same_order:
        s = np.zeros((q.shape[0], k.shape[0]))
        for c in range(q.shape[1]):
            s = s + np.outer(q[:, c], k[:, c])
    else:
        s = q @ k.T
    mask = np.zeros(s.shape, dtype=bool)
    if causal:
        mask = np.triu(np.ones(s.shape, dtype=bool), 1)
    s = np.where(mask, -np.inf, s)
    m = s.max(axis=1, keepdims=True)
    with np.errstate(over="ignore", under="ignore"):
        e = np.exp((s - m) / math.sqrt(q.shape[1]) / t)
    w = e / e.sum(axis=1, keepdims=True)
    return w, w @ v


def compare(q, k, v, causal, t, name, same_order=True):
    args = ["--q", write_csv(q, "q.csv"), "--k", write_csv(k, "k.csv"),
            "--v", write_csv(v, "v.csv"), "--temperature", repr(t)]
    if causal:
        args.append("--causal")
    rc, out, err = run(*args)
    if rc != 0:
        check(False, name, err)
        return None
    got = json.loads(out)
    w, o = np.array(got["weights"]), np.array(got["output"])
    rw, ro = reference(q, k, v, causal, t, same_order)
    scale = 1 + np.abs(v).max()
    ok = (w.shape == rw.shape and o.shape == ro.shape and np.isfinite(w).all() and
          np.isfinite(o).all() and np.abs(w - rw).max() <= 1e-12 and
          np.abs(o - ro).max() <= 1e-12 * scale and
          (not causal or (w[np.triu_indices(w.shape[0], 1, w.shape[1])] == 0).all()) and
          np.abs(w.sum(axis=1) - 1).max() <= 1e-12)
    check(ok, name, "max |dw| %g, max |do| %g" % (np.abs(w - rw).max(), np.abs(o - ro).max())
          if w.shape == rw.shape and o.shape == ro.shape else "shapes %s %s" % (w.shape, o.shape))
    return w


# ---- against NumPy, many random inputs
rng = np.random.default_rng(20261206)
temps = [1e-300, 1e-12, 1e-6, 0.01, 0.3, 1, 3, 100, 1e6, 1e300]
for case in range(120):
    n_q, n_k = int(rng.integers(1, 30)), int(rng.integers(1, 30))
    if rng.random() < 0.4:
        n_k = n_q
    d, d_v = int(rng.integers(1, 17)), int(rng.integers(1, 11))
    scale = 10.0 ** rng.uniform(-3, 11)
    causal = bool(rng.random() < 0.5)
    t = temps[case % len(temps)] if case < 60 else float(10 ** rng.uniform(-4, 4))
    q = rng.normal(size=(n_q, d)) * scale
    k = rng.normal(size=(n_k, d)) * scale
    v = rng.normal(size=(n_k, d_v)) * 10.0 ** rng.uniform(-3, 11)
    compare(q, k, v, causal, t, "random %d: n_q %d n_k %d d %d d_v %d scale %.3g T %.3g%s"
            % (case, n_q, n_k, d, d_v, scale, t, " causal" if causal else ""))

# NumPy's own matrix product, where the temperature does not magnify its rounding
for case in range(30):
    n, d, d_v = int(rng.integers(1, 40)), int(rng.integers(1, 33)), int(rng.integers(1, 9))
    q, k, v = rng.normal(size=(n, d)), rng.normal(size=(n, d)), rng.normal(size=(n, d_v))
    causal = case % 2 == 0
    compare(q, k, v, causal, float(rng.uniform(0.5, 4)),
            "random %d vs q @ k.T: n %d d %d d_v %d%s" % (case, n, d, d_v,
                                                        " causal" if causal else ""),
            same_order=False)

# huge magnitudes: a naive softmax overflows, the stable one does not
q = rng.uniform(-1, 1, size=(6, 4)) * 1e12
k = rng.uniform(-1, 1, size=(6, 4)) * 1e12
v = rng.normal(size=(6, 3))
with np.errstate(over="ignore"):
    naive = np.exp(q @ k.T / 2)
check(not np.isfinite(naive).all(), "the huge case does overflow a naive softmax")
compare(q, k, v, False, 1.0, "values of 1e12: weights match and are finite")
compare(q, k, v, True, 1e-300, "values of 1e12, temperature 1e-300, causal")
# scores exactly tied under any temperature: an even split, not NaN
ones = np.ones((3, 2)) * 1e12
w = compare(ones, ones, np.eye(3), False, 1e-300, "ties at 1e12 with T = 1e-300")
check(w is not None and np.abs(w - 1 / 3).max() < 1e-15, "... split evenly", str(w))

# ---- known answers and format
zq = np.zeros((4, 3))
rc, out, err = run("--q", write_csv(zq, "zq.csv"), "--k", write_csv(np.arange(12.).reshape(4, 3),
                   "k4.csv"), "--v", write_csv(np.arange(4.).reshape(4, 1), "v4.csv"),
                   "--causal")
got = json.loads(out) if rc == 0 else None
check(got is not None and all(abs(got["weights"][i][j] - (1 / (i + 1) if j <= i else 0)) < 1e-15
                              for i in range(4) for j in range(4)),
      "zero queries, causal: row i spreads evenly over tokens 0..i", err)
check(got is not None and "0.33333333333333331" in out,
      "numbers are printed at full precision (1/3 as 0.33333333333333331)", out[:200])
check(got is not None and all(abs(got["output"][i][0] - (sum(range(i + 1)) / (i + 1))) < 1e-14
                              for i in range(4)),
      "... and the output is the mean of the values seen", out[-200:])
rc, out, err = run("--q", os.path.join(TMP, "zq.csv"), "--k", os.path.join(TMP, "k4.csv"),
                   "--v", os.path.join(TMP, "v4.csv"))
check(rc == 0 and json.loads(out)["weights"][0] == [0.25] * 4,
      "zero queries, no mask: every weight 1/4 exactly", out)

# ---- the demo's metrics against a NumPy rebuild of its model
M64 = (1 << 64) - 1


def splitmix(state):
    state[0] = (state[0] + 0x9E3779B97F4A7C15) & M64
    z = state[0]
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def normal(state):
    u1 = ((splitmix(state) >> 11) + 0.5) / 9007199254740992.0
    u2 = ((splitmix(state) >> 11) + 0.5) / 9007199254740992.0
    return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)


def embedding(word):
    h = 0xCBF29CE484222325
    for b in word.encode():
        h = ((h ^ b) * 0x100000001B3) & M64
    state = [h]
    out = []
    for _ in range(6):
        z = normal(state) * 10
        out.append(min(5.0, max(-5.0, math.copysign(math.floor(abs(z) + 0.5), z) / 10)))
    return out


def projection(head, which):
    state = [1000 * (head + 1) + ord(which)]
    return np.array([normal(state) / math.sqrt(6) for _ in range(18)]).reshape(6, 3)


SENTENCES = {"cat": ("the cat sat on the mat because it was tired", 7),
             "bank": ("she sat on the river bank and watched the water", 5),
             "arrow": ("time flies like an arrow", 1)}


def demo_metrics(sentence="cat", head=1, causal=False, temperature=1.0, token=-1,
                 vectors=None):
    words, focus = SENTENCES[sentence]
    words = words.split()
    emb = np.array([embedding(w) for w in words]) if vectors is None else \
        np.array(vectors, dtype=float).reshape(len(words), 6)
    pos = np.array([[math.sin(p / 10000 ** ((c - c % 2) / 6)) if c % 2 == 0 else
                     math.cos(p / 10000 ** ((c - c % 2) / 6)) for c in range(6)]
                    for p in range(len(words))])
    x = emb + pos
    q, k, v = (x @ projection(head - 1, c) for c in "qkv")
    w, _ = reference(q, k, v, causal, temperature, False)
    sel = focus if token < 0 else min(token, len(words) - 1)
    ent = np.mean([-sum(p * math.log(p) for p in row if p > 0) for row in w])
    return {"max_weight": w[sel].max(), "entropy": ent, "token": sel}


def cli_metrics(**kw):
    args = [CLI, "metrics", "attention"]
    for key, value in kw.items():
        if key == "vectors":
            value = ",".join(repr(x) for x in value)
        args += ["--set", "%s=%s" % (key, str(value).lower() if isinstance(value, bool)
                                     else value)]
    p = subprocess.run(args, capture_output=True, text=True, timeout=30)
    return json.loads(p.stdout) if p.returncode == 0 else p.stderr


configs = [{}, {"causal": True}, {"head": 2}, {"temperature": 0.05}, {"temperature": 20},
           {"sentence": "bank"}, {"sentence": "arrow", "head": 2, "causal": True},
           {"token": 0, "causal": True}, {"token": 3, "temperature": 0.3}]
vec = [round(float(x), 1) for x in rng.uniform(-3, 3, 60)]
configs.append({"vectors": vec, "token": 2})
for cfg in configs:
    got = cli_metrics(**cfg)
    want = demo_metrics(**cfg)
    check(isinstance(got, dict) and all(abs(got[m] - want[m]) <= 1e-12 for m in want),
          "metrics attention %s" % ({k: v for k, v in cfg.items() if k != "vectors"}
                                    if "vectors" not in cfg else "with edited vectors"),
          "got %s want %s" % (got, want))
got = cli_metrics(token=0, causal=True)
check(isinstance(got, dict) and got["max_weight"] == 1,
      "causal: the first token attends only to itself (max_weight exactly 1)", str(got))
got = cli_metrics(temperature=100)
check(isinstance(got, dict) and math.log(10) - got["entropy"] < 0.02,
      "temperature 100: the entropy is near ln 10, even attention", str(got))

# ---- hostile inputs
def refused(args, code, words, name):
    start = time.monotonic()
    rc, out, err = run(*args)
    check(rc == code and out == "" and all(w in err for w in words) and
          time.monotonic() - start < 20, name, "rc %d out %r err %r" % (rc, out[:80], err))


q3 = write_csv(np.ones((3, 4)), "q3.csv")
k3 = write_csv(np.ones((3, 4)), "k3.csv")
v3 = write_csv(np.ones((3, 2)), "v3.csv")
refused(["--q", q3, "--k", write_csv(np.ones((3, 5)), "k5.csv"), "--v", v3], 1,
        ["k5.csv", "5 columns", "q3.csv", "4"], "keys wider than the queries")
refused(["--q", q3, "--k", k3, "--v", write_csv(np.ones((4, 2)), "v4r.csv")], 1,
        ["v4r.csv", "4 rows", "k3.csv", "3"], "more values than keys")
empty = os.path.join(TMP, "empty.csv")
open(empty, "w").close()
refused(["--q", empty, "--k", k3, "--v", v3], 1, ["empty.csv", "empty"], "an empty CSV")
blank = os.path.join(TMP, "blank.csv")
with open(blank, "w") as f:
    f.write("\n  \n\r\n")
refused(["--q", q3, "--k", blank, "--v", v3], 1, ["blank.csv", "empty"], "a CSV of blank lines")
for bad, where in [("nan", "nan.csv:2"), ("inf", "inf.csv:2"), ("1e400", "big.csv:2"),
                   ("x", "word.csv:2")]:
    name = where.split(":")[0]
    with open(os.path.join(TMP, name), "w") as f:
        f.write("1,2,3,4\n1,%s,3,4\n" % bad)
    refused(["--q", q3, "--k", k3, "--v", os.path.join(TMP, name)], 1, [where, "column 2"],
            "“%s” in a CSV: refused with its file, line and column" % bad)
ragged = os.path.join(TMP, "ragged.csv")
with open(ragged, "w") as f:
    f.write("1,2,3,4\n1,2\n")
refused(["--q", ragged, "--k", k3, "--v", v3], 1, ["ragged.csv:2"], "ragged rows")
for t in ["0", "-1", "nan", "inf", "-inf", "abc", "", "1e-400"]:
    refused(["--q", q3, "--k", k3, "--v", v3, "--temperature", t], 2,
            ["temperature", "greater than 0"], "temperature “%s” refused" % t)
huge = os.path.join(TMP, "rows.csv")
with open(huge, "w") as f:
    f.write("0.5,1,2,3\n" * 100000)
refused(["--q", huge, "--k", k3, "--v", v3], 1, ["rows.csv:2049", "2048"],
        "10^5 rows: refused at the first row too many, quickly")
wide = os.path.join(TMP, "wide.csv")
with open(wide, "w") as f:
    f.write(",".join(["1"] * 2000) + "\n")
refused(["--q", wide, "--k", wide, "--v", v3], 1, ["wide.csv", "2000 columns", "1024"],
        "2000 columns refused")
refused(["--q", os.path.join(TMP, "missing.csv"), "--k", k3, "--v", v3], 1, ["missing.csv"],
        "a missing file")
refused(["--q", q3, "--k", k3], 2, ["--v"], "no --v")
binary = os.path.join(TMP, "bin.csv")
with open(binary, "wb") as f:
    f.write(b"1,2,3,4\n\x00\x01\x02\n")
refused(["--q", binary, "--k", k3, "--v", v3], 1, ["bin.csv:2"], "a NUL byte")
rc, out, err = run("--q", write_csv(np.ones((300, 8)), "q300.csv"),
                   "--k", write_csv(np.ones((300, 8)), "k300.csv"),
                   "--v", write_csv(np.ones((300, 1)), "v300.csv"), "--causal")
check(rc == 0 and "nan" not in out.lower() and len(json.loads(out)["weights"]) == 300,
      "300 tokens work", err)
p = subprocess.run([CLI, "metrics", "attention", "--set", "temperature=nan"],
                   capture_output=True, text=True)
check(p.returncode == 2 and "temperature" in p.stderr and "finite" in p.stderr,
      "the demo refuses temperature NaN",
      p.stderr)
p = subprocess.run([CLI, "metrics", "attention", "--set", "vectors=1,2,3"],
                   capture_output=True, text=True)
check(p.returncode == 2 and "60" in p.stderr, "the demo refuses vectors of the wrong count",
      p.stderr)

finish()
