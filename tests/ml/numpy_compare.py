#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""NumPy as the oracle for ml-roadmap-cli's numeric core.

usage: numpy_compare.py PATH/TO/ml-roadmap-cli

1. `descend`: every optimizer on every surface (several learning rates, start points and
   hyper-parameter sets) against the same PyTorch update rules written here in NumPy;
   paths and losses must agree to 1e-9 relative (max |c - n| / max(1, |n|)), and a run
   that diverges must stop at the same step.
2. `matrix --json`: a few hundred random matrices plus the singular, defective, scalar,
   rotation and reflection cases against numpy.linalg (det, inv, eigvals, eig, svd).

Prints TAP; each line's diagnostics give the largest differences seen.
"""
import json
import math
import subprocess
import sys

import numpy as np

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"
MAX_COORD = 1e8
MAX_LOSS = 1e300

results = []


def report(ok, name, diag=""):
    results.append((ok, name, diag))


# ---------------------------------------------------------------- surfaces (NumPy twins)

def f_grad(surface, p):
    x, y = p[0], p[1]
    if surface == "bowl":
        return 0.5 * (x * x + 10.0 * y * y), np.array([x, 10.0 * y])
    if surface == "rosenbrock":
        u, v = 1.0 - x, y - x * x
        return u * u + 100.0 * v * v, np.array([-2.0 * u - 400.0 * x * v, 200.0 * v])
    if surface == "himmelblau":
        a, b = x * x + y - 11.0, x + y * y - 7.0
        return a * a + b * b, np.array([4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b])
    if surface == "booth":
        a, b = x + 2.0 * y - 7.0, 2.0 * x + y - 5.0
        return a * a + b * b, np.array([2.0 * a + 4.0 * b, 4.0 * a + 2.0 * b])
    if surface == "beale":
        y2 = y * y
        y3 = y2 * y
        t1, t2, t3 = 1.5 - x + x * y, 2.25 - x + x * y2, 2.625 - x + x * y3
        gx = 2.0 * (t1 * (y - 1.0) + t2 * (y2 - 1.0) + t3 * (y3 - 1.0))
        gy = 2.0 * x * (t1 + 2.0 * y * t2 + 3.0 * y2 * t3)
        return t1 * t1 + t2 * t2 + t3 * t3, np.array([gx, gy])
    if surface == "saddle":
        return x * x - y * y, np.array([2.0 * x, -2.0 * y])
    raise ValueError(surface)


DEFAULT_START = {
    "bowl": (-4.5, 2.0), "rosenbrock": (-1.2, 1.0), "himmelblau": (-0.5, -0.5),
    "booth": (-8.0, -6.0), "beale": (1.0, 1.5), "saddle": (-1.8, 0.05),
}


def numpy_descend(surface, optimizer, start, steps, hp):
    """The PyTorch update rules, state at zero, t from 1. Returns (points, diverged_at)."""
    lr = hp.get("lr", 0.01)
    mu = hp.get("momentum", 0.9)
    alpha = hp.get("alpha", 0.99)
    b1 = hp.get("beta1", 0.9)
    b2 = hp.get("beta2", 0.999)
    eps = hp.get("eps", 1e-10 if optimizer == "adagrad" else 1e-8)

    x = np.array(start, dtype=np.float64)
    f, g = f_grad(surface, x)
    v = np.zeros(2)
    m = np.zeros(2)
    s = np.zeros(2)
    out = [(x[0], x[1], f)]
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            v2, m2, s2 = v.copy(), m.copy(), s.copy()
            if optimizer == "gd":
                xn = x - lr * g
            elif optimizer == "momentum":
                v2 = mu * v + g
                xn = x - lr * v2
            elif optimizer == "nesterov":
                v2 = mu * v + g
                xn = x - lr * (g + mu * v2)
            elif optimizer == "rmsprop":
                s2 = alpha * s + (1.0 - alpha) * g * g
                xn = x - lr * g / (np.sqrt(s2) + eps)
            elif optimizer == "adam":
                bc1 = 1.0 - b1 ** t
                bc2 = 1.0 - b2 ** t
                m2 = b1 * m + (1.0 - b1) * g
                s2 = b2 * s + (1.0 - b2) * g * g
                xn = x - lr * (m2 / bc1) / (np.sqrt(s2 / bc2) + eps)
            elif optimizer == "adagrad":
                s2 = s + g * g
                xn = x - lr * g / (np.sqrt(s2) + eps)
            else:
                raise ValueError(optimizer)
            fn, gn = f_grad(surface, xn)
            state_ok = all(np.all(np.isfinite(a)) for a in (v2, m2, s2))
            if not (np.all(np.isfinite(xn)) and math.isfinite(fn) and np.all(np.isfinite(gn))
                    and state_ok and np.all(np.abs(xn) <= MAX_COORD) and abs(fn) <= MAX_LOSS):
                return out, t
            x, f, g, v, m, s = xn, fn, gn, v2, m2, s2
            out.append((x[0], x[1], f))
    return out, None


def run_cli(args):
    p = subprocess.run([CLI] + args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def cli_descend(surface, optimizer, start, steps, hp):
    args = ["descend", surface, "--optimizer", optimizer, "--steps", str(steps),
            "--start=%r,%r" % start]
    for k, val in hp.items():
        args += ["--set", "%s=%r" % (k, val)]
    rc, out, err = run_cli(args)
    if rc != 0:
        raise RuntimeError("exit %d: %s" % (rc, err.strip()))
    lines = out.strip().split("\n")
    assert lines[0] == "step,x,y,loss", lines[0]
    rows = []
    for i, line in enumerate(lines[1:]):
        step, x, y, loss = line.split(",")
        assert int(step) == i
        rows.append((float(x), float(y), float(loss)))
    diverged = None
    for word in err.split("\n"):
        if "diverged at step" in word:
            diverged = int(word.split("diverged at step")[1].split()[0])
    return rows, diverged


def compare_descend():
    optimizers = ["gd", "momentum", "nesterov", "rmsprop", "adam", "adagrad"]
    lrs = {
        "bowl": [0.01, 0.18], "rosenbrock": [0.001, 0.01], "himmelblau": [0.01, 0.05],
        "booth": [0.05], "beale": [0.001, 0.01], "saddle": [0.05],
    }
    custom = {"momentum": 0.5, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "alpha": 0.9}
    rng = np.random.default_rng(7)
    overall = 0.0
    n_runs = n_diverged = 0
    for surface, lr_list in lrs.items():
        for optimizer in optimizers:
            worst = 0.0
            failures = []
            cases = []
            for lr in lr_list:
                cases.append((DEFAULT_START[surface], {"lr": lr}))
            lo = {"bowl": (-5, -3), "rosenbrock": (-2, -1), "himmelblau": (-5, -5),
                  "booth": (-10, -10), "beale": (-2, -2), "saddle": (-2, -2)}[surface]
            start = (float(rng.uniform(lo[0], -lo[0])), float(rng.uniform(lo[1], -lo[1])))
            hp = dict(custom)
            hp["lr"] = lr_list[0]
            cases.append((start, hp))
            cases.append((start, {"lr": 10.0}))   # divergence, usually
            for start_pt, hp in cases:
                steps = 300
                try:
                    rows, div = cli_descend(surface, optimizer, start_pt, steps, hp)
                except Exception as e:  # noqa: BLE001
                    failures.append(str(e))
                    continue
                ref, ref_div = numpy_descend(surface, optimizer, start_pt, steps, hp)
                n_runs += 1
                n_diverged += ref_div is not None
                if div != ref_div:
                    failures.append("%s: diverged at %s, NumPy at %s" % (hp, div, ref_div))
                    continue
                if len(rows) != len(ref):
                    failures.append("%s: %d rows, NumPy %d" % (hp, len(rows), len(ref)))
                    continue
                c = np.array(rows)
                n = np.array(ref)
                rel = np.max(np.abs(c - n) / np.maximum(1.0, np.abs(n)))
                worst = max(worst, rel)
                if not rel <= 1e-9:
                    failures.append("%s: max relative difference %.3g" % (hp, rel))
            overall = max(overall, worst)
            report(not failures, "descend %s %s matches NumPy" % (surface, optimizer),
                   "max relative difference %.3g over %d runs%s" % (
                       worst, len(cases),
                       "".join("\n" + f for f in failures)))
    return overall, n_runs, n_diverged


# ---------------------------------------------------------------- matrices

SPECIAL = [
    ("identity", [1, 0, 0, 1]),
    ("zero", [0, 0, 0, 0]),
    ("scalar", [2.5, 0, 0, 2.5]),
    ("rotation 90", [0, -1, 1, 0]),
    ("rotation 30", [math.cos(math.pi / 6), -math.sin(math.pi / 6),
                     math.sin(math.pi / 6), math.cos(math.pi / 6)]),
    ("shear", [1, 1, 0, 1]),
    ("lower shear", [2, 0, -3, 2]),
    ("defective", [3, 1, -1, 1]),            # (λ - 2)², rank-one A - 2I
    ("projection", [1, 0, 0, 0]),
    ("rank one", [1, 2, 2, 4]),
    ("rounded rank one", [0.1, 0.2, 0.3, 0.6]),
    ("reflection", [1, 0, 0, -1]),
    ("swap", [0, 1, 1, 0]),
    ("tiny", [1e-100, 2e-100, -3e-100, 5e-100]),
    ("huge", [1e150, -2e149, 3e149, 7e149]),
    ("nilpotent", [0, 1, 0, 0]),
    ("near singular", [1, 1, 1, 1 + 1e-9]),
    ("ill-conditioned", [1e8 + 1, 1e8, 1e8, 1e8 - 1]),
    ("symmetric", [2, 1, 1, 2]),
]


def cli_matrix(entries):
    rc, out, err = run_cli(["matrix"] + [repr(float(e)) for e in entries] + ["--json"])
    if rc != 0:
        raise RuntimeError("exit %d: %s" % (rc, err.strip()))
    return json.loads(out)


def check_matrix(name, entries, stats):
    a = np.array(entries, dtype=np.float64).reshape(2, 2)
    norm = np.linalg.norm(a)
    j = cli_matrix(entries)
    problems = []

    # Everything finite, and the shape promised.
    def walk(v):
        if isinstance(v, float):
            if not math.isfinite(v):
                problems.append("non-finite number in JSON")
        elif isinstance(v, list):
            for w in v:
                walk(w)
        elif isinstance(v, dict):
            for w in v.values():
                walk(w)
    walk(j)

    # det
    d_np = np.linalg.det(a)
    err = abs(j["det"] - d_np)
    tol = 1e-13 * norm * norm
    stats["det"] = max(stats["det"], err / max(norm * norm, 1e-300))
    if err > tol:
        problems.append("det %r vs numpy %r" % (j["det"], d_np))

    # singular values
    s_np = np.linalg.svd(a, compute_uv=False)
    s = np.array(j["singular_values"])
    err = np.max(np.abs(s - s_np))
    stats["svd"] = max(stats["svd"], err / max(s_np[0], 1e-300))
    if err > 1e-14 * max(s_np[0], 1e-300) * 4:
        problems.append("singular values %s vs numpy %s" % (s, s_np))
    u = np.array(j["svd"]["u"])
    vt = np.array(j["svd"]["vt"])
    back = u @ np.diag(s) @ vt
    err = np.max(np.abs(back - a))
    stats["svd_rebuild"] = max(stats["svd_rebuild"], err / max(norm, 1e-300))
    if err > 1e-14 * max(norm, 1e-300) * 4:
        problems.append("U S Vt does not rebuild A (%g)" % err)

    # inverse
    cond = s_np[0] / s_np[1] if s_np[1] > 0 else math.inf
    if j["inverse"] is None:
        stats["n_singular"] += 1
        if cond < 1e13:
            problems.append("inverse null but cond %g" % cond)
    else:
        inv = np.array(j["inverse"])
        inv_np = np.linalg.inv(a)
        err = np.max(np.abs(inv - inv_np))
        scale = np.max(np.abs(inv_np))
        rel = err / scale
        stats["inv"] = max(stats["inv"], rel / max(cond, 1.0))
        if rel > 1e-14 * max(cond, 1.0) * 8:
            problems.append("inverse %s vs numpy %s (cond %g)" % (inv, inv_np, cond))
        if cond > 1e15:
            problems.append("inverse given with cond %g" % cond)

    # eigenvalues: compare as sorted multisets
    ev = np.array([complex(re, im) for re, im in j["eigenvalues"]])
    ev_np = np.linalg.eigvals(a)
    key = lambda z: (round(z.real / max(norm, 1e-300), 6), z.imag)  # noqa: E731
    ev_s = sorted(ev, key=key)
    ev_np_s = sorted(ev_np, key=key)
    err = max(abs(x - y) for x, y in zip(ev_s, ev_np_s))
    gap = abs(ev_np[0] - ev_np[1])
    near_repeated = gap < 1e-6 * max(norm, 1e-300)
    # Near a repeated eigenvalue the eigenvalues themselves are ill-conditioned
    # (perturbations grow like √ε), for LAPACK as much as for us.
    tol = (1e-7 if near_repeated else 1e-12) * max(norm, 1e-300)
    bucket = "eig_repeated" if near_repeated else "eig"
    stats[bucket] = max(stats[bucket], err / max(norm, 1e-300))
    if err > tol:
        problems.append("eigenvalues %s vs numpy %s" % (ev, ev_np))

    # eigenvectors
    vecs = [np.array(v) for v in j["eigenvectors"]]
    if j["eigenvalues_complex"]:
        if vecs:
            problems.append("real eigenvectors for complex eigenvalues")
        if np.all(np.abs(ev_np.imag) == 0) and not near_repeated:
            problems.append("complex per us, real per numpy: %s" % ev_np)
    else:
        for v in vecs:
            if abs(np.linalg.norm(v) - 1) > 1e-14:
                problems.append("eigenvector %s not unit" % v)
        if not j["eigenvalue_repeated"]:
            if len(vecs) != 2:
                problems.append("expected 2 eigenvectors")
            else:
                w, vv = np.linalg.eig(a)
                for i, v in enumerate(vecs):
                    lam = j["eigenvalues"][i][0]
                    k = int(np.argmin(np.abs(w - lam)))
                    dot = abs(np.dot(v, np.real(vv[:, k])))
                    dev = 1 - dot
                    if gap > 1e-3 * norm:
                        stats["eigvec"] = max(stats["eigvec"], dev)
                        if dev > 1e-10:
                            problems.append("eigenvector %s vs numpy %s" % (v, vv[:, k]))
                    res = np.linalg.norm(a @ v - lam * v)
                    stats["eigvec_residual"] = max(stats["eigvec_residual"],
                                                   res / max(norm, 1e-300))
                    if res > 1e-7 * max(norm, 1e-300):
                        problems.append("A v - λ v = %g" % res)
        else:
            stats["n_repeated"] += 1
            lam = j["eigenvalues"][0][0]
            for v in vecs:
                res = np.linalg.norm(a @ v - lam * v)
                if res > 1e-7 * max(norm, 1e-300):
                    problems.append("A v - λ v = %g" % res)
            if j["defective"]:
                stats["n_defective"] += 1
                if len(vecs) != 1:
                    problems.append("defective but %d vectors" % len(vecs))
                # numpy returns two (nearly) parallel vectors; ours must be parallel too.
                w, vv = np.linalg.eig(a)
                dot = abs(np.dot(vecs[0], np.real(vv[:, 0])))
                if 1 - dot > 1e-6:
                    problems.append("defective eigenvector %s vs numpy %s" % (vecs[0], vv))
            elif len(vecs) != 2:
                problems.append("scalar matrix with %d vectors" % len(vecs))
    return problems


def compare_matrices():
    stats = {"det": 0.0, "inv": 0.0, "eig": 0.0, "eig_repeated": 0.0, "eigvec": 0.0,
             "eigvec_residual": 0.0, "svd": 0.0, "svd_rebuild": 0.0, "n_singular": 0,
             "n_repeated": 0, "n_defective": 0}
    for name, entries in SPECIAL:
        problems = check_matrix(name, entries, stats)
        report(not problems, "matrix %s %s matches numpy.linalg" % (name, entries),
               "\n".join(problems))

    rng = np.random.default_rng(2024)
    failures = []
    n = 0
    for i in range(300):
        scale = 10.0 ** rng.uniform(-3, 3)
        entries = list(rng.normal(size=4) * scale)
        problems = check_matrix("random", entries, stats)
        n += 1
        if problems:
            failures.append("%s: %s" % (entries, "; ".join(problems)))
    report(not failures, "%d random matrices match numpy.linalg" % n, "\n".join(failures[:10]))

    failures = []
    m = 0
    for i in range(200):
        entries = [float(v) for v in rng.integers(-3, 4, size=4)]
        problems = check_matrix("integer", entries, stats)
        m += 1
        if problems:
            failures.append("%s: %s" % (entries, "; ".join(problems)))
    report(not failures, "%d small-integer matrices (repeated, defective, singular cases) "
           "match numpy.linalg" % m, "\n".join(failures[:10]))
    return stats, n + m + len(SPECIAL)


def main():
    worst, n_runs, n_div = compare_descend()
    stats, n_mats = compare_matrices()
    print("1..%d" % len(results))
    for i, (ok, name, diag) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        for line in diag.split("\n"):
            if line:
                print("# " + line)
    print("# descend: %d runs (%d diverging), max relative path difference %.3g"
          % (n_runs, n_div, worst))
    print("# matrix: %d matrices (%d singular, %d repeated eigenvalue, %d defective)"
          % (n_mats, stats["n_singular"], stats["n_repeated"], stats["n_defective"]))
    print("# max |det - numpy| / |A|^2 = %.3g" % stats["det"])
    print("# max |inv - numpy| / |inv| / cond(A) = %.3g" % stats["inv"])
    print("# max |eigvals - numpy| / |A| = %.3g (separated), %.3g (near-repeated)"
          % (stats["eig"], stats["eig_repeated"]))
    print("# max 1 - |<v, v_numpy>| = %.3g; max |A v - λ v| / |A| = %.3g"
          % (stats["eigvec"], stats["eigvec_residual"]))
    print("# max |sigma - numpy| / sigma1 = %.3g; max |U S Vt - A| / |A| = %.3g"
          % (stats["svd"], stats["svd_rebuild"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
