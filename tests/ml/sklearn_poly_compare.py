#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli fit poly` against scikit-learn and against exact arithmetic (TAP).

usage: sklearn_poly_compare.py PATH/TO/ml-roadmap-cli

The model is PolynomialFeatures(degree, include_bias=False) + Ridge(alpha), LinearRegression
at alpha = 0. For each case the predictions of `fit poly`, of scikit-learn, and the exact
answer are compared. The exact answer solves the normal equations (VᵀV + alpha·P) θ = Vᵀy
(V the raw powers 1, x, …, x^degree; P the identity without the intercept) with mpmath at
250 digits, more than the square of any condition number met here needs; VᵀV is built from
power sums, so it is exact too.

The tolerance, and why: `fit poly` factors a Chebyshev basis in scaled x by Householder QR in
double (backward stable; the basis' condition number stays below ~1e4 for these point sets)
and solves the small penalized system in double-double, so its predictions are accurate to
about 1e-12..1e-10 of the data's scale, and to ~1e-7 in the deliberately extreme cases (x in
a range 1000 times narrower than its distance from 0, degree 12 to 15, where the raw
coefficients the penalty acts on span 50 orders of magnitude). The test allows

    |ours − exact|   <= TOL · scale           (TOL = 1e-9; 1e-6 for the extreme cases)
    |ours − sklearn| <= TOL · scale + |sklearn − exact|

with scale = max(1, max |y|): the second says we agree with scikit-learn as far as
scikit-learn agrees with the exact answer. How far that is gets printed: scikit-learn's
Ridge solves the normal equations by Cholesky in double, which loses everything once
alpha is small and the raw powers ill-conditioned.

Degenerate cases: degree ≥ n − 1 (interpolation, then more coefficients than points),
constant x, duplicated x, a penalty too small to matter, and 100,000 points. With alpha = 0
and fewer distinct x than coefficients there is no unique least-squares polynomial:
scikit-learn returns the minimum-norm one, `fit poly` exits 1 and says why (documented in
`fit --help` and mlr-regression.h).
"""
import math
import os
import random
import subprocess
import sys
import tempfile
import time
import warnings

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
TOL = 1e-9
TOL_EXTREME = 1e-6
results = []


def check(ok, name, diag=""):
    results.append((bool(ok), name, diag))


def finish():
    print("1..%d" % len(results))
    for i, (ok, name, diag) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        for line in diag.split("\n") if diag else []:
            print("# " + line)
    return 0 if all(ok for ok, _, _ in results) else 1


try:
    import mpmath
    import numpy as np
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LinearRegression, Ridge
    from sklearn.preprocessing import PolynomialFeatures
except ImportError as e:
    print("1..0 # SKIP scikit-learn, NumPy or mpmath missing (%s)" % e)
    sys.exit(0)
warnings.simplefilter("ignore")
mpmath.mp.dps = 250
TMP = tempfile.mkdtemp(prefix="sklearn-poly-")


def write_csv(path, header, cols):
    with open(path, "w") as f:
        f.write(header + "\n")
        for row in zip(*cols):
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def ours(x, y, degree, alpha, xq):
    """(predictions or None, stderr, exit status)"""
    t, p = os.path.join(TMP, "t.csv"), os.path.join(TMP, "p.csv")
    write_csv(t, "x,y", [x, y])
    write_csv(p, "x", [xq])
    r = subprocess.run([CLI, "fit", "poly", "--train", t, "--predict", p, "--set",
                        "degree=%d" % degree, "--set", "alpha=%r" % alpha],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.stderr, r.returncode
    lines = r.stdout.split()
    assert lines[0] == "y", r.stdout[:100]
    return np.array([float(v) for v in lines[1:]]), r.stderr, 0


def sklearn(x, y, degree, alpha, xq):
    if degree == 0:
        return np.full(len(xq), np.mean(y))
    poly = PolynomialFeatures(degree, include_bias=False)
    X = poly.fit_transform(np.asarray(x).reshape(-1, 1))
    model = LinearRegression() if alpha == 0 else Ridge(alpha=alpha)
    model.fit(X, y)
    return model.predict(poly.transform(np.asarray(xq).reshape(-1, 1)))


def exact(x, y, degree, alpha, xq):
    """The ridge answer from the normal equations in 250-digit arithmetic."""
    p = degree + 1
    xs = [mpmath.mpf(float(v)) for v in x]
    ys = [mpmath.mpf(float(v)) for v in y]
    sums = [mpmath.mpf(0)] * (2 * p - 1)
    rhs = [mpmath.mpf(0)] * p
    for xi, yi in zip(xs, ys):
        pw = mpmath.mpf(1)
        for m in range(2 * p - 1):
            sums[m] += pw
            if m < p:
                rhs[m] += pw * yi
            pw *= xi
    G = mpmath.matrix(p, p)
    for j in range(p):
        for k in range(p):
            G[j, k] = sums[j + k]
        if j > 0:
            G[j, j] += mpmath.mpf(float(alpha))
    theta = mpmath.lu_solve(G, mpmath.matrix(rhs))
    out = []
    for q in xq:
        q, acc = mpmath.mpf(float(q)), mpmath.mpf(0)
        for k in range(degree, -1, -1):
            acc = acc * q + theta[k]
        out.append(float(acc))
    return np.array(out)


# ---------------------------------------------------------------- random cases

rng = random.Random(20240611)
RANGES = [(0, 1), (-1, 1), (-3, 5), (0, 1e-3), (-1e3, 1e3), (10, 11), (100, 101),
          (1000, 1001)]
DEGREES = [0, 1, 2, 3, 5, 8, 12, 15]
ALPHAS = [0, 1e-12, 1e-8, 1e-4, 1e-2, 1, 100, 1e4, 1e8]
SIZES = [20, 30, 60, 200]
NOISES = [0, 0.1, 1]

worst = {False: 0.0, True: 0.0}
sk_bad, sk_ok_cases, sk_worst, n_cases, bad = 0, 0, 0.0, 0, []
for case in range(260):
    lo, hi = rng.choice(RANGES)
    degree, alpha = rng.choice(DEGREES), rng.choice(ALPHAS)
    n, noise = rng.choice(SIZES), rng.choice(NOISES)
    n = max(n, degree + 2)
    x = [rng.uniform(lo, hi) for _ in range(n)]
    y = [math.sin(2 * math.pi * (xi - lo) / (hi - lo)) + noise * rng.gauss(0, 1) for xi in x]
    xq = [lo + (hi - lo) * k / 10 for k in range(11)]
    scale = max(1.0, max(abs(v) for v in y))
    center, half = 0.5 * (lo + hi), 0.5 * (hi - lo)
    extreme = abs(center) > 100 * half and degree >= 8
    o, err, status = ours(x, y, degree, alpha, xq)
    if o is None:
        bad.append("case %d [%g,%g] degree %d alpha %g n %d: exit %d %s" %
                   (case, lo, hi, degree, alpha, n, status, err.strip()))
        continue
    e = exact(x, y, degree, alpha, xq)
    s = sklearn(x, y, degree, alpha, xq)
    d_ours = float(np.max(np.abs(o - e))) / scale
    d_sk = float(np.max(np.abs(s - e))) / scale
    d_os = float(np.max(np.abs(o - s))) / scale
    tol = TOL_EXTREME if extreme else TOL
    worst[extreme] = max(worst[extreme], d_ours)
    n_cases += 1
    if d_sk > 1e-9:
        sk_bad += 1
        sk_worst = max(sk_worst, d_sk)
    else:
        sk_ok_cases += 1
    if not (d_ours <= tol and d_os <= tol + d_sk) or not np.all(np.isfinite(o)):
        bad.append("case %d [%g,%g] degree %d alpha %g n %d noise %g: |ours-exact| %.2e, "
                   "|ours-sklearn| %.2e, |sklearn-exact| %.2e" %
                   (case, lo, hi, degree, alpha, n, noise, d_ours, d_os, d_sk))
check(not bad and n_cases >= 250,
      "%d random cases (degrees 0-15, alpha 0-1e8, n 20-200, 8 x ranges): predictions within "
      "%g of the exact answer (%g where extreme) and of scikit-learn up to its own error"
      % (n_cases, TOL, TOL_EXTREME), "\n".join(bad[:10]))
print("# worst |ours - exact| / scale: %.1e ordinary, %.1e extreme" % (worst[False],
                                                                       worst[True]))
print("# scikit-learn within 1e-9 of exact in %d cases; off by more in %d (worst %.1e)" %
      (sk_ok_cases, sk_bad, sk_worst))

# ---------------------------------------------------------------- edges


def close_to_both(name, x, y, degree, alpha, xq, tol=TOL):
    o, err, status = ours(x, y, degree, alpha, xq)
    if o is None:
        check(False, name, "exit %d: %s" % (status, err))
        return
    scale = max(1.0, max(abs(v) for v in y))
    e = exact(x, y, degree, alpha, xq)
    s = sklearn(x, y, degree, alpha, xq)
    d_ours = float(np.max(np.abs(o - e))) / scale
    d_sk = float(np.max(np.abs(s - e))) / scale
    d_os = float(np.max(np.abs(o - s))) / scale
    check(d_ours <= tol and d_os <= tol + d_sk and np.all(np.isfinite(o)), name,
          "|ours-exact| %.2e |ours-sklearn| %.2e |sklearn-exact| %.2e" % (d_ours, d_os, d_sk))


def refused(name, x, y, degree, alpha, message):
    o, err, status = ours(x, y, degree, alpha, [0.5])
    check(o is None and status == 1 and message in err and "nan" not in err.lower(), name,
          "exit %d, stderr %r" % (status, err))


xs = [i / 9 for i in range(10)]
ys = [math.sin(6 * v) + 0.1 * ((-1) ** i) for i, v in enumerate(xs)]
for degree in (8, 9):
    close_to_both("degree %d on 10 points, least squares (degree n-1 interpolates)" % degree,
                  xs, ys, degree, 0, [k / 20 for k in range(21)])
close_to_both("degree 15 on 10 points with alpha 1e-6", xs, ys, 15, 1e-6,
              [k / 20 for k in range(21)])
refused("degree 10 on 10 points, least squares: no unique answer, exit 1", xs, ys, 10, 0,
        "a degree-10 polynomial needs at least 11 distinct x values, got 10")

const = [2.0] * 6
yc = [1, 2, 4, 5, 3, 3.5]
refused("constant x, degree 2, least squares: exit 1", const, yc, 2, 0,
        "a degree-2 polynomial needs at least 3 distinct x values, got 1")
close_to_both("constant x, degree 3, alpha 0.5: the mean, as Ridge", const, yc, 3, 0.5,
              [0, 2, 10])
close_to_both("constant x, degree 0: the mean", const, yc, 0, 0, [0, 2, 10])
refused("constant x, alpha 1e-300: too small to decide anything, exit 1", const, yc, 3,
        1e-300, "is too small to fit a degree-3 polynomial")

dup = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]
yd = [math.cos(v) + 0.05 * (i % 3 - 1) for i, v in enumerate(dup)]
close_to_both("duplicated x (4 distinct), degree 3, least squares", dup, yd, 3, 0,
              [k / 4 for k in range(13)])
refused("duplicated x (4 distinct), degree 5, least squares: exit 1", dup, yd, 5, 0,
        "needs at least 6 distinct x values, got 4")
close_to_both("duplicated x (4 distinct), degree 5, alpha 1e-3", dup, yd, 5, 1e-3,
              [k / 4 for k in range(13)])

# 1,000 points and more take the Gram-matrix path when the Chebyshev basis is well
# conditioned, Householder otherwise (points bunched at one end): both to the exact answer.
grng = random.Random(99)
for n, bunched in ((1000, False), (2500, False), (2500, True)):
    if bunched:
        gx = [grng.uniform(0, 0.05) for _ in range(n - 12)] + \
            [grng.uniform(0, 1) for _ in range(12)]
        # the Chebyshev basis' condition number is past what the Gram path takes
        # (cond₁(R) > 100 follows from cond₂ > 1600 for 16 columns)
        t = (np.array(gx) - 0.5 * (min(gx) + max(gx))) / (0.5 * (max(gx) - min(gx)))
        cond = np.linalg.cond(np.polynomial.chebyshev.chebvander(t, 15))
        check(cond > 1600, "the bunched points take the Householder path (cond %.2g)" % cond)
    else:
        gx = [grng.uniform(-1, 3) for _ in range(n)]
    gy = [math.cos(3 * v) + 0.2 * grng.gauss(0, 1) for v in gx]
    gq = [min(gx) + (max(gx) - min(gx)) * k / 20 for k in range(21)]
    for degree, alpha in ((5, 0), (15, 0), (15, 1e-6)):
        close_to_both("%d points%s, degree %d, alpha %g" %
                      (n, " bunched at one end" if bunched else "", degree, alpha),
                      gx, gy, degree, alpha, gq)

# 100,000 points: against scikit-learn and a float64 least-squares solve of the centred,
# scaled problem (NumPy's SVD-based lstsq on [X; sqrt(alpha) I]), both well conditioned here.
nrng = np.random.default_rng(5)
bx = nrng.uniform(0, 1, 100000)
by = np.sin(2 * np.pi * bx) + 0.3 * nrng.normal(size=100000)
bq = np.linspace(0, 1, 101)
for degree, alpha in ((3, 0), (9, 1e-6), (15, 1e-3)):
    t0 = time.perf_counter()
    o, err, status = ours(bx, by, degree, alpha, bq)
    elapsed = time.perf_counter() - t0
    X = np.vander(bx, degree + 1, increasing=True)[:, 1:]
    mean = X.mean(axis=0)
    A = np.vstack([X - mean, math.sqrt(alpha) * np.eye(degree)])
    w = np.linalg.lstsq(A, np.concatenate([by - by.mean(), np.zeros(degree)]), rcond=None)[0]
    ref = by.mean() + (np.vander(bq, degree + 1, increasing=True)[:, 1:] - mean) @ w
    s = sklearn(bx, by, degree, alpha, bq)
    ok = o is not None and np.max(np.abs(o - ref)) < 1e-8 and \
        np.max(np.abs(o - s)) < 1e-8 + np.max(np.abs(s - ref))
    check(ok, "100,000 points, degree %d, alpha %g: matches NumPy and scikit-learn, %.2f s "
          "with reading the CSV" % (degree, alpha, elapsed),
          "exit %d %s; |ours-numpy| %s |sklearn-numpy| %.2e" %
          (status, err, "-" if o is None else "%.2e" % np.max(np.abs(o - ref)),
           np.max(np.abs(s - ref))))

sys.exit(finish())
