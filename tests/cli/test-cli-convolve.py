#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli convolve` against an independent answer: SciPy's correlate2d (zero fill)
on the padded input, every stride-th value, then NumPy's ReLU and 2×2 max pooling — on many
random matrices, sizes, kernels, strides and paddings, to 1e-12. Then known answers, pictures
(grey = 0.2126 R + 0.7152 G + 0.0722 B, area-averaged scaling), the convolution demo's metrics,
and hostile inputs: each a clear error with the exit code of the house, no NaN out (TAP).

usage: test-cli-convolve.py PATH/TO/ml-roadmap-cli
"""
import json
import os
import random
import struct
import subprocess
import sys
import tempfile
import zlib

import numpy as np
from scipy.signal import correlate2d

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
TMP = tempfile.mkdtemp(prefix="mlr-convolve-")
PRESETS = {
    "identity": [0, 0, 0, 0, 1, 0, 0, 0, 0],
    "box": [1 / 9] * 9,
    "sobel-x": [-1, 0, 1, -2, 0, 2, -1, 0, 1],
    "sobel-y": [-1, -2, -1, 0, 0, 0, 1, 2, 1],
    "laplacian": [0, -1, 0, -1, 4, -1, 0, -1, 0],
}


def run(*args):
    p = subprocess.run([CLI, "convolve", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def write_csv(m, name="in.csv"):
    path = os.path.join(TMP, name)
    np.savetxt(path, m, delimiter=",", fmt="%.17g")
    return path


def reference(x, w, s, p, relu, pool):
    xp = np.pad(x, p)
    full = correlate2d(xp, w, mode="valid")  # cross-correlation, no flip
    out = full[::s, ::s]
    if relu:
        out = np.maximum(out, 0)
    if pool:
        h, wd = out.shape[0] // 2 * 2, out.shape[1] // 2 * 2
        o = out[:h, :wd]
        out = np.maximum(np.maximum(o[0::2, 0::2], o[0::2, 1::2]),
                         np.maximum(o[1::2, 0::2], o[1::2, 1::2]))
    return out


def parse(text):
    rows = [r for r in text.splitlines() if r]
    return np.array([[float(v) for v in r.split(",")] for r in rows])


def png(path, rgba, width, height):
    raw = b"".join(b"\0" + bytes(rgba[y * width * 4:(y + 1) * width * 4]) for y in range(height))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6,
                                                              0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(data)
    return data


# ---- against SciPy on random cases
rng = random.Random(16)
bad = []
n_cases = 0
for case in range(300):
    h, wd = rng.randint(1, 30), rng.randint(1, 30)
    k = rng.choice([3, 5])
    s = rng.randint(1, 4)
    p = rng.randint(0, 3)
    relu = rng.random() < 0.5
    pool = rng.random() < 0.3
    x = np.array([[rng.uniform(-5, 5) for _ in range(wd)] for _ in range(h)])
    w = np.array([[rng.uniform(-3, 3) for _ in range(k)] for _ in range(k)])
    oh, ow = (h + 2 * p - k) // s + 1, (wd + 2 * p - k) // s + 1
    args = ["--input", write_csv(x), "--kernel", ",".join("%.17g" % v for v in w.ravel()),
            "--stride", str(s), "--padding", str(p)] + (["--relu"] if relu else []) + \
           (["--pool", "max2"] if pool else [])
    rc, out, err = run(*args)
    empty = oh < 1 or ow < 1 or (pool and (oh < 2 or ow < 2))
    if empty:
        if rc != 2 or "empty" not in err or out:
            bad.append("case %d %dx%d k%d s%d p%d: expected an empty-output error, got rc %d %r"
                       % (case, h, wd, k, s, p, rc, err))
        continue
    n_cases += 1
    want = reference(x, w, s, p, relu, pool)
    got = parse(out) if rc == 0 else None
    if got is None or got.shape != want.shape or np.max(np.abs(got - want)) > 1e-12:
        bad.append("case %d %dx%d k%d s%d p%d relu %s pool %s: rc %d %s shape %s vs %s"
                   % (case, h, wd, k, s, p, relu, pool, rc, err,
                      None if got is None else got.shape, want.shape))
check(not bad and n_cases > 150,
      "convolve equals scipy correlate2d + stride + ReLU + pooling to 1e-12 on %d cases "
      "(and the empty ones are refused)" % n_cases, "\n".join(bad[:5]))

# the output size floor((n + 2p - k) / s) + 1 for many n, k, s, p
bad = []
for n in (3, 4, 5, 7, 10, 17):
    for k in (3, 5):
        for s in (1, 2, 3, 5):
            for p in (0, 1, 2, 4):
                size = (n + 2 * p - k) // s + 1
                x = np.ones((n, n))
                rc, out, err = run("--input", write_csv(x), "--kernel",
                                   "identity" if k == 3 else "gaussian5", "--stride", str(s),
                                   "--padding", str(p))
                if size < 1:
                    ok = rc == 2 and "empty" in err
                else:
                    ok = rc == 0 and parse(out).shape == (size, size)
                if not ok:
                    bad.append("n %d k %d s %d p %d: rc %d %r" % (n, k, s, p, rc, err))
check(not bad, "output sizes are floor((n + 2p - k) / s) + 1", "\n".join(bad[:5]))

# ---- known answers
x = np.arange(42, dtype=float).reshape(6, 7) / 7
rc, out, err = run("--input", write_csv(x), "--kernel", "identity")
check(rc == 0 and np.array_equal(parse(out), x[1:-1, 1:-1]), "identity returns the input's inside")
rc, out, err = run("--input", write_csv(x), "--kernel", "identity", "--padding", "1")
check(rc == 0 and np.array_equal(parse(out), x), "identity with padding 1 returns the input")
c = np.full((9, 9), 0.37)
rc, out, err = run("--input", write_csv(c), "--kernel", "box")
check(rc == 0 and np.max(np.abs(parse(out) - 0.37)) < 1e-15, "box blur of a constant is it")
step = np.zeros((5, 8))
step[:, 4:] = 1
rc, out, err = run("--input", write_csv(step), "--kernel", "sobel-x")
check(rc == 0 and np.array_equal(parse(out), np.array([[0, 0, 4, 4, 0, 0]] * 3, dtype=float)),
      "Sobel x on a step up to the right: 4 where the window spans it, 0 elsewhere", out)
rc, out, err = run("--input", write_csv(step.T), "--kernel", "sobel-y")
check(rc == 0 and np.array_equal(parse(out), np.array([[0] * 3, [0] * 3, [4] * 3, [4] * 3,
                                                        [0] * 3, [0] * 3], dtype=float)),
      "Sobel y on a step down the rows", out)
rc, out, err = run("--input", write_csv(step), "--kernel", "sobel-x", "--kernel", "0,0,0,0,0,0,1,2,3")
check(rc == 0, "the last --kernel wins", err)

# ---- pictures
rgba = []
for yy in range(4):
    for xx in range(6):
        rgba += [(40 * xx) % 256, (60 * yy) % 256, (xx * yy * 20) % 256, 255]
path = os.path.join(TMP, "pic.png")
png(path, rgba, 6, 4)
px = np.array(rgba, dtype=float).reshape(4, 6, 4) / 255
grey = 0.2126 * px[..., 0] + 0.7152 * px[..., 1] + 0.0722 * px[..., 2]
rc, out, err = run("--input", path, "--kernel", "identity", "--padding", "1")
check(rc == 0 and np.max(np.abs(parse(out) - grey)) < 1e-12,
      "a PNG's grey is 0.2126 R + 0.7152 G + 0.0722 B of its sRGB values", err)
rgba2 = []
for yy in range(8):
    for xx in range(12):
        rgba2 += [rgba[((yy // 2) * 6 + xx // 2) * 4 + c] for c in range(3)] + [255]
png(os.path.join(TMP, "pic2.png"), rgba2, 12, 8)
rc, out, err = run("--input", os.path.join(TMP, "pic2.png"), "--kernel", "identity",
                   "--padding", "1", "--max-side", "6")
check(rc == 0 and np.max(np.abs(parse(out) - grey)) < 1e-12,
      "--max-side 6 scales a 12x8 picture to 6x4 by area averaging", err)
half = [128, 128, 128, 0] * 36
png(os.path.join(TMP, "clear.png"), half, 6, 6)
rc, out, err = run("--input", os.path.join(TMP, "clear.png"), "--kernel", "identity")
check(rc == 0 and np.all(parse(out) == 1), "a transparent pixel is white", out)

# ---- the demo's metrics agree with the same computation
rc, out, err = subprocess.run([CLI, "metrics", "convolution", "--set", "image=gradient",
                               "--set", "kernel=sobel-x", "--set", "padding=1"],
                              capture_output=True, text=True).returncode, None, None
p = subprocess.run([CLI, "metrics", "convolution", "--set", "image=gradient", "--set",
                    "kernel=sobel-x", "--set", "padding=1"], capture_output=True, text=True)
m = json.loads(p.stdout)
g = np.tile(np.arange(64) / 63, (64, 1))
want = reference(g, np.array(PRESETS["sobel-x"], dtype=float).reshape(3, 3), 1, 1, False, False)
check(m["out_width"] == 64 and m["out_height"] == 64 and abs(m["min"] - want.min()) < 1e-12
      and abs(m["max"] - want.max()) < 1e-12 and abs(m["mean"] - want.mean()) < 1e-12,
      "metrics of the gradient image with Sobel x and padding 1 equal NumPy's", p.stdout)
p = subprocess.run([CLI, "metrics", "convolution", "--set", "stride=2", "--set", "pool=true",
                    "--set", "relu=true"], capture_output=True, text=True)
m = json.loads(p.stdout)
check(m["out_width"] == 15 and m["out_height"] == 15 and m["min"] >= 0,
      "stride 2 and pooling: 64 -> 31 -> 15, ReLU keeps it non-negative", p.stdout)
p = subprocess.run([CLI, "metrics", "convolution", "--set", "kernel=custom", "--set",
                    "weights=1,2,3"], capture_output=True, text=True)
check(p.returncode == 2 and "9" in p.stderr and "25" in p.stderr,
      "a custom kernel of 3 weights is refused, naming 9 and 25", p.stderr)

# ---- hostile inputs
def refused(args, code, words, name):
    rc, out, err = run(*args)
    check(rc == code and out == "" and all(w in err for w in words), name,
          "rc %d out %r err %r" % (rc, out[:80], err))

empty = os.path.join(TMP, "empty.csv")
open(empty, "w").close()
refused(["--input", empty, "--kernel", "box"], 1, ["empty"], "a 0x0 CSV is refused")
nan = os.path.join(TMP, "nan.csv")
with open(nan, "w") as f:
    f.write("1,2,3\n4,nan,6\n7,8,9\n")
refused(["--input", nan, "--kernel", "box"], 1, ["nan.csv:2", "column 2"],
        "NaN in a CSV is refused with its line and column")
words = os.path.join(TMP, "words.csv")
with open(words, "w") as f:
    f.write("1,2,3\n4,five,6\n")
refused(["--input", words, "--kernel", "box"], 1, ["words.csv:2", "not a number"],
        "a non-numeric CSV field is refused with its line")
ragged = os.path.join(TMP, "ragged.csv")
with open(ragged, "w") as f:
    f.write("1,2,3\n4,5\n")
refused(["--input", ragged, "--kernel", "box"], 1, ["ragged.csv:2"], "ragged rows are refused")
ok3 = write_csv(np.ones((4, 4)), "ok.csv")
refused(["--input", ok3, "--kernel", "1,2,3,4"], 2, ["9", "25"],
        "a kernel of 4 weights is refused, naming 9 and 25")
refused(["--input", ok3, "--kernel", "1,1,1,1,nan,1,1,1,1"], 2, ["weight 5", "not finite"],
        "a kernel with NaN is refused")
refused(["--input", ok3, "--kernel", "blur"], 2, ["sobel-x"], "an unknown preset names the presets")
refused(["--input", ok3, "--kernel", "box", "--stride", "0"], 2, ["1 to 64"], "stride 0")
refused(["--input", ok3, "--kernel", "box", "--padding", "100000000"], 2, ["0 to 64"],
        "huge padding")
refused(["--input", ok3, "--kernel", "box", "--padding", "-1"], 2, ["0 to 64"],
        "negative padding")
refused(["--input", ok3, "--kernel", "box", "--pool", "avg"], 2, ["max2"], "unknown pooling")
one = os.path.join(TMP, "one.png")
png(one, [10, 200, 30, 255], 1, 1)
refused(["--input", one, "--kernel", "box"], 2, ["empty", "1×1", "pad by at least 1"],
        "a 1x1 picture with a 3x3 kernel: empty output, and the padding that fixes it")
rc, out, err = run("--input", one, "--kernel", "box", "--padding", "1")
check(rc == 0 and abs(float(out) - (0.2126 * 10 + 0.7152 * 200 + 0.0722 * 30) / 255 / 9) < 1e-12,
      "a 1x1 picture with padding 1 works", out + err)
wide = os.path.join(TMP, "wide.png")
png(wide, [200, 200, 200, 255] * 20000, 20000, 1)
rc, out, err = run("--input", wide, "--kernel", "box", "--max-side", "128", "--padding", "1")
check(rc == 0 and parse(out).shape == (1, 128), "a 20,000-pixel-wide PNG scales to 128x1",
      err)
rc, out, err = run("--input", wide, "--kernel", "box", "--padding", "1")
check(rc == 0 and parse(out).shape == (1, 20000), "... and works at full size", err)
data = png(os.path.join(TMP, "full.png"), rgba2, 12, 8)
trunc = os.path.join(TMP, "trunc.png")
with open(trunc, "wb") as f:
    f.write(data[:len(data) // 2])
refused(["--input", trunc, "--kernel", "box"], 1, ["trunc.png"], "a truncated PNG is refused")
notpic = os.path.join(TMP, "notpic.png")
with open(notpic, "w") as f:
    f.write("hello")
refused(["--input", notpic, "--kernel", "box"], 1, ["notpic.png", "not a picture"],
        "a text file called .png is refused")
refused(["--input", os.path.join(TMP, "missing.png"), "--kernel", "box"], 1, ["missing.png"],
        "a missing file is refused")
big = os.path.join(TMP, "big.png")
with open(big, "wb") as f:  # a header claiming 30000x30000: refused before decoding
    f.write(b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" +
            struct.pack(">IIBBBBB", 30000, 30000, 8, 6, 0, 0, 0) +
            struct.pack(">I", zlib.crc32(b"IHDR" + struct.pack(">IIBBBBB", 30000, 30000, 8, 6,
                                                                 0, 0, 0))))
refused(["--input", big, "--kernel", "box"], 1, ["big.png"],
        "a PNG header claiming 30000x30000 (and no pixels) is refused")

finish()
