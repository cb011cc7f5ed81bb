#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The "training-cost" demo's numbers: hand computations from the rules (7B Adam bf16 is
7e9 × (2 + 2 + 12) = 112 GB of model state; ZeRO-3 over 8 GPUs 14 GB a GPU), many random
parameter sets against an independent Python implementation of the same rules (exact
fractions where the rules are rational), and hostile values refused with the range named
(TAP).

usage: test-cli-cost.py PATH/TO/ml-roadmap-cli
"""
import json
import math
import random
import subprocess
import sys

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"


def metrics(**params):
    args = [CLI, "metrics", "training-cost"]
    for k, v in params.items():
        args += ["--set", "%s=%s" % (k, v)]
    p = subprocess.run(args, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


# The accelerators as the demo documents them (memory GB, dense bf16 TFLOP/s).
GPUS = {"a100": (80, 312), "h100": (80, 989), "h200": (141, 989), "b200": (180, 2250),
        "mi300x": (192, 1307), "l4": (24, 121), "tpu-v5e": (16, 197)}
BYTES = {"fp32": 4, "bf16": 2, "fp8": 1}
DEFAULTS = dict(params_b=7, dtype="bf16", optimizer="adam", zero=0, gpus=8, gpu="h100",
                tokens_b=140, mfu=0.4, micro_batch=1, seq_len=4096, recompute="selective",
                batch=8, context=8192, kv_heads=8, kv_dtype="bf16")


def oracle(**given):
    """The rules of the caption and FORMAT.md, written again from the text."""
    p = dict(DEFAULTS)
    p.update(given)
    n = float(p["params_b"]) * 1e9
    d = float(p["tokens_b"]) * 1e9
    w = BYTES[p["dtype"]]
    gpus = int(p["gpus"])
    zero = int(p["zero"])
    mem, peak = GPUS[p["gpu"]]
    # shape: N = 12 L h^2, h = 128 L
    layers = max(1, round((n / (12 * 128 * 128)) ** (1 / 3)))
    hidden = math.sqrt(n / (12 * layers))
    heads = max(1, round(hidden / 128))
    kv_heads = min(int(p["kv_heads"]), heads)
    opt = {"adam": 8 if w == 4 else 12, "sgd": 4 if w == 4 else 8, "adafactor": 0 if w == 4 else 4}[p["optimizer"]]
    weights, grads, optim = n * w, n * w, n * opt
    if p["optimizer"] == "adafactor":
        optim += 16 * hidden * layers * 4
    s, b = int(p["seq_len"]), int(p["micro_batch"])
    per_layer = {"full": 2 * s * b * hidden, "selective": 34 * s * b * hidden,
                 "none": s * b * hidden * (34 + 5 * heads * s / hidden)}[p["recompute"]]
    act = per_layer * layers * (2 if w == 4 else 1)
    if zero >= 1:
        optim /= gpus
    if zero >= 2:
        grads /= gpus
    if zero >= 3:
        weights /= gpus
    per_gpu = (weights + grads + optim + act) / 1e9
    flops = 6 * n * d
    kv = (2 * layers * kv_heads * (hidden / heads) * int(p["context"]) * int(p["batch"])
          * BYTES[p["kv_dtype"]] / 1e9)
    return {"weights_gb": weights / 1e9, "gradients_gb": grads / 1e9,
            "optimizer_gb": optim / 1e9, "activations_gb": act / 1e9, "per_gpu_gb": per_gpu,
            "train_flops": flops, "train_days": flops / (gpus * peak * 1e12 * float(p["mfu"]))
            / 86400, "fits": 1.0 if per_gpu <= mem else 0.0, "kv_cache_gb": kv,
            "inference_gb": n * w / 1e9 + kv}


def close(a, b, rel=1e-9):
    return abs(a - b) <= rel * max(1e-300, abs(b))


def run(**params):
    rc, out, err = metrics(**params)
    try:
        return rc, json.loads(out), err
    except ValueError:
        return rc, None, out + err


# 1. the hand computations of issue 17
rc, j, err = run(recompute="full", micro_batch=1, seq_len=4096)
model_state = j["weights_gb"] + j["gradients_gb"] + j["optimizer_gb"]
check(rc == 0 and close(j["weights_gb"], 14) and close(j["gradients_gb"], 14)
      and close(j["optimizer_gb"], 84) and close(model_state, 112),
      "7B Adam bf16 ZeRO-0: 7e9 × (2 + 2 + 12) bytes = 112 GB", repr(j) + err)
# 33 layers, h = sqrt(7e9 / 396); full recomputation keeps 2·s·b·h bytes a layer
h = math.sqrt(7e9 / (12 * 33))
check(close(j["activations_gb"], 2 * 4096 * h * 33 / 1e9)
      and close(j["per_gpu_gb"], 112 + 2 * 4096 * h * 33 / 1e9),
      "7B ZeRO-0 per GPU = 112 GB + full-recompute activations 2·s·h·L", repr(j))
check(j["fits"] == 0, "112 GB does not fit an 80 GB H100", repr(j))
rc, j, err = run(zero=3, gpus=8)
check(rc == 0 and close(j["weights_gb"] + j["gradients_gb"] + j["optimizer_gb"], 14)
      and close(j["weights_gb"], 1.75) and close(j["optimizer_gb"], 10.5),
      "7B Adam bf16 ZeRO-3 over 8 GPUs: 14 GB of model state a GPU", repr(j) + err)
check(j["fits"] == 1, "ZeRO-3 over 8 fits an 80 GB H100", repr(j))
rc, j, err = run(zero=1, gpus=8)
check(close(j["optimizer_gb"], 84 / 8) and close(j["gradients_gb"], 14)
      and close(j["weights_gb"], 14), "ZeRO-1 shards only the optimizer state", repr(j))
rc, j, err = run(zero=2, gpus=8)
check(close(j["optimizer_gb"], 84 / 8) and close(j["gradients_gb"], 14 / 8)
      and close(j["weights_gb"], 14), "ZeRO-2 shards optimizer state and gradients", repr(j))
rc, j, err = run(dtype="fp32")
check(close(j["optimizer_gb"], 56) and close(j["weights_gb"], 28),
      "Adam in fp32: two moments, 8 bytes a parameter (no master copy)", repr(j))
rc, j, err = run(optimizer="sgd")
check(close(j["optimizer_gb"], 56),
      "SGD with momentum in bf16: fp32 master + momentum, 8 bytes a parameter", repr(j))
rc, j, err = run(optimizer="sgd", dtype="fp32")
check(close(j["optimizer_gb"], 28),
      "SGD with momentum in fp32: the momentum alone, 4 bytes a parameter", repr(j))
rc, j, err = run()
check(close(j["train_flops"], 6 * 7e9 * 140e9)
      and close(j["train_days"], 6 * 7e9 * 140e9 / (8 * 989e12 * 0.4) / 86400),
      "6·N·D = 5.88e21 FLOPs; days at 40% of 8 × 989 TFLOP/s", repr(j))
# KV cache: 33 layers, 33 heads of h/33, 8 KV heads, 8192 tokens, batch 8, 2 bytes
check(close(j["kv_cache_gb"], 2 * 33 * 8 * (h / 33) * 8192 * 8 * 2 / 1e9)
      and close(j["inference_gb"], 14 + j["kv_cache_gb"]),
      "KV cache 2·L·kv_heads·head_dim·context·batch·bytes, plus 14 GB of weights", repr(j))

# 2. random parameter sets against the oracle
rng = random.Random(17)
cases = [dict(params_b=0.01, tokens_b=0.001, gpus=1, mfu=0.01, seq_len=16, context=1, batch=1,
              kv_heads=1),
         dict(params_b=10000, tokens_b=1000000, gpus=100000, mfu=1, seq_len=1048576,
              micro_batch=1024, context=1048576, batch=4096, kv_heads=1024, recompute="none",
              dtype="fp32", zero=3, optimizer="adafactor"),
         dict(params_b=70, gpu="mi300x", dtype="fp8", optimizer="adafactor", zero=2, gpus=64),
         dict(params_b=13, gpus=8, zero=3, dtype="bf16", gpu="a100")]
for _ in range(120):
    cases.append(dict(
        params_b="%.4g" % 10 ** rng.uniform(-2, 4), dtype=rng.choice(list(BYTES)),
        optimizer=rng.choice(["adam", "sgd", "adafactor"]), zero=rng.randint(0, 3),
        gpus=rng.choice([1, 2, 3, 8, 64, 1000, rng.randint(1, 100000)]),
        gpu=rng.choice(list(GPUS)), tokens_b="%.4g" % 10 ** rng.uniform(-3, 6),
        mfu="%.3f" % rng.uniform(0.01, 1), micro_batch=rng.randint(1, 64),
        seq_len=rng.choice([16, 512, 2048, 4096, 32768, rng.randint(16, 1048576)]),
        recompute=rng.choice(["none", "selective", "full"]), batch=rng.randint(1, 4096),
        context=rng.randint(1, 1048576), kv_heads=rng.randint(1, 1024),
        kv_dtype=rng.choice(list(BYTES))))
bad = []
for c in cases:
    rc, got, err = run(**c)
    want = oracle(**c)
    if rc != 0 or got is None or any(not close(got[k], want[k]) for k in want) or \
            any(not math.isfinite(got[k]) for k in want):
        bad.append("%r: rc %d got %r want %r %s" % (c, rc, got, want, err))
check(not bad, "training-cost metrics equal the Python rules on %d parameter sets" % len(cases),
      "\n".join(bad[:3]))

# 3. hostile values: refused with exit 2, the key and its range named, nothing on stdout
for key, value in [("gpus", "0"), ("gpus", "-8"), ("gpus", "100001"), ("params_b", "nan"),
                   ("params_b", "-7"), ("params_b", "1e30"), ("params_b", "inf"),
                   ("tokens_b", "0"), ("mfu", "0"), ("mfu", "1.5"), ("mfu", "nan"),
                   ("zero", "4"), ("zero", "-1"), ("dtype", "fp4"), ("gpu", "h900"),
                   ("context", "0"), ("kv_heads", "0"), ("seq_len", "1e9"),
                   ("optimizer", "lion")]:
    rc, out, err = metrics(**{key: value})
    check(rc == 2 and key in err and out == "", "%s=%s is refused with its range" % (key, value),
          "rc %d out %r err %r" % (rc, out, err))
rc, out, err = metrics(gpus="0")
check("1" in err and "100000" in err.replace(",", ""), "the gpus error names 1 to 100000", err)

# kv_heads beyond the model's heads is clamped (documented), not an error
rc, j, err = run(kv_heads=1024)
rc2, j2, err2 = run(kv_heads=33)
check(rc == 0 and close(j["kv_cache_gb"], j2["kv_cache_gb"]),
      "kv_heads above the model's 33 heads is clamped to 33", repr((j, j2)))

finish()
