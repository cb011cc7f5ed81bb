#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The "regression" demo's numbers against a NumPy reimplementation (TAP).

usage: test-cli-regression.py PATH/TO/ml-roadmap-cli

For each parameter set, `ml-roadmap-cli metrics regression` must report what this script
computes on its own:

  - the points: drawn here with the same generator (xoshiro256** seeded by splitmix64, the
    polar normal method, Fisher-Yates for the split) and the documented recipe — x uniform on
    [0, 1), y = f(x) + σ ε, round(n · test_share) (at most n − 1) points held out — or given
    as points / test_points;
  - the fit: the ridge problem  min ‖y − b − Xw‖² + α‖w‖²  (X the raw powers x … x^degree,
    b free), solved by NumPy's least squares on the stacked system [T; √α N] in a centred,
    scaled power basis t = (x − c) / s (N maps its coefficients to the raw ones), and
    LinearRegression's rule at α = 0;
  - train_rmse, test_rmse = √(mean squared error); r2_test = 1 − SSE/SST on the test points;
  - bias2 = mean over the test x of (E f̂(x) − f(x))², with E f̂ the fit to the noiseless
    truth at the training x; variance = mean over the test x of σ² Σᵢ hᵢ(x)², hᵢ(x) the
    weight of training point i in the prediction at x (the rows of the pseudo-inverse);
    noise = σ².

and a Monte Carlo run (2,000 fresh-noise training sets) agrees with bias2 and variance within
its sampling error. Edge cases: no test points, one test point (no r2_test), a degree least
squares cannot fit (then only noise), and parameters out of range refused with exit 2.

The tolerance is 1e-8 relative (plus 1e-12 absolute): both sides are backward-stable
least-squares solves of a well-conditioned problem (x in [0, 1], the basis centred).
"""
import json
import math
import subprocess
import sys

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"


try:
    import numpy as np
except ImportError as e:
    print("1..0 # SKIP NumPy missing (%s)" % e)
    sys.exit(0)

# ---------------------------------------------------------------- the generator (mlr-rng.c)

M64 = (1 << 64) - 1


def _splitmix64(state):
    state = (state + 0x9e3779b97f4a7c15) & M64
    z = state
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M64
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M64
    return state, z ^ (z >> 31)


def _rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M64


class Rng:
    def __init__(self, seed):
        sm, self.s = seed & M64, []
        for _ in range(4):
            sm, v = _splitmix64(sm)
            self.s.append(v)
        self.spare = None

    def next(self):
        s = self.s
        result = (_rotl((s[1] * 5) & M64, 7) * 9) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 45)
        return result

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53

    def below(self, n):
        limit = M64 - (M64 % n)
        while True:
            x = self.next()
            if x < limit:
                return x % n

    def normal(self):
        if self.spare is not None:
            v, self.spare = self.spare, None
            return v
        while True:
            u = 2.0 * self.uniform() - 1.0
            v = 2.0 * self.uniform() - 1.0
            s = u * u + v * v
            if 0 < s < 1:
                break
        f = math.sqrt(-2.0 * math.log(s) / s)
        self.spare = v * f
        return u * f

    def shuffle(self, items):
        for i in range(len(items), 1, -1):
            j = self.below(i)
            items[i - 1], items[j] = items[j], items[i - 1]


SPLIT_SALT = 0x5851f42d4c957f2d
DEFAULTS = {"truth": "sine", "noise": 0.3, "n": 40, "test_share": 0.5, "seed": 16,
            "degree": 3, "alpha": 0.0}


def truth(name, x):
    if name == "linear":
        return 2 * x - 1
    if name == "quadratic":
        return 8 * (x - 0.5) * (x - 0.5) - 1
    if name == "step":
        return -0.75 if x < 0.5 else 0.75
    return math.sin(2 * math.pi * x)


def points_for(p):
    """[(x, y, is_test)] as the demo draws them, or as given."""
    if "points" in p or "test_points" in p:
        out = []
        for key, test in (("points", False), ("test_points", True)):
            v = [float(t) for t in p.get(key, "").split(",") if t.strip()]
            out += [(v[i], v[i + 1], test) for i in range(0, len(v), 2)]
        return out
    n, rng = int(p["n"]), Rng(int(p["seed"]))
    xs = [rng.uniform() for _ in range(n)]
    ys = [truth(p["truth"], x) + float(p["noise"]) * rng.normal() for x in xs]
    order = list(range(n))
    Rng(int(p["seed"]) ^ SPLIT_SALT).shuffle(order)
    n_test = int(min(round(n * float(p["test_share"])), n - 1))
    test = set(order[:n_test])
    return [(xs[i], ys[i], i in test) for i in range(n)]


# ---------------------------------------------------------------- the fit, in NumPy

def ridge_operator(xtrain, degree, alpha):
    """A function x -> the row vector h(x) with f̂(x) = h(x) · y, or None when least squares
    has no unique answer (fewer distinct x than coefficients)."""
    xtrain = np.asarray(xtrain, dtype=float)
    lo, hi = xtrain.min(), xtrain.max()
    c, s = 0.5 * lo + 0.5 * hi, 0.5 * hi - 0.5 * lo
    s = s if s > 0 else 1.0
    p = degree + 1
    if alpha == 0 and (len(np.unique(xtrain)) < p):
        return None
    T = np.vander((xtrain - c) / s, p, increasing=True)
    # raw coefficient k of t^j = C(j, k) (−c)^(j−k) / s^j
    N = np.zeros((degree, p))
    for k in range(1, p):
        for j in range(k, p):
            N[k - 1, j] = math.comb(j, k) * (-c) ** (j - k) / s ** j
    A = np.vstack([T, math.sqrt(alpha) * N]) if degree > 0 else T
    pinv = np.linalg.pinv(A)[:, :len(xtrain)]        # φ = pinv · y

    def h(x):
        return np.vander((np.asarray(x, dtype=float) - c) / s, p, increasing=True) @ pinv
    return h


def expected(p):
    pts = points_for(p)
    sigma, name = float(p["noise"]), p["truth"]
    tr = [(x, y) for x, y, t in pts if not t]
    te = [(x, y) for x, y, t in pts if t]
    out = {"noise": sigma * sigma}
    if not tr:
        return out
    h = ridge_operator([x for x, _ in tr], int(p["degree"]), float(p["alpha"]))
    if h is None:
        return out
    ytr = np.array([y for _, y in tr])
    out["train_rmse"] = float(np.sqrt(np.mean((h([x for x, _ in tr]) @ ytr - ytr) ** 2)))
    if te:
        xte, yte = np.array([x for x, _ in te]), np.array([y for _, y in te])
        H = h(xte)
        pred = H @ ytr
        out["test_rmse"] = float(np.sqrt(np.mean((pred - yte) ** 2)))
        if len(te) >= 2:
            sst = np.sum((yte - yte.mean()) ** 2)
            sse = np.sum((yte - pred) ** 2)
            out["r2_test"] = float(1 - sse / sst) if sst > 0 else (1.0 if sse == 0 else 0.0)
        ftr = np.array([truth(name, x) for x, _ in tr])
        fte = np.array([truth(name, x) for x in xte])
        out["bias2"] = float(np.mean((H @ ftr - fte) ** 2))
        out["variance"] = float(sigma * sigma * np.mean(np.sum(H * H, axis=1)))
    return out


def metrics(p):
    args = [CLI, "metrics", "regression"]
    for k, v in p.items():
        if k not in DEFAULTS or str(v) != str(DEFAULTS[k]):
            args += ["--set", "%s=%s" % (k, v)]
    r = subprocess.run(args, capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


def close(a, b):
    return abs(a - b) <= 1e-8 * abs(b) + 1e-12


def compare(p):
    rc, out, err = metrics(p)
    try:
        got = json.loads(out, parse_constant=lambda c: float("nan"))
    except ValueError:
        return False, "rc %d, %r %r" % (rc, out, err)
    want = expected(p)
    ok = rc == 0 and set(got) == set(want) and all(close(got[k], want[k]) for k in want)
    return ok, "%s\n  got  %s\n  want %s" % (p, got, want)


# ---------------------------------------------------------------- cases

cases = [dict(DEFAULTS)]
for truth_name in ("linear", "quadratic", "sine", "step"):
    for degree in (0, 1, 3, 7, 15):
        for alpha in (0, 1e-9, 1e-3, 1):
            cases.append(dict(DEFAULTS, truth=truth_name, degree=degree, alpha=alpha))
for n, share, noise, seed in ((2, 0.5, 0.3, 1), (5, 0.9, 1, 2), (100, 0.2, 0.05, 3),
                              (500, 0.5, 0.3, 4), (40, 0, 0.3, 5), (40, 0.9, 0, 6),
                              (17, 0.33, 0.7, 4294967295)):
    for degree, alpha in ((1, 0), (4, 0), (15, 1e-4), (15, 0)):
        cases.append(dict(DEFAULTS, n=n, test_share=share, noise=noise, seed=seed,
                          degree=degree, alpha=alpha))
bad = []
for p in cases:
    ok, diag = compare(p)
    if not ok:
        bad.append(diag)
check(not bad, "metrics of %d drawn data sets equal NumPy's (truths, degrees 0-15, alphas, n "
      "2-500, no and one test point, σ = 0)" % len(cases), "\n".join(bad[:4]))

# given points: duplicates, constant x, one test point, no test points
given = [
    {"points": "0,1,0,1.2,0.5,0.3,0.5,0.1,1,2,1,2.4", "test_points": "0.25,0.8,0.75,1.5",
     "degree": 2},
    {"points": "0,1,0,1.2,0.5,0.3,0.5,0.1,1,2,1,2.4", "test_points": "0.25,0.8", "degree": 2},
    {"points": "0,1,0,1.2,0.5,0.3,0.5,0.1,1,2,1,2.4", "test_points": "0.25,0.8,0.75,1.5",
     "degree": 5},
    {"points": "0,1,0,1.2,0.5,0.3,0.5,0.1,1,2,1,2.4", "test_points": "0.25,0.8,0.75,1.5",
     "degree": 5, "alpha": 0.01},
    {"points": "0.4,1,0.4,2,0.4,-1", "test_points": "0.1,0,0.9,0.5", "degree": 3,
     "alpha": 0.5},
    {"points": "0.4,1,0.4,2,0.4,-1", "test_points": "0.1,0,0.9,0.5", "degree": 3},
    {"points": "0.1,1,0.3,2,0.9,-1", "degree": 2},
    {"points": "0.1,1,0.3,2,0.9,-1,0.5,0.5", "test_points": "0.2,1.1,0.2,1.1", "degree": 1,
     "noise": 0},
]
bad = []
for g in given:
    p = dict(DEFAULTS, **g)
    ok, diag = compare(p)
    if not ok:
        bad.append(diag)
check(not bad, "given points: duplicated and constant x, degree beyond the distinct x (only "
      "noise then), one or no test points, equal test y", "\n".join(bad))

# the definition, by sampling: fresh noise on the training x, 2,000 times
p = dict(DEFAULTS, degree=5, alpha=1e-4)
pts = points_for(p)
tr = [x for x, _, t in pts if not t]
te = np.array([x for x, _, t in pts if t])
h = ridge_operator(tr, 5, 1e-4)
H = h(te)
mc = np.random.default_rng(1)
f_tr = np.array([truth("sine", x) for x in tr])
preds = np.array([H @ (f_tr + 0.3 * mc.normal(size=len(tr))) for _ in range(2000)])
bias2_mc = float(np.mean((preds.mean(axis=0) - np.sin(2 * np.pi * te)) ** 2))
var_mc = float(np.mean(preds.var(axis=0)))
rc, out, _ = metrics(p)
got = json.loads(out)
check(abs(got["variance"] - var_mc) < 0.1 * got["variance"] and
      abs(got["bias2"] - bias2_mc) < 0.002,
      "bias2 and variance are the expectations over fresh noise: 2,000 resampled training "
      "sets agree (variance %.4g vs %.4g sampled, bias2 %.3g vs %.3g)" %
      (got["variance"], var_mc, got["bias2"], bias2_mc))

# nothing reported is NaN or infinite, whatever the settings
bad = []
for g in ({"degree": 15, "n": 2}, {"degree": 15, "n": 17, "noise": 1},
          {"degree": 15, "alpha": 1e10}, {"degree": 15, "alpha": 1e-12, "n": 500},
          {"degree": 0, "test_share": 0.9, "n": 3}, {"truth": "step", "degree": 15}):
    rc, out, err = metrics(dict(DEFAULTS, **g))
    if rc != 0 or "nan" in out.lower() or "inf" in out.lower():
        bad.append("%s: rc %d %s %s" % (g, rc, out, err))
check(not bad, "no NaN or infinity at the edges of the parameters", "\n".join(bad))

# out of range: exit 2 naming the range
for key, value, message in (("degree", "16", "degree: 16 is out of range (allowed: 0 to 15)"),
                            ("alpha", "-1", "alpha: -1 is out of range"),
                            ("alpha", "nan", "alpha: “nan” is not a finite number"),
                            ("noise", "2", "noise: 2 is out of range (allowed: 0 to 1)"),
                            ("n", "1", "n: 1 is out of range (allowed: 2 to 500)"),
                            ("n", "501", "n: 501 is out of range"),
                            ("test_share", "0.95", "test_share: 0.95 is out of range"),
                            ("truth", "cubic", "truth: “cubic” is not one of linear, "
                             "quadratic, sine, step"),
                            ("points", "0.5,1,0.2", "points: expected x,y pairs, got an odd "
                             "number of values (3)"),
                            ("points", "1.5,1", "points: x = 1.5 is outside 0 to 1"),
                            ("points", "0.5,7", "points: 7 is out of range")):
    rc, out, err = metrics({key: value})
    check(rc == 2 and message in err and out == "", "%s=%s: exit 2, “%s”" % (key, value, message),
          "rc %d %s" % (rc, err))

# the lessons' captions and challenges say true things about their demos
def m(**kw):
    rc, out, _ = metrics(dict(DEFAULTS, **kw))
    return json.loads(out) if rc == 0 else {}


lr15, lr3, lr15a = m(degree=15), m(degree=3), m(degree=15, alpha=1e-4)
check(round(lr15["train_rmse"], 2) == 0.18 and round(lr15["test_rmse"]) == 100 and
      round(lr3["test_rmse"], 2) == 0.31 and round(lr15a["test_rmse"], 2) == 0.34 and
      all(m(degree=d)["test_rmse"] > lr3["test_rmse"] for d in range(16) if d != 3),
      "linear-regression caption: degree 15 train 0.18, test 100; lowest test error at degree "
      "3 (0.31); alpha 1e-4 gives 0.34")
# ... whose least-squares coefficients (of x, x², …) reach hundreds of billions: fit in the
# centred, scaled power basis, then expand (x − c)^j / s^j into powers of x
pts15 = [(x, y) for x, y, t in points_for(dict(DEFAULTS, degree=15)) if not t]
xs15, ys15 = np.array([x for x, _ in pts15]), np.array([y for _, y in pts15])
c15, s15 = 0.5 * (xs15.min() + xs15.max()), 0.5 * (xs15.max() - xs15.min())
phi = np.linalg.lstsq(np.vander((xs15 - c15) / s15, 16, increasing=True), ys15, rcond=None)[0]
raw = [sum(phi[j] * math.comb(j, k) * (-c15) ** (j - k) / s15 ** j for j in range(k, 16))
       for k in range(16)]
check(1e11 <= max(abs(v) for v in raw) < 1e12,
      "linear-regression text: the degree-15 least-squares coefficients reach hundreds of "
      "billions (%.3g)" % max(abs(v) for v in raw))
check(m(degree=15, alpha=1e-8)["test_rmse"] < 0.4,
      "linear-regression text: alpha 1e-8 changes the degree-15 curve completely (test RMSE "
      "from 100 to under 0.4)")
check(not lr15["test_rmse"] < 0.35 and lr3["test_rmse"] < 0.35 and lr15a["test_rmse"] < 0.35
      and not lr15["r2_test"] > 0.79 and lr3["r2_test"] > 0.79,
      "linear-regression challenges: unmet at the start, met by degree 3 and by alpha 1e-4 "
      "(test RMSE) and by degree 3 (R²)")
su1, su3, su15 = m(degree=1), m(degree=3), m(degree=15)
check(round(su1["train_rmse"], 2) == 0.51 and round(su1["test_rmse"], 2) == 0.59 and
      round(su1["variance"], 4) == 0.0098 and round(su1["bias2"], 2) == 0.19 and
      su1["noise"] == 0.09 and round(su3["bias2"], 4) == 0.0045 and
      round(su3["variance"], 3) == 0.018 and su15["test_rmse"] > 10,
      "supervised-unsupervised caption: degree 1 (0.51, 0.59, variance 0.0098, bias² 0.19), "
      "degree 3 (bias² 0.0045, variance 0.018), degree 15 explodes")


def low_both(r):
    return r.get("noise", 0) >= 0.09 and r.get("bias2", 1) < 0.01 and r.get("variance", 1) < 0.01


check(not low_both(su1) and not any(low_both(m(degree=d)) for d in range(16)) and
      low_both(m(degree=3, n=80)),
      "supervised-unsupervised challenge: unmet at the start and by any degree alone at 40 "
      "points, met at degree 3 with 80 points")

finish()
