#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The "ab-test" demo and the `ttest` and `proportions` commands against SciPy (TAP).

- metrics power, critical_z, se against scipy.stats.norm on a few hundred parameter sets, the
  edges included (rates 0.001 and 0.999, n = 2 and 10^8, alpha 0.0001 and 0.5, one- and
  two-sided, lifts against a one-sided test); n_for_80 checked as the smallest n with
  power(n) >= 0.8 > power(n - 1), by SciPy's power;
- the simulation: the first run's z reproduced exactly by an independent Python
  implementation (xoshiro256** seeded by splitmix64, one Bernoulli draw per user, looks at
  ceil(k n / peeks)), its p_value by scipy.stats.norm; simulated rates against NumPy's own
  simulation of the same procedure and against alpha, within the Monte-Carlo error stated at
  each check;
- `ttest` against scipy.stats.ttest_ind(equal_var=False) and ttest_rel, the interval from
  scipy.stats.t.ppf; `proportions` against the z-test written out with scipy.stats.norm;
- inputs the statistics cannot use end in a clear message and exit 1, never NaN.

usage: test-cli-abtest.py PATH/TO/ml-roadmap-cli
"""
import json
import math
import os
import subprocess
import sys
import tempfile
from fractions import Fraction

import numpy as np
from scipy import stats

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
TMP = tempfile.mkdtemp(prefix="mlr-abtest-")


def run(*args):
    p = subprocess.run([CLI] + [str(a) for a in args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def metrics(**params):
    args = ["metrics", "ab-test"]
    for k, v in params.items():
        args += ["--set", "%s=%s" % (k, v)]
    rc, out, err = run(*args)
    try:
        return rc, json.loads(out), err
    except ValueError:
        return rc, None, out + err


def rel(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


# ---- power, critical_z, se, n_for_80 ------------------------------------------------------

def power_scipy(p1, p2, n, alpha, tails):
    se = math.sqrt(p1 * (1 - p1) / n + p2 * (1 - p2) / n)
    if tails == 1:
        return stats.norm.cdf((p2 - p1) / se - stats.norm.isf(alpha))
    z = stats.norm.isf(alpha / 2)
    d = abs(p2 - p1) / se
    return stats.norm.cdf(d - z) + stats.norm.cdf(-d - z)


rng = np.random.default_rng(14)
cases = [
    (0.05, 0.006, 10000, 0.05, 2), (0.05, 0.006, 10000, 0.05, 1), (0.05, -0.006, 10000, 0.05, 1),
    (0.05, 0, 10000, 0.05, 2), (0.05, 0, 10000, 0.05, 1), (0.001, 0.001, 2, 0.05, 2),
    (0.001, 0, 100000000, 0.0001, 2), (0.999, -0.998, 2, 0.5, 1), (0.999, -0.001, 100000000, 0.5, 2),
    (0.5, 0.0001, 100000000, 0.05, 2), (0.5, 0.4, 2, 0.0001, 2), (0.02, 0.003, 123457, 0.01, 1),
    (0.9, 0.05, 777, 0.2, 2), (0.3, -0.2, 50, 0.05, 2), (0.001, 0.998, 2, 0.05, 1),
    (0.5, 1e-06, 1000, 0.05, 2),
]
for _ in range(300):
    p1 = float("%.4g" % (10 ** rng.uniform(-3, math.log10(0.999))))
    p2 = min(0.999, max(0.001, p1 + rng.normal() * rng.choice([0.002, 0.02, 0.2])))
    lift = float("%.4g" % (p2 - p1))
    if not 0.001 - 1e-12 <= p1 + lift <= 0.999 + 1e-12:
        continue
    cases.append((p1, lift, int(10 ** rng.uniform(math.log10(2), 8)),
                  float("%.3g" % (10 ** rng.uniform(-4, math.log10(0.5)))), int(rng.choice([1, 2]))))

bad = []
n80_checked = 0
for p1, lift, n, alpha, tails in cases:
    rc, m, err = metrics(baseline=p1, lift=lift, n=n, alpha=alpha, tails=tails)
    p2 = p1 + lift
    if rc != 0 or m is None:
        bad.append("%r: rc %d %s" % ((p1, lift, n, alpha, tails), rc, err))
        continue
    se = math.sqrt(p1 * (1 - p1) / n + p2 * (1 - p2) / n)
    want = {"se": se, "critical_z": stats.norm.isf(alpha / tails),
            "power": power_scipy(p1, p2, n, alpha, tails)}
    for k, v in want.items():
        tol = 1e-12 if k == "power" else 1e-13 * abs(v)
        if not abs(m[k] - v) <= tol:
            bad.append("%r: %s %r, SciPy %r" % ((p1, lift, n, alpha, tails), k, m[k], v))
    if "n_for_80" in m:
        n80 = m["n_for_80"]
        hi = power_scipy(p1, p2, n80, alpha, tails)
        lo = power_scipy(p1, p2, n80 - 1, alpha, tails) if n80 > 1 else 0
        # a power within 1e-13 of the goal is a rounding tie, not a wrong answer
        if not (n80 == int(n80) and hi >= 0.8 - 1e-13 and lo < 0.8 + 1e-13):
            bad.append("%r: n_for_80 %r, SciPy power there %r and at n - 1 %r"
                       % ((p1, lift, n, alpha, tails), n80, hi, lo))
        n80_checked += 1
    else:
        # absent only when no n up to 1e15 reaches 80%
        if power_scipy(p1, p2, 1e15, alpha, tails) >= 0.8:
            bad.append("%r: no n_for_80, but SciPy's power at 1e15 is %r"
                       % ((p1, lift, n, alpha, tails), power_scipy(p1, p2, 1e15, alpha, tails)))
check(not bad and n80_checked > 200,
      "power, critical_z, se equal SciPy on %d parameter sets; n_for_80 is the smallest n "
      "with power >= 0.8 on %d of them" % (len(cases), n80_checked), "\n".join(bad[:8]))

rc, m, err = metrics()
check(rc == 0 and abs(m["power"] - 0.4737) < 1e-4 and m["n_for_80"] == 21882,
      "the lesson's example: 5.0% vs 5.6%, 10,000 per arm: power 47.4%, 21,882 for 80%",
      json.dumps(m))

# ---- the simulation ------------------------------------------------------------------------

M64 = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & M64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return state, z ^ (z >> 31)


class Xoshiro:
    def __init__(self, seed):
        self.s = []
        sm = seed
        for _ in range(4):
            sm, v = splitmix64(sm)
            self.s.append(v)

    def next(self):
        s = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & M64
        result = (rotl((s[1] * 5) & M64, 7) * 9) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result


def first_run(p1, p2, n, alpha, tails, peeks, seed):
    """Run 1 of the simulation, independently: its z at the look it stopped (or the last)."""
    g = Xoshiro(seed)
    t1, t2 = int(math.ldexp(p1, 64)), int(math.ldexp(p2, 64))
    crit = stats.norm.isf(alpha / tails)
    ca = cb = seen = 0
    z = 0.0
    for k in range(1, peeks + 1):
        upto = -(-k * n // peeks)
        ca += sum(g.next() < t1 for _ in range(upto - seen))
        cb += sum(g.next() < t2 for _ in range(upto - seen))
        seen = upto
        pooled = (ca + cb) / (2 * seen)
        z = 0.0 if pooled <= 0 or pooled >= 1 else (cb - ca) / math.sqrt(2 * seen * pooled * (1 - pooled))
        if (z >= crit) if tails == 1 else (abs(z) >= crit):
            return z, k
    return z, peeks


bad = []
for p1, lift, n, alpha, tails, peeks, seed in [
        (0.05, 0, 2000, 0.05, 2, 10, 1), (0.05, 0.02, 3000, 0.05, 1, 5, 7),
        (0.3, -0.05, 500, 0.1, 2, 3, 42), (0.001, 0, 50, 0.05, 2, 10, 3),
        (0.5, 0.1, 997, 0.01, 2, 7, 123456), (0.2, 0, 1000, 0.5, 2, 100, 5)]:
    rc, m, err = metrics(mode="simulate", baseline=p1, lift=lift, n=n, alpha=alpha, tails=tails,
                         peeks=peeks, seed=seed, runs=1)
    z, look = first_run(p1, p1 + lift, n, alpha, tails, peeks, seed)
    p = stats.norm.sf(z) if tails == 1 else 2 * stats.norm.sf(abs(z))
    if rc != 0 or m is None or abs(m["z"] - z) > 1e-12 * max(1, abs(z)) or \
       abs(m["p_value"] - p) > 1e-13 * max(p, 1e-300) + 1e-300:
        bad.append("%r: got %r, Python z %r (look %d), SciPy p %r"
                   % ((p1, lift, n, alpha, tails, peeks, seed), m, z, look, p))
check(not bad, "the first run's z matches an independent Python simulation bit for bit, and "
      "its p_value scipy.stats.norm, on 6 designs", "\n".join(bad))


def numpy_rate(p1, p2, n, alpha, tails, peeks, runs, seed):
    """The same procedure with NumPy's generator: binomial increments between looks."""
    g = np.random.default_rng(seed)
    looks = [-(-k * n // peeks) for k in range(1, peeks + 1)]
    inc = np.diff([0] + looks)
    ca = np.cumsum(g.binomial(inc, p1, size=(runs, peeks)), axis=1)
    cb = np.cumsum(g.binomial(inc, p2, size=(runs, peeks)), axis=1)
    nn = np.array(looks, dtype=float)
    pooled = (ca + cb) / (2 * nn)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where((pooled > 0) & (pooled < 1),
                     (cb - ca) / np.sqrt(2 * nn * pooled * (1 - pooled)), 0.0)
    crit = stats.norm.isf(alpha / tails)
    sig = (z >= crit) if tails == 1 else (np.abs(z) >= crit)
    return sig.any(axis=1).mean(), sig[:, -1].mean()


def sim_rate(**params):
    rc, m, err = metrics(mode="simulate", **params)
    return (m["simulated_positive_rate"] if rc == 0 and m else None), err


# A/A, one look: the share of false positives is alpha, within 3 binomial standard deviations
# of the runs (plus 0.002 for the z-test's own error at these n).
for p1, n, alpha, runs in [(0.05, 10000, 0.05, 4000), (0.3, 2000, 0.1, 4000),
                           (0.1, 5000, 0.01, 10000)]:
    rate, err = sim_rate(baseline=p1, lift=0, n=n, alpha=alpha, peeks=1, runs=runs, seed=11)
    sd = math.sqrt(alpha * (1 - alpha) / runs)
    check(rate is not None and abs(rate - alpha) <= 3 * sd + 0.002,
          "A/A, one look (p %g, n %d, alpha %g, %d runs): rate %s within 3 sd (%.4f) of alpha"
          % (p1, n, alpha, runs, rate, sd), err)

# A/A, ten looks: far above alpha (about 4 alpha), and equal to NumPy's simulation of the
# same procedure within 4 standard deviations of the difference of two independent estimates.
for p1, n, alpha, peeks, runs in [(0.05, 10000, 0.05, 10, 4000), (0.2, 3000, 0.05, 20, 3000),
                                  (0.05, 10000, 0.01, 10, 6000)]:
    rate, err = sim_rate(baseline=p1, lift=0, n=n, alpha=alpha, peeks=peeks, runs=runs, seed=2)
    ref, ref_final = numpy_rate(p1, p1, n, alpha, 2, peeks, 40000, 9)
    sd = math.sqrt(ref * (1 - ref) * (1 / runs + 1 / 40000))
    check(rate is not None and rate > 2 * alpha and abs(rate - ref) <= 4 * sd,
          "A/A, %d looks (p %g, n %d, alpha %g): rate %s > 2 alpha, NumPy %.4f (4 sd %.4f)"
          % (peeks, p1, n, alpha, rate, ref, 4 * sd), err)

# A/B: the simulated rate with one look is the test's power (NumPy's simulation; and the
# normal approximation within 0.02 at these sizes), and peeking only raises it.
for p1, lift, n, tails in [(0.05, 0.006, 10000, 2), (0.1, 0.02, 2000, 1), (0.4, -0.03, 3000, 2)]:
    one, err = sim_rate(baseline=p1, lift=lift, n=n, tails=tails, peeks=1, runs=4000, seed=5)
    many, _ = sim_rate(baseline=p1, lift=lift, n=n, tails=tails, peeks=10, runs=4000, seed=5)
    ref, _ = numpy_rate(p1, p1 + lift, n, 0.05, tails, 1, 40000, 8)
    sd = math.sqrt(ref * (1 - ref) * (1 / 4000 + 1 / 40000))
    approx = power_scipy(p1, p1 + lift, n, 0.05, tails)
    check(one is not None and abs(one - ref) <= 4 * sd and abs(one - approx) <= 0.02 + 4 * sd
          and many > one,
          "A/B (%g %+g, n %d, %d-sided): one look %s = NumPy %.4f (4 sd %.4f), power %.4f; "
          "ten looks %s" % (p1, lift, n, tails, one, ref, 4 * sd, approx, many), err)

# The same seed gives the same experiments; the work bound cuts runs to 1e8 / n.
a = metrics(mode="simulate", lift=0, peeks=10, seed=3)[1]
b = metrics(mode="simulate", lift=0, peeks=10, seed=3)[1]
c = metrics(mode="simulate", lift=0, peeks=10, seed=4)[1]
check(a == b and a["simulated_positive_rate"] != c["simulated_positive_rate"],
      "a seed gives the same simulation, another seed another", "%r %r %r" % (a, b, c))
rc, out, err = run("metrics", "ab-test", "--set", "mode=simulate", "--set", "n=100000000",
                   "--set", "runs=100000", "--set", "lift=0")
m = json.loads(out) if rc == 0 else {}
check(rc == 0 and m.get("simulated_positive_rate") in (0, 1),
      "runs × n = 1e13 is cut to one run of 1e8 users per arm (the bound), and finishes", out + err)

# ---- ttest ---------------------------------------------------------------------------------

def write(name, values, header=None):
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        if header:
            f.write(header + "\n")
        for v in values:
            f.write(repr(float(v)) + "\n")
    return path


def ttest(a, b, *opts):
    rc, out, err = run("ttest", a, b, *opts)
    try:
        return rc, json.loads(out), err
    except ValueError:
        return rc, None, out + err


def close(got, want, rtol, atol=0.0):
    return abs(got - want) <= rtol * abs(want) + atol


def exact_mean_var(v):
    """Mean and unbiased variance of doubles in exact rational arithmetic, rounded once."""
    v = [Fraction(float(a)) for a in v]
    m = sum(v) / len(v)
    return float(m), float(sum((a - m) ** 2 for a in v) / (len(v) - 1)), m


def reference(x, y, alpha, paired):
    """t, df, p, mean_diff and the interval: the sample moments exact, the distribution
    from scipy.stats.t (sf for p, ppf for the interval)."""
    if paired:
        d = [Fraction(float(a)) - Fraction(float(b)) for a, b in zip(x, y)]
        md = sum(d) / len(d)
        var = float(sum((a - md) ** 2 for a in d) / (len(d) - 1))
        diff, se, df = float(md), math.sqrt(var / len(d)), len(d) - 1
    else:
        ma, va, fa = exact_mean_var(x)
        mb, vb, fb = exact_mean_var(y)
        ra, rb = va / len(x), vb / len(y)
        scale = max(ra, rb)
        diff, se = float(fa - fb), math.sqrt(ra + rb)
        ra, rb = ra / scale, rb / scale
        df = (ra + rb) ** 2 / (ra ** 2 / (len(x) - 1) + rb ** 2 / (len(y) - 1))
    t = diff / se
    half = stats.t.ppf(1 - alpha / 2, df) * se
    return {"t": t, "df": df, "p_value": 2 * stats.t.sf(abs(t), df), "mean_diff": diff,
            "ci_low": diff - half, "ci_high": diff + half}


def agrees(got, want, half):
    # SciPy's t.ppf is good to about 1e-8 relative for fractional df (checked against mpmath),
    # so the interval is held to 1e-7 of its half-width; everything else much tighter
    return (close(got["t"], want["t"], 1e-10, 1e-12) and close(got["df"], want["df"], 1e-10) and
            close(got["p_value"], want["p_value"], 1e-8, 1e-300) and
            close(got["mean_diff"], want["mean_diff"], 1e-10, 1e-300) and
            abs(got["ci_low"] - want["ci_low"]) <= 1e-7 * half and
            abs(got["ci_high"] - want["ci_high"]) <= 1e-7 * half)


bad = []
n_cases = n_scipy = 0
gen = np.random.default_rng(21)
# (x, y, whether SciPy's own moments are accurate here): SciPy loses digits to a 1e9 offset
# (its mean is 1.4e-7 off, ours 2e-8) and gets df = nan at a scale of 1e-150 (the squares of
# the variances underflow); there the exact moments are the reference
samples = [
    (gen.normal(0, 1, 2), gen.normal(0, 1, 2), True),
    (gen.normal(5, 1, 3), gen.normal(0, 9, 50), True),
    (gen.normal(0, 1, 1000), gen.normal(0.1, 1, 3), True),
    (gen.exponential(2, 40), gen.exponential(3, 38), True),
    (gen.normal(1e9, 1e-3, 30), gen.normal(1e9 + 1e-3, 1e-3, 30), False),
    (gen.normal(0, 1e-150, 20), gen.normal(1e-150, 1e-150, 25), False),
    (np.full(10, 3.0), gen.normal(3, 1, 10), True),      # one sample with no spread: defined
    (gen.normal(0, 1, 100000), gen.normal(0.01, 2, 99999), True),
    (gen.normal(0, 1, 7), gen.normal(40, 1, 7), True),   # a tiny p-value
    (gen.integers(-80, 80, 12) / 8, gen.integers(-80, 80, 12) / 8, True),
]
for _ in range(40):
    na, nb = int(10 ** gen.uniform(0.31, 3.5)), int(10 ** gen.uniform(0.31, 3.5))
    samples.append((gen.normal(gen.normal(), 10 ** gen.uniform(-2, 2), na),
                    gen.normal(gen.normal(), 10 ** gen.uniform(-2, 2), nb), True))
for i, (x, y, conditioned) in enumerate(samples):
    pa, pb = write("a%d.csv" % i, x, "control" if i % 2 else None), write("b%d.csv" % i, y)
    for paired in (False, True) if len(x) == len(y) else (False,):
        for alpha in (0.05, 0.001) if i % 3 else (0.05,):
            opts = ["--alpha", alpha] + (["--paired"] if paired else [])
            rc, got, err = ttest(pa, pb, *opts)
            want = reference(x, y, alpha, paired)
            half = want["ci_high"] - want["mean_diff"]
            n_cases += 1
            if rc != 0 or got is None or not agrees(got, want, half):
                bad.append("%s %d alpha %g: %r\n  reference %r"
                           % ("paired" if paired else "welch", i, alpha, got or err, want))
                continue
            if conditioned:
                r = stats.ttest_rel(x, y) if paired else stats.ttest_ind(x, y, equal_var=False)
                n_scipy += 1
                if not (close(got["t"], r.statistic, 1e-9, 1e-12) and
                        close(got["p_value"], r.pvalue, 1e-8, 1e-300)):
                    bad.append("%s %d: t %r p %r, SciPy t %r p %r"
                               % ("paired" if paired else "welch", i, got["t"],
                                  got["p_value"], r.statistic, r.pvalue))
check(not bad, "ttest (Welch and paired) on %d cases (2 to 100,000 values, an offset of 1e9, a "
      "scale of 1e-150): t, df, p, mean_diff, interval equal exact moments with "
      "scipy.stats.t sf and ppf; t and p equal ttest_ind/ttest_rel on the %d well-conditioned "
      "ones" % (n_cases, n_scipy), "\n".join(bad[:6]))

# equal samples: t 0, p 1
x = gen.integers(-400, 400, 25) / 8   # exact in binary, so x + 1 - x is exactly 1
pa, pb = write("eq-a.csv", x), write("eq-b.csv", x)
rc, got, err = ttest(pa, pb)
check(rc == 0 and got["t"] == 0 and got["p_value"] == 1 and got["mean_diff"] == 0
      and got["ci_low"] < 0 < got["ci_high"],
      "ttest of a sample against itself: t 0, p 1, an interval around 0", got or err)

# what the t statistic cannot be computed for: a clear message, exit 1, nothing on stdout
const_a, const_b = write("c-a.csv", [2.5] * 8), write("c-b.csv", [7] * 5)
one = write("one.csv", [1.0])
shift = write("shift.csv", [v + 1 for v in x])
for args, message in [
        ((const_a, const_b), "neither sample varies"),
        ((const_a, const_a), "neither sample varies"),
        ((one, pb), "one.csv: the t-test needs at least 2 values in each sample, this file has 1"),
        ((pa, shift, "--paired"), "every difference between the pairs is -1"),
        ((pa, const_a, "--paired"), "needs as many values"),
        ((pa, pb, "--alpha", "0"), "--alpha: 0 is out of range"),
        ((pa, pb, "--alpha", "nan"), "--alpha: “nan” is not a finite number"),
        ((pa,), "expected two files")]:
    rc, out, err = run("ttest", *args)
    want_rc = 2 if "alpha" in message or "two files" in message else 1
    check(rc == want_rc and out == "" and message in err and "nan" not in err.replace("“nan”", ""),
          "ttest %s: exit %d, “%s”" % (" ".join(os.path.basename(str(a)) for a in args), want_rc,
                                       message), "rc %d\n%s%s" % (rc, out, err))

# ---- proportions ---------------------------------------------------------------------------

def proportions_scipy(sa, ta, sb, tb, alpha):
    pa, pb = sa / ta, sb / tb
    pooled = (sa + sb) / (ta + tb)
    z = (pb - pa) / math.sqrt(pooled * (1 - pooled) * (1 / ta + 1 / tb))
    se = math.sqrt(pa * (1 - pa) / ta + pb * (1 - pb) / tb)
    half = stats.norm.ppf(1 - alpha / 2) * se
    return {"diff": pb - pa, "z": z, "p_value": 2 * stats.norm.sf(abs(z)),
            "ci_low": pb - pa - half, "ci_high": pb - pa + half}


bad = []
groups = [(500, 10000, 560, 10000, 0.05), (0, 10, 3, 10, 0.05), (10, 10, 7, 10, 0.05),
          (0, 1, 1, 1, 0.05), (1, 1000000000000000, 2, 1000000000000000, 0.05),
          (123456789, 999999999, 123456000, 999999999, 0.001), (5, 6, 1, 9, 0.5),
          (0, 100, 100, 100, 0.05), (1, 2, 1, 2, 0.05)]
for _ in range(150):
    ta, tb = int(10 ** gen.uniform(0, 9)), int(10 ** gen.uniform(0, 9))
    sa, sb = int(gen.integers(0, ta + 1)), int(gen.integers(0, tb + 1))
    if sa + sb in (0, ta + tb):
        continue
    groups.append((sa, ta, sb, tb, float(gen.choice([0.05, 0.01, 0.1]))))
for sa, ta, sb, tb, alpha in groups:
    rc, out, err = run("proportions", "--a", "%d/%d" % (sa, ta), "--b", "%d/%d" % (sb, tb),
                       "--alpha", alpha)
    want = proportions_scipy(sa, ta, sb, tb, alpha)
    try:
        got = json.loads(out)
    except ValueError:
        got = None
    scale = max(abs(want["ci_high"] - want["ci_low"]), 1e-300)
    if rc != 0 or got is None or any(
            not close(got[k], want[k], 1e-12, 1e-15 * scale + (1e-300 if k == "p_value" else 0))
            for k in want):
        bad.append("%d/%d %d/%d: %r, SciPy %r" % (sa, ta, sb, tb, got or err, want))
check(not bad, "proportions equals the z-test by formula with scipy.stats.norm on %d pairs of "
      "groups, 0 to all successes, 1 to 1e15 trials" % len(groups), "\n".join(bad[:6]))

rc, out, err = run("proportions", "--a", "0/10", "--b", "10/10")
got = json.loads(out) if rc == 0 else {}
check(rc == 0 and got["ci_low"] == got["ci_high"] == 1 and "no width" in err,
      "0/10 against 10/10: z defined, a Wald interval of no width, and a note saying so",
      out + err)
for args, want_rc, message in [
        (("--a", "0/10", "--b", "0/20"), 1, "neither group has a success"),
        (("--a", "10/10", "--b", "20/20"), 1, "every trial in both groups is a success"),
        (("--a", "11/10", "--b", "1/10"), 2, "SUCCESSES cannot be more than TRIALS"),
        (("--a", "1/0", "--b", "1/10"), 2, "TRIALS must be from 1 to 10^15"),
        (("--a", "-1/10", "--b", "1/10"), 2, "expected SUCCESSES/TRIALS"),
        (("--a", "1.5/10", "--b", "1/10"), 2, "expected SUCCESSES/TRIALS"),
        (("--a", "nan/10", "--b", "1/10"), 2, "expected SUCCESSES/TRIALS"),
        (("--a", "1/10000000000000000", "--b", "1/10"), 2, "TRIALS must be from 1 to 10^15"),
        (("--a", "1/10"), 2, "--b SUCCESSES/TRIALS is required"),
        (("--a", "1/10", "--b", "2/10", "--alpha", "0.9"), 2, "--alpha: 0.9 is out of range")]:
    rc, out, err = run("proportions", *args)
    check(rc == want_rc and out == "" and message in err,
          "proportions %s: exit %d, “%s”" % (" ".join(args), want_rc, message),
          "rc %d\n%s%s" % (rc, out, err))

finish()
