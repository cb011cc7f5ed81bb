# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP for the command-line tests: check() records one result; finish() prints the plan, each
result and a failed check's diagnostics as comments, and exits 1 if any check failed."""
import sys

results = []


def check(ok, name, diag=""):
    results.append((bool(ok), name, str(diag)))
    return bool(ok)


def finish():
    print("1..%d" % len(results))
    for i, (ok, name, diag) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok and diag:
            for line in diag.splitlines()[:40]:
                print("# " + line)
    sys.exit(0 if all(ok for ok, _, _ in results) else 1)
