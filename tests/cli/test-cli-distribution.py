#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The "distribution" demo's numbers through `ml-roadmap-cli metrics distribution` (TAP):

 - mean, variance, pdf and cdf of each of the seven distributions against scipy.stats, on
   parameter sets with their edges (p near and at 0 and 1, one trial and a billion, sigma of
   1e-6 and 1e6, shapes of 0.05 and 1000) and at x in the tails and outside the support:
   1e-12 relative (1e-12 · |ln value| / 50 far in a tail, where a value's digits are bounded
   by its logarithm's);
 - the simulated numbers within their Monte Carlo error, for fixed seeds: |sample_mean − mean|
   < 5 sd/√N; |sample_variance − variance| < 5 √((μ₄ − σ⁴)/N) (μ₄ from SciPy's kurtosis);
   in mode clt, means_mean within 5 σ/√(n M) of the mean, means_sd within 5 standard errors of
   σ/√n (the sd of a sample sd: σ_m √((κ/n + 2)/(4M)), κ the excess kurtosis), clt_sd exactly
   σ/√n, and the exponential's means visibly skewed at n = 2 (2/√2 in theory) and nearly not
   at n = 400;
 - hostile parameters refused with exit status 2 and a message naming the key and its range
   (or the rule), and nothing on stdout; the same parameters give the same numbers.

usage: test-cli-distribution.py PATH/TO/ml-roadmap-cli
"""
import json
import math
import subprocess
import sys

from scipy import stats as st

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"


def metrics(**params):
    args = [CLI, "metrics", "distribution"]
    for k, v in params.items():
        args += ["--set", "%s=%s" % (k, v)]
    p = subprocess.run(args, capture_output=True, text=True)
    got = None
    if p.returncode == 0:
        try:
            got = json.loads(p.stdout)
        except ValueError:
            got = None
    return p.returncode, got, p.stdout, p.stderr


def close(got, want, base=1e-12):
    if got == want:
        return True
    if want == 0:
        return abs(got) <= 1e-300
    tol = base * max(1.0, abs(math.log(abs(want))) / 50)
    return abs(got - want) <= tol * abs(want)


def frozen(name, a, b):
    return {
        "normal": lambda: st.norm(a, b), "uniform": lambda: st.uniform(a, b - a),
        "exponential": lambda: st.expon(scale=1 / a), "binomial": lambda: st.binom(int(a), b),
        "poisson": lambda: st.poisson(a), "beta": lambda: st.beta(a, b),
        "lognormal": lambda: st.lognorm(b, scale=math.exp(a)),
    }[name]()


KEYS = {"normal": ("mu", "sigma"), "uniform": ("a", "b"), "exponential": ("rate",),
        "binomial": ("trials", "p"), "poisson": ("rate",), "beta": ("alpha", "beta"),
        "lognormal": ("mu", "sigma")}


def params_of(name, a, b):
    keys = KEYS[name]
    out = {"distribution": name, keys[0]: repr(a)}
    if len(keys) > 1:
        out[keys[1]] = repr(b)
    return out


# ---------------------------------------------------------------- exact numbers

sets = [
    ("normal", 0, 1), ("normal", -7.5, 1e-6), ("normal", 1e6, 1e6), ("normal", 3, 0.25),
    ("uniform", 0, 1), ("uniform", -1e6, 1e6), ("uniform", 2, 2.000001),
    ("exponential", 1, 0), ("exponential", 0.001, 0), ("exponential", 1e6, 0),
    ("binomial", 10, 0.5), ("binomial", 1, 0.05), ("binomial", 1000, 0.03),
    ("binomial", 100, 0), ("binomial", 100, 1), ("binomial", 37, 0.999),
    ("binomial", 1000, 1e-7), ("binomial", 1000000000, 0.5),
    ("poisson", 0.001, 0), ("poisson", 4, 0), ("poisson", 33.3, 0), ("poisson", 1000000, 0),
    ("beta", 2, 5), ("beta", 0.5, 0.5), ("beta", 0.05, 3), ("beta", 1, 1), ("beta", 300, 2.5),
    ("beta", 1000, 1000),
    ("lognormal", 0, 1), ("lognormal", -10, 0.01), ("lognormal", 10, 3), ("lognormal", 1, 0.4),
]
bad = []
count = 0
for name, a, b in sets:
    d = frozen(name, a, b)
    discrete = name in ("binomial", "poisson")
    m, s = float(d.mean()), float(d.std())
    lo, hi = d.support()
    xs = [m + z * s for z in (-9, -2.5, -0.3, 0.7, 1, 4, 12)]
    xs += [v for v in (lo - 1, hi + 1, lo, hi) if math.isfinite(v)]
    if discrete:
        xs = sorted({math.floor(v) for v in xs}) + [math.floor(m) + 0.5]
    for x in xs:
        if abs(x) > 1e12:
            continue
        rc, got, out, err = metrics(samples=1, x=repr(x), **params_of(name, a, b))
        count += 1
        pdf = float(d.pmf(x) if discrete else d.pdf(x))
        cdf = float(d.cdf(x))
        want = {"mean": float(d.mean()), "variance": float(d.var()), "cdf": cdf, "x": x}
        if math.isfinite(pdf):
            want["pdf"] = pdf
        if name == "binomial" and a >= 1e9:
            # SciPy loses 8 digits there; test-special-scipy.py checks these against 40-digit
            # decimals instead
            del want["pdf"], want["cdf"]
        if name == "poisson" and a >= 1e4:
            del want["pdf"]   # SciPy's poisson.pmf loses 9 digits there (as above)
        if rc != 0 or got is None:
            bad.append("%s(%r, %r) x=%r: exit %d %s" % (name, a, b, x, rc, err.strip()))
            continue
        if not math.isfinite(pdf) and "pdf" in got:
            bad.append("%s(%r, %r) x=%r: an infinite density must be left out, got %r"
                       % (name, a, b, x, got["pdf"]))
        for k, w in want.items():
            if (k == "pdf" or k == "cdf") and 0 < w < 1e-280:
                continue   # below the smallest normal double: both round differently
            if k not in got or not close(got[k], w):
                bad.append("%s(%r, %r) x=%r: %s = %r, SciPy %r"
                           % (name, a, b, x, k, got.get(k), w))
        if any(v is None for v in got.values()):
            bad.append("%s(%r, %r) x=%r: null in %s" % (name, a, b, x, out.strip()))
check(not bad, "mean, variance, pdf, cdf equal scipy.stats to 1e-12 on %d sets and %d points"
      % (len(sets), count), "\n".join(bad[:10]))

# the chosen distribution's parameters come back, the others do not
rc, got, out, err = metrics(distribution="beta", alpha=0.5, beta=2)
check(rc == 0 and got["alpha"] == 0.5 and got["beta"] == 2 and "mu" not in got
      and "trials" not in got and got["distribution"] == "beta" and got["mode"] == "sample",
      "metrics name the distribution and its own parameters only", out + err)
# the density is infinite at a beta's end with a shape below 1: left out, not null
rc, got, out, err = metrics(distribution="beta", alpha=0.5, beta=0.5, x=0)
check(rc == 0 and "pdf" not in got and got["cdf"] == 0 and "null" not in out,
      "an infinite density (beta 0.5 at 0) is left out of the metrics", out + err)
# the default x is one sd above the mean (rounded to two digits of the sd)
rc, got, out, err = metrics()
check(rc == 0 and got["x"] == 1 and close(got["cdf"], st.norm.cdf(1)),
      "the default x is the mean + 1 sd: P(X <= 1) = 0.8413 for the standard normal", out)
rc, got, out, err = metrics(distribution="binomial", trials=1000, p=0.03)
check(rc == 0 and got["x"] == 35 and got["mean"] == 30 and close(got["variance"], 29.1),
      "Binomial(1000, 0.03): mean 30, variance 29.1, default x = floor(30 + 5.39) = 35", out)

# ---------------------------------------------------------------- Monte Carlo


def mu4(d):
    k = float(d.stats(moments="k"))
    return (k + 3) * float(d.var()) ** 2


sims = [("normal", 0, 1), ("normal", 5, 0.01), ("uniform", -1, 3), ("exponential", 2, 0),
        ("binomial", 10, 0.5), ("binomial", 1000, 0.03), ("binomial", 1, 0.05),
        ("poisson", 4, 0), ("poisson", 1000, 0), ("beta", 2, 5), ("beta", 0.5, 0.5),
        ("lognormal", 0, 0.5)]
bad = []
N = 20000
for i, (name, a, b) in enumerate(sims):
    d = frozen(name, a, b)
    rc, got, out, err = metrics(samples=N, seed=11 + i, **params_of(name, a, b))
    if rc != 0:
        bad.append("%s: exit %d %s" % (name, rc, err))
        continue
    mean, var = float(d.mean()), float(d.var())
    se_mean = math.sqrt(var / N)
    se_var = math.sqrt((mu4(d) - var * var) / N)
    if abs(got["sample_mean"] - mean) >= 5 * se_mean:
        bad.append("%s(%r, %r): sample_mean %r, mean %r (5 SE = %.3g)"
                   % (name, a, b, got["sample_mean"], mean, 5 * se_mean))
    if abs(got["sample_variance"] - var) >= 5 * se_var:
        bad.append("%s(%r, %r): sample_variance %r, variance %r (5 SE = %.3g)"
                   % (name, a, b, got["sample_variance"], var, 5 * se_var))
    if got["drawn"] != N or got["samples"] != N:
        bad.append("%s: drawn %r of %r" % (name, got["drawn"], got["samples"]))
check(not bad, "sample_mean and sample_variance within 5 standard errors (%d draws, %d sets)"
      % (N, len(sims)), "\n".join(bad))

# The sample variance divides by n − 1: with two draws it is (x1 − x2)² / 2, which the
# sample mean and a third statistic pin down; check against the draws' own definition by
# comparing samples=2 with the population formula it would give otherwise.
rc2, got2, out2, _ = metrics(samples=2, seed=5)
check(rc2 == 0 and got2["sample_variance"] > 0 and "means_sd" not in got2,
      "two samples give a (n − 1) variance; mode sample reports no means", out2)
rc1, got1, out1, _ = metrics(samples=1, seed=5)
check(rc1 == 0 and "sample_variance" not in got1 and "sample_mean" not in got1,
      "one sample: no variance, so no sample statistics are reported", out1)

bad = []
clt = [("exponential", 1, 0, 2, 5000), ("exponential", 1, 0, 30, 5000),
       ("uniform", 0, 1, 12, 2000), ("binomial", 1, 0.05, 1000, 1000),
       ("poisson", 0.5, 0, 100, 5000), ("beta", 0.5, 0.5, 5, 5000), ("lognormal", 0, 1, 50, 5000),
       ("normal", 10, 3, 4, 2000), ("binomial", 20, 0.3, 250, 4000)]
for i, (name, a, b, n, M) in enumerate(clt):
    d = frozen(name, a, b)
    rc, got, out, err = metrics(mode="clt", n=n, samples=M, seed=100 + i, **params_of(name, a, b))
    if rc != 0:
        bad.append("%s n=%d: exit %d %s" % (name, n, rc, err))
        continue
    sigma = float(d.std())
    se = sigma / math.sqrt(n)
    kurt = float(d.stats(moments="k"))
    se_sd = se * math.sqrt((kurt / n + 2) / (4 * M))
    if not close(got["clt_sd"], se, 1e-14):
        bad.append("%s n=%d: clt_sd %r, σ/√n %r" % (name, n, got["clt_sd"], se))
    if abs(got["means_mean"] - float(d.mean())) >= 5 * se / math.sqrt(M):
        bad.append("%s n=%d: means_mean %r, mean %r" % (name, n, got["means_mean"], d.mean()))
    if abs(got["means_sd"] - se) >= 5 * se_sd:
        bad.append("%s n=%d: means_sd %r, σ/√n %r (5 SE = %.3g)"
                   % (name, n, got["means_sd"], se, 5 * se_sd))
    if not close(got["sample_mean"], got["means_mean"], 1e-12):
        bad.append("%s n=%d: all %d draws' mean %r is the means' mean %r"
                   % (name, n, n * M, got["sample_mean"], got["means_mean"]))
check(not bad, "mode clt: means_mean, means_sd within 5 SE of the mean and σ/√n; clt_sd = σ/√n "
      "(%d sets)" % len(clt), "\n".join(bad))

rc, two, out, err = metrics(mode="clt", distribution="exponential", n=2, samples=20000, seed=3)
rc2, many, out2, err2 = metrics(mode="clt", distribution="exponential", n=400, samples=2500,
                                seed=3)
# sample skewness SE ≈ √(6/M): 0.017 and 0.049
check(rc == 0 and rc2 == 0 and abs(two["means_skewness"] - 2 / math.sqrt(2)) < 5 * 0.017 * 3
      and abs(many["means_skewness"]) < 0.1 + 5 * 0.049,
      "exponential means: skewness %.3f at n = 2 (2/√2 = 1.414: not normal yet), %.3f at n = 400"
      % (two.get("means_skewness", math.nan) if two else math.nan,
         many.get("means_skewness", math.nan) if many else math.nan), out + out2 + err + err2)

# ---------------------------------------------------------------- same in, same out

a = metrics(seed=42, samples=500)[2]
b = metrics(seed=42, samples=500)[2]
c = metrics(seed=43, samples=500)[2]
check(a == b and a != c, "the same seed gives the same numbers, another seed others")

# ---------------------------------------------------------------- hostile parameters

hostile = [
    ({"sigma": "nan"}, "sigma"), ({"sigma": "-1"}, "sigma"), ({"sigma": "0"}, "sigma"),
    ({"mu": "inf"}, "mu"), ({"p": "1.5"}, "p"), ({"p": "-0.1"}, "p"), ({"n": "0"}, "n"),
    ({"samples": "1000000000"}, "samples"), ({"samples": "0"}, "samples"),
    ({"trials": "0"}, "trials"), ({"trials": "1.5"}, "trials"), ({"trials": "2000000000"}, "trials"),
    ({"rate": "0"}, "rate"), ({"alpha": "0"}, "alpha"), ({"beta": "1e9"}, "beta"),
    ({"x": "nan"}, "x"), ({"x": "1e13"}, "x"), ({"seed": "-1"}, "seed"),
    ({"distribution": "cauchy"}, "distribution"), ({"mode": "both"}, "mode"),
    ({"distribution": "uniform", "a": "2", "b": "1"}, "a < b"),
    ({"distribution": "uniform", "a": "1", "b": "1"}, "a < b"),
    ({"distribution": "lognormal", "sigma": "5"}, "sigma at most 3"),
    ({"distribution": "lognormal", "mu": "50"}, "mu within"),
    ({"mode": "clt", "n": "10000", "samples": "1000"}, "1,000,000"),
    ({"mode": "clt", "n": "1001", "samples": "1000"}, "1,000,000"),
]
bad = []
for params, word in hostile:
    rc, got, out, err = metrics(**params)
    if rc != 2 or out != "" or word not in err:
        bad.append("%r: exit %d, stdout %r, stderr %r (want 2, nothing, %r named)"
                   % (params, rc, out, err.strip(), word))
check(not bad, "%d hostile parameter sets end with exit 2 naming the key or rule"
      % len(hostile), "\n".join(bad))

# what a parameter of another distribution holds does not matter
rc, got, out, err = metrics(distribution="normal", a="5", b="1", sigma="2")
check(rc == 0 and got["variance"] == 4, "a >= b is fine while the uniform is not shown", out + err)
# the budget's edge is allowed
rc, got, out, err = metrics(mode="clt", n=1000, samples=1000, distribution="uniform")
check(rc == 0 and got["drawn"] == 1000, "mode clt with n × samples = 1,000,000 draws runs",
      err)

finish()
