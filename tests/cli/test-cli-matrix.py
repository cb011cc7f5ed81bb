#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ml-roadmap-cli matrix`: text and JSON output, exit codes and messages (TAP).

usage: test-cli-matrix.py PATH/TO/ml-roadmap-cli
"""
import json
import math
import re
import subprocess
import sys

from tap import check, finish

CLI = sys.argv[1] if len(sys.argv) > 1 else "ml-roadmap-cli"


def run(*args):
    p = subprocess.run([CLI, "matrix"] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def run_json(*args):
    rc, out, err = run(*(list(args) + ["--json"]))
    try:
        return rc, json.loads(out), err
    except ValueError:
        return rc, None, err + " | stdout: " + out


def finite_everywhere(v):
    if isinstance(v, float):
        return math.isfinite(v)
    if isinstance(v, list):
        return all(finite_everywhere(w) for w in v)
    if isinstance(v, dict):
        return all(finite_everywhere(w) for w in v.values())
    return True


# ---- text
rc, out, err = run("1", "2", "3", "4")
check(rc == 0 and "determinant:      -2" in out and "[[-2, 1], [1.5, -0.5]]" in out
      and "singular values:" in out and "eigenvectors:" in out,
      "text output: determinant, inverse, eigen, singular values", out + err)
check("5.372281323" in out, "text numbers use %.10g", out)
rc, out, err = run("1", "2", "2", "4")
check(rc == 0 and "inverse:          none" in out, "text: a singular matrix has no inverse", out)
rc, out, err = run("0", "-1", "1", "0")
check(rc == 0 and "0 ± 1i" in out and "none in the real plane" in out,
      "text: rotation has complex eigenvalues and no real eigenvectors", out + err)
rc, out, err = run("1", "1", "0", "1")
check(rc == 0 and "(repeated)" in out and "defective" in out, "text: shear is defective", out)

# ---- JSON
rc, j, err = run_json("1", "2", "3", "4")
keys = ["det", "inverse", "eigenvalues", "eigenvectors", "singular_values"]
check(rc == 0 and j is not None and all(k in j for k in keys),
      "--json prints one object with det, inverse, eigenvalues, eigenvectors, "
      "singular_values", err)
check(j and j["det"] == -2 and j["inverse"] == [[-2, 1], [1.5, -0.5]],
      "--json det and inverse", str(j))
check(j and len(j["eigenvalues"]) == 2 and all(len(e) == 2 for e in j["eigenvalues"])
      and abs(j["eigenvalues"][0][0] - (5 + math.sqrt(33)) / 2) < 1e-14,
      "--json eigenvalues are [re, im] pairs, largest first", str(j))
check(j and abs(j["singular_values"][0] - 5.464985704219043) < 1e-14,
      "--json numbers use %.17g", str(j))

rc, j, err = run_json("1", "2", "2", "4")
check(rc == 0 and j["inverse"] is None and j["singular"] is True and j["det"] == 0,
      "--json singular: inverse null", str(j))
rc, j, err = run_json("0", "-1", "1", "0")
check(rc == 0 and j["eigenvalues"] == [[0, 1], [0, -1]] and j["eigenvectors"] == []
      and j["eigenvalues_complex"] is True, "--json rotation: complex pair, no vectors", str(j))
rc, j, err = run_json("1", "1", "0", "1")
check(rc == 0 and j["eigenvectors"] == [[1, 0]] and j["defective"] is True,
      "--json shear: one eigenvector", str(j))
rc, j, err = run_json("3", "0", "0", "3")
check(rc == 0 and j["eigenvectors"] == [[1, 0], [0, 1]] and j["defective"] is False,
      "--json scalar: two eigenvectors", str(j))
rc, out, err = run("--json", "--", "-1", "-2", "-3", "-4")
check(rc == 0 and json.loads(out)["matrix"] == [[-1, -2], [-3, -4]],
      "-- before negative numbers", err)
rc, out, err = run("1", "0", "--", "0", "--json")
check(rc == 2 and "“--json” is not a finite number" in err,
      "after --, everything is a number", err)
rc, j, err = run_json("-1", "-2.5", "-.5", "-4e-3")
check(rc == 0 and j["matrix"] == [[-1, -2.5], [-0.5, -0.004]],
      "negative numbers need no --", err)
rc, out, err = run("--json", "1", "0", "0", "1")
check(rc == 0 and json.loads(out)["det"] == 1, "--json may come first", err)

tricky = [
    ["0", "0", "0", "0"], ["1e-300", "0", "0", "1e-300"], ["1e150", "1e150", "1e150", "-1e150"],
    ["-1e150", "1e150", "-1e150", "-1e150"], ["1e-300", "1", "0", "1e-300"],
    ["2.5e-308", "2.5e-308", "2.5e-308", "3e-308"], ["1e150", "1e-150", "1e-150", "1e150"],
    ["1e8", "1", "1", "1e-8"], ["0.1", "0.2", "0.3", "0.6"], ["1", "1e150", "0", "1"],
    ["1e150", "0", "0", "1e-150"],
]
bad = []
for m in tricky:
    for as_json in (True, False):
        rc, out, err = run(*(m + (["--json"] if as_json else [])))
        if rc != 0 or re.search(r"\b(nan|inf|infinity)\b", out, re.I):
            bad.append("%s json=%s: rc %d %r" % (m, as_json, rc, out))
        elif as_json and not finite_everywhere(json.loads(out)):
            bad.append("%s: non-finite JSON" % m)
check(not bad, "extreme but valid matrices: exit 0, no nan/inf in text or JSON",
      "\n".join(bad))

# ---- usage errors: exit 2 with a message naming the problem
usage = [
    ([], ["expected 4 numbers", "got 0"]),
    (["1", "2", "3"], ["expected 4 numbers", "got 3"]),
    (["1", "2", "3", "4", "5"], ["expected 4 numbers", "got 5"]),
    (["nan", "0", "0", "1"], ["A", "“nan” is not a finite number"]),
    (["1", "inf", "0", "1"], ["B", "“inf” is not a finite number"]),
    (["1", "0", "-inf", "1"], ["C", "not a finite number"]),
    (["1", "0", "0", "1e999"], ["D", "“1e999” is not a finite number"]),
    (["1", "0", "0", "-1e999"], ["D", "not a finite number"]),
    (["abc", "0", "0", "1"], ["A", "“abc” is not a finite number"]),
    (["1", "", "0", "1"], ["B", "not a finite number"]),
    (["1", "2,5", "0", "1"], ["B", "not a finite number"]),
    (["1e151", "0", "0", "1"], ["A", "out of range"]),
    (["1", "0", "0", "-2e150"], ["D", "out of range"]),
    (["1", "0", "0", "1", "--bogus"], ["--bogus"]),
    (["-x", "0", "0", "1"], ["A", "not a finite number"]),
]
for args, words in usage:
    rc, out, err = run(*args)
    missing = [w for w in words if w not in err]
    check(rc == 2 and out == "" and not missing,
          "usage error exit 2: matrix %s" % " ".join(repr(a) for a in args),
          "rc %d, stderr %r, missing %s" % (rc, err, missing))

rc, out, err = run("--help")
check(rc == 0 and "A B C D" in out and "--json" in out, "--help", err)

finish()
