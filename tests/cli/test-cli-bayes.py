#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The "bayes" demo's numbers against exact arithmetic (Python fractions) on many parameter
sets, the edges of every range included; and out-of-range values refused (TAP).

usage: test-cli-bayes.py PATH/TO/ml-roadmap-cli
"""
import json
import random
import subprocess
import sys
from fractions import Fraction as F

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"


def metrics(**params):
    args = [CLI, "metrics", "bayes"]
    for k, v in params.items():
        args += ["--set", "%s=%s" % (k, v)]
    p = subprocess.run(args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def exact(prior, sens, spec, tests):
    p, s, q = F(prior), F(sens), F(spec)
    post = p * s ** tests / (p * s ** tests + (1 - p) * (1 - q) ** tests)
    ppv = p * s / (p * s + (1 - p) * (1 - q))
    npv = (1 - p) * q / ((1 - p) * q + p * (1 - s))
    n = 10000
    return {"posterior": post, "ppv": ppv, "npv": npv, "true_positives": n * p * s,
            "false_positives": n * (1 - p) * (1 - q), "false_negatives": n * p * (1 - s),
            "true_negatives": n * (1 - p) * q}


def close(a, b):
    return abs(a - float(b)) <= 1e-12 * max(1.0, abs(float(b)))


rng = random.Random(7)
cases = [("0.01", "0.9", "0.95", 1), ("0.01", "0.9", "0.95", 2), ("0.0001", "0.01", "0.01", 3),
         ("0.9999", "1", "1", 1), ("0.0001", "1", "1", 3), ("0.5", "0.5", "0.5", 2),
         ("0.9999", "0.01", "0.01", 3), ("0.001", "0.99", "0.999", 3)]
for _ in range(60):
    cases.append(("%.4f" % rng.uniform(0.0001, 0.9999), "%.3f" % rng.uniform(0.01, 1),
                  "%.3f" % rng.uniform(0.01, 1), rng.randint(1, 3)))
bad = []
for prior, sens, spec, tests in cases:
    rc, out, err = metrics(prior=prior, sensitivity=sens, specificity=spec, tests=tests)
    try:
        got = json.loads(out, parse_constant=lambda c: float("nan"))
    except ValueError:
        got = None
    want = exact(prior, sens, spec, tests)
    want.update(prior=F(prior), sensitivity=F(sens), specificity=F(spec), tests=tests)
    if rc != 0 or got is None or any(not close(got[k], want[k]) for k in want):
        bad.append("%s %s %s %d: rc %d %s %r" % (prior, sens, spec, tests, rc, out, err))
check(not bad, "bayes metrics equal exact fractions on %d parameter sets" % len(cases),
      "\n".join(bad[:5]))

# the lesson's worked example: 1% prevalence, 90% sensitivity, 95% specificity
rc, out, err = metrics()
j = json.loads(out)
check(rc == 0 and abs(j["ppv"] - 0.009 / 0.0585) < 1e-15 and j["true_positives"] == 90
      and round(j["false_positives"]) == 495,
      "defaults are the lesson's example: PPV 0.009/0.0585, 90 true and 495 false positives",
      out + err)

# out of range: refused with the range named, exit 2
for key, value in [("prior", "0"), ("prior", "1"), ("sensitivity", "0"), ("specificity", "1.5"),
                   ("tests", "4"), ("tests", "0"), ("prior", "nan")]:
    rc, out, err = metrics(**{key: value})
    check(rc == 2 and key in err and out == "", "%s=%s is refused" % (key, value), err)

finish()
