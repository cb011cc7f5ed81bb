#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The NumPy equivalent of bench-optimizers, and the ratio NumPy time / C time.

usage: numpy_bench.py PATH/TO/bench-optimizers [--quick]

Runs the C benchmark (reading its RESULT lines), then the same work in NumPy:
 - 1000 optimizer steps on each surface with x, v, m, s as float64 arrays of shape (2,),
   the same update rules, divergence check and path history, reset on divergence;
 - the 400 x 300 heatmap, vectorised over a meshgrid of pixel centres, with min and max.
Medians of 5 samples (3 with --quick), in microseconds.
"""
import math
import statistics
import subprocess
import sys
import time

import numpy as np

STEPS = 1000
W, H = 400, 300

SURFACES = {
    # name: (view, start, suggested lr)
    "bowl": ((-5, 5, -3, 3), (-4.5, 2.0), 0.18),
    "rosenbrock": ((-2, 2, -1, 3), (-1.2, 1.0), 0.001),
    "himmelblau": ((-5, 5, -5, 5), (-0.5, -0.5), 0.01),
    "booth": ((-10, 10, -10, 10), (-8.0, -6.0), 0.05),
    "beale": ((-4.5, 4.5, -4.5, 4.5), (1.0, 1.5), 0.001),
    "saddle": ((-2, 2, -2, 2), (-1.8, 0.05), 0.05),
}
OPTIMIZERS = ["gd", "momentum", "nesterov", "rmsprop", "adam", "adagrad"]


def value(surface, x, y):
    """f on arrays, written as NumPy users would and with the same arithmetic as the C."""
    if surface == "bowl":
        return 0.5 * (x * x + 10.0 * y * y)
    if surface == "rosenbrock":
        u, v = 1.0 - x, y - x * x
        return u * u + 100.0 * v * v
    if surface == "himmelblau":
        a, b = x * x + y - 11.0, x + y * y - 7.0
        return a * a + b * b
    if surface == "booth":
        a, b = x + 2.0 * y - 7.0, 2.0 * x + y - 5.0
        return a * a + b * b
    if surface == "beale":
        y2 = y * y
        y3 = y2 * y
        t1, t2, t3 = 1.5 - x + x * y, 2.25 - x + x * y2, 2.625 - x + x * y3
        return t1 * t1 + t2 * t2 + t3 * t3
    if surface == "saddle":
        return x * x - y * y
    raise ValueError(surface)


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
        return (t1 * t1 + t2 * t2 + t3 * t3,
                np.array([2.0 * (t1 * (y - 1.0) + t2 * (y2 - 1.0) + t3 * (y3 - 1.0)),
                          2.0 * x * (t1 + 2.0 * y * t2 + 3.0 * y2 * t3)]))
    if surface == "saddle":
        return x * x - y * y, np.array([2.0 * x, -2.0 * y])
    raise ValueError(surface)


def descend(surface, optimizer):
    _, start, lr = SURFACES[surface]
    mu, alpha, b1, b2 = 0.9, 0.99, 0.9, 0.999
    eps = 1e-10 if optimizer == "adagrad" else 1e-8

    def reset():
        x = np.array(start, dtype=np.float64)
        f, g = f_grad(surface, x)
        return x, f, g, np.zeros(2), np.zeros(2), np.zeros(2), 0, [x], [f]

    x, f, g, v, m, s, t, path, losses = reset()
    taken = 0
    with np.errstate(all="ignore"):
        while taken < STEPS:
            t += 1
            v2, m2, s2 = v, m, s
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
                m2 = b1 * m + (1.0 - b1) * g
                s2 = b2 * s + (1.0 - b2) * g * g
                xn = x - lr * (m2 / (1.0 - b1 ** t)) / (np.sqrt(s2 / (1.0 - b2 ** t)) + eps)
            else:
                s2 = s + g * g
                xn = x - lr * g / (np.sqrt(s2) + eps)
            fn, gn = f_grad(surface, xn)
            if not (np.all(np.isfinite(xn)) and math.isfinite(fn) and np.all(np.isfinite(gn))
                    and np.all(np.abs(xn) <= 1e8) and abs(fn) <= 1e300):
                x, f, g, v, m, s, t, path, losses = reset()
                continue
            x, f, g, v, m, s = xn, fn, gn, v2, m2, s2
            path.append(x)
            losses.append(f)
            taken += 1
    return f


def grid(surface):
    (x0, x1, y0, y1), _, _ = SURFACES[surface]
    xs = x0 + (np.arange(W) + 0.5) * (x1 - x0) / W
    ys = y1 - (np.arange(H) + 0.5) * (y1 - y0) / H
    xx, yy = np.meshgrid(xs, ys)
    z = value(surface, xx, yy)
    return z.min(), z.max()


def measure(fn, samples):
    times = []
    for _ in range(samples):
        reps = 0
        t0 = time.perf_counter()
        while True:
            fn()
            reps += 1
            elapsed = time.perf_counter() - t0
            if elapsed > 0.001:
                break
        times.append(elapsed / reps * 1e6)
    return statistics.median(times)


def main():
    quick = "--quick" in sys.argv
    samples = 3 if quick else 5
    c = {}
    if len(sys.argv) > 1 and not sys.argv[1].startswith("--"):
        out = subprocess.run([sys.argv[1]] + (["--quick"] if quick else []),
                             capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            if line.startswith("RESULT "):
                _, name, us = line.split()
                c[name] = float(us)

    rows = []
    for surface in SURFACES:
        for opt in OPTIMIZERS:
            name = "descend/%s/%s" % (surface, opt)
            rows.append((name, measure(lambda: descend(surface, opt), samples)))
        name = "grid/%s" % surface
        rows.append((name, measure(lambda: grid(surface), samples)))

    print("# NumPy %s vs C (bench-optimizers); medians in microseconds" % np.__version__)
    print("%-28s %12s %12s %10s" % ("benchmark", "C", "NumPy", "NumPy/C"))
    ratios = {"descend": [], "grid": []}
    for name, us in rows:
        if name in c and c[name] > 0:
            ratio = us / c[name]
            ratios[name.split("/")[0]].append(ratio)
            print("%-28s %12.1f %12.1f %9.1fx" % (name, c[name], us, ratio))
        else:
            print("%-28s %12s %12.1f %10s" % (name, "-", us, "-"))
    for kind, rs in ratios.items():
        if rs:
            gm = math.exp(sum(math.log(r) for r in rs) / len(rs))
            print("# %s: geometric mean NumPy/C = %.1fx (min %.1fx, max %.1fx)"
                  % (kind, gm, min(rs), max(rs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
