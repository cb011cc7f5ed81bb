#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The "serving" demo through `ml-roadmap-cli metrics serving` against queueing theory:
M/M/1 (mean 1/(mu - lambda), p99 ln(100)/(mu - lambda)), M/D/1 (mean wait
rho / (2 mu (1 - rho))), M/M/c (Erlang C, computed with SciPy's Poisson distribution as a
second route to the formula), utilisation and throughput; the seven metric names exactly;
hostile values refused with exit 2 naming the key and the range; and the largest run
allowed ends (TAP).

usage: test-cli-serving.py PATH/TO/ml-roadmap-cli
"""
import json
import math
import subprocess
import sys
import tempfile
import os

from scipy import stats

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
NAMES = {"p50_ms", "p95_ms", "p99_ms", "mean_ms", "throughput", "utilization", "rejected"}


def metrics(timeout=120, **params):
    args = [CLI, "metrics", "serving"]
    for k, v in params.items():
        args += ["--set", "%s=%s" % (k, v)]
    p = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def get(**params):
    rc, out, err = metrics(**params)
    if rc != 0:
        return None, out + err
    return json.loads(out), out


def within(got, want, rel=0.05):
    return got is not None and abs(got - want) <= rel * abs(want)


def erlang_c(c, a):
    # P(wait) = P(N >= c) of the queue; through Poisson terms: B = pmf(c)/cdf(c) (Erlang B),
    # C = B / (1 - rho (1 - B))
    b = stats.poisson.pmf(c, a) / stats.poisson.cdf(c, a)
    rho = a / c
    return b / (1 - rho * (1 - b))


MM = dict(max_batch=1, replicas=1, service="exponential", overhead_ms=0, queue_cap=1000000,
          requests=400000)

# the defaults: exactly the seven names, all finite
j, out = get()
check(j is not None and set(j) == NAMES and all(math.isfinite(v) for v in j.values()),
      "defaults: exactly the seven metrics, finite", out)

# M/M/1 at several loads, service 2 ms (mu = 500/s)
for rho in (0.3, 0.6, 0.8):
    mu, lam = 500.0, 500.0 * rho
    j, out = get(rate=lam, per_item_ms=2, **MM)
    gap = mu - lam
    ok = (j is not None and within(j["mean_ms"], 1000 / gap) and
          within(j["p99_ms"], 1000 * math.log(100) / gap) and
          within(j["p50_ms"], 1000 * math.log(2) / gap) and
          within(j["p95_ms"], 1000 * math.log(20) / gap) and
          within(j["utilization"], rho, 0.02) and within(j["throughput"], lam, 0.02) and
          j["rejected"] == 0)
    check(ok, "M/M/1 rho=%.1f: mean, p50, p95, p99 within 5%% of theory" % rho, out)

# M/D/1: mean wait rho / (2 mu (1 - rho)) + service
for rho in (0.5, 0.85):
    mu = 250.0
    j, out = get(rate=mu * rho, per_item_ms=4, **dict(MM, service="deterministic"))
    want = 1000 * (rho / (2 * mu * (1 - rho))) + 4
    check(j is not None and within(j["mean_ms"] - 4, want - 4),
          "M/D/1 rho=%.2f: mean wait within 5%% of rho/(2mu(1-rho))" % rho, out)

# M/M/c by Erlang C
for c, rho in ((2, 0.7), (4, 0.85), (16, 0.9)):
    mu = 200.0
    lam = rho * c * mu
    j, out = get(rate=lam, per_item_ms=5, **dict(MM, replicas=c))
    want = 1000 * (erlang_c(c, lam / mu) / (c * mu - lam) + 1 / mu)
    check(j is not None and within(j["mean_ms"], want) and within(j["utilization"], rho, 0.02),
          "M/M/%d rho=%.2f: mean within 5%% of Erlang C" % (c, rho), out)

# the knee: p99 at growing load, M/M/1
last, ok, seen = 0, True, []
for rho in (0.5, 0.8, 0.9, 0.95, 0.99):
    j, out = get(rate=1000 * rho, per_item_ms=1, **dict(MM, requests=1000000))
    if j is None or j["p99_ms"] <= 1.5 * last:
        ok = False
    last = j["p99_ms"] if j else last
    seen.append(last)
check(ok and seen[-1] > 20 * seen[0], "p99 grows without bound as rho nears 1: %s" % seen)

# batching raises capacity: 600 req/s on one replica of 5 + 1 ms per item
j1, out1 = get(rate=600, replicas=1, max_batch=1, overhead_ms=5, per_item_ms=1)
j8, out8 = get(rate=600, replicas=1, max_batch=16, overhead_ms=5, per_item_ms=1)
check(j1 and j8 and j1["rejected"] > 0 and j8["rejected"] == 0 and
      j8["p99_ms"] < j1["p99_ms"] / 5 and j1["utilization"] > 0.99,
      "600 req/s: batches of one overload one replica, batches of up to 16 keep up",
      out1 + out8)

# the lesson's demo (serving-models.xml): the caption's numbers, and the challenges: the start
# meets neither, and one setting meets each
LESSON = dict(rate=600, replicas=1, max_batch=1, batch_timeout_ms=2, overhead_ms=5,
              per_item_ms=1, service="deterministic")


def challenge1(j):
    return (j["throughput"] >= 590 and j["rejected"] == 0 and j["p99_ms"] < 40 and
            j["utilization"] >= 0.97)


def challenge2(j):
    return (j["throughput"] >= 590 and j["rejected"] == 0 and j["p99_ms"] < 20 and
            j["utilization"] >= 0.85)


j, out = get(**LESSON)
check(j is not None and j["rejected"] == 13507 and 6000 <= j["p99_ms"] < 6015 and
      round(j["throughput"]) == 167 and 5.355e3 < j["mean_ms"] < 5.365e3 and
      not challenge1(j) and not challenge2(j),
      "lesson caption: 13,507 of 20,000 rejected, p99 6.01 s, 167 req/s; no challenge met",
      out)
j, out = get(**dict(LESSON, max_batch=16))
check(j is not None and challenge1(j) and not challenge2(j),
      "lesson challenge 1 is met by batches of up to 16 on the one replica", out)
j, out = get(**dict(LESSON, max_batch=4, replicas=2))
check(j is not None and challenge2(j), "lesson challenge 2 is met by 2 replicas, batches of 4",
      out)
j, out = get(**dict(LESSON, replicas=6))
check(j is not None and not challenge1(j) and not challenge2(j),
      "six replicas without batching meet neither challenge (they idle)", out)

# hostile values: exit 2, the key named, nothing on stdout
for key, value in [("rate", "0"), ("rate", "-3"), ("rate", "nan"), ("rate", "inf"),
                   ("requests", "1000000000"), ("requests", "1e9"), ("replicas", "0"),
                   ("replicas", "1000"), ("max_batch", "0"), ("batch_timeout_ms", "nan"),
                   ("overhead_ms", "-1"), ("per_item_ms", "1e300"), ("queue_cap", "-1"),
                   ("seed", "-1"), ("service", "gamma")]:
    rc, out, err = metrics(**{key: value})
    check(rc == 2 and key in err and out == "", "%s=%s is refused" % (key, value), err)
rc, out, err = metrics(overhead_ms=0, per_item_ms=0)
check(rc == 2 and "0.001" in err and out == "", "a batch that takes no time is refused", err)

# the largest run allowed, at a flood and at a trickle with the longest timeout: it ends
for extra in (dict(rate=1000000, batch_timeout_ms=10000),
              dict(rate=0.01, batch_timeout_ms=10000, max_batch=256)):
    rc, out, err = metrics(timeout=60, requests=1000000, **extra)
    j = json.loads(out) if rc == 0 else None
    check(j is not None and all(math.isfinite(v) for v in j.values()),
          "1,000,000 requests with %s ends with finite numbers" % extra, err)

# render, light and dark
with tempfile.TemporaryDirectory() as d:
    for dark in (False, True):
        path = os.path.join(d, "s.png")
        args = [CLI, "render", "serving", "-o", path] + (["--dark"] if dark else [])
        p = subprocess.run(args, capture_output=True, text=True, timeout=60)
        check(p.returncode == 0 and os.path.getsize(path) > 10000,
              "render serving%s" % (" --dark" if dark else ""), p.stderr)

finish()
