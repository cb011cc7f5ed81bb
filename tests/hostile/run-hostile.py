#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Broken and hostile inputs against ml-roadmap-cli, each with its exact outcome (TAP).

Every row of expected.txt names an input, the exit status, where the first problem is and a
piece of its message:

  lesson | FILE | EXIT | LINE:COL | MESSAGE    `validate FILE`: FILE:LINE:COL: ...MESSAGE...
                                               ("-": FILE: MESSAGE, for what has no lines)
  csv    | FILE | EXIT | LINE     | MESSAGE    `fit logreg --train FILE --predict ok.csv`:
                                               FILE:LINE: ...MESSAGE... ("-": no line, for a
                                               problem of the whole file)
  column | FILE | EXIT | LINE     | MESSAGE    `ttest FILE csv/ok-column.csv`: as csv, for the
                                               one-column reader of the t-test
  cli    | ARGS | EXIT | -        | MESSAGE    `ml-roadmap-cli ARGS`: MESSAGE on stderr

FILE is a committed file (lessons/..., csv/...) or "@name", made at test time by a generator
below (60 MB files and 100,001-row tables do not belong in git). In ARGS, {moons} is a
200-point moons dataset, {ok} and {train} small valid CSV files of points and of labelled
points, {column} a valid one-column file, {tmp} the scratch folder; an argument naming a
committed input (csv/...) is that file, and one written @name is generated as for FILE.

Every lesson is checked from a scratch content folder (TMP/content/lessons/FILE, with an
images/ folder holding a picture just over the 4 MiB limit and a symbolic link to
/etc/passwd) and must:
  - exit with the given status, every problem printed as FILE:LINE:COL: message;
  - finish within a second of CPU time (the wall clock on a shared machine measures the
    neighbours; a hang is still caught by a wall-clock timeout);
  - under strace, open no file outside the content folder except the system files any
    program opens (see ALLOWED_PREFIXES), and create no socket, connect nowhere, run nothing
    but ml-roadmap-cli-draw beside the CLI (its drawing half, where validate runs), once.
CSV and command-line cases must finish within 10 s, and print no NaN or infinity in their
output (standard output and any CSV they write), nor on standard error unless the input said
so itself.

usage: run-hostile.py PATH/TO/ml-roadmap-cli PATH/TO/tests/hostile
"""
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
HERE = os.path.abspath(sys.argv[2])
# Limits for a release build. MLR_TEST_SLOWDOWN (set by .ci/sanitize: ASan with full
# unwinding makes the 1,000,000-step descents 7x slower) stretches them; a hang still fails.
SLOWDOWN = max(1.0, float(os.environ.get("MLR_TEST_SLOWDOWN", "1") or 1))
LESSON_TIME_LIMIT = 1.0 * SLOWDOWN
CLI_TIME_LIMIT = 10.0 * SLOWDOWN

# What a C program linked against GLib and libxml2 opens before main() and during setlocale(),
# none of it content: the dynamic linker's cache and preload list; shared libraries, gconv
# modules and compiled locales (/lib, /lib64, /usr/lib); locale aliases and message catalogs
# (/usr/share/locale); /proc/filesystems, which libmount and libselinux (pulled in by GIO)
# read when they load; /proc/self and /proc/PID, which the sanitizer runtimes read for the
# memory map. /etc as a whole is NOT allowed, so /etc/passwd, /etc/hosts or a resolver config
# fail the test; neither are $HOME, /tmp or /usr/share outside the locale catalogs.
ALLOWED_PREFIXES = (
    "/etc/ld.so.cache",
    "/etc/ld.so.preload",
    "/lib/",
    "/lib64/",
    "/usr/lib/",
    "/usr/lib64/",
    "/usr/share/locale/",
    "/proc/filesystems",
    "/proc/self/",
)
NOT_FINITE = re.compile(r"(?i)(?<![a-z])[-+]?(nan|inf|infinity)(?![a-z])")

results = []


def check(ok, name, diag=""):
    results.append(bool(ok))
    print("%s %d - %s" % ("ok" if ok else "not ok", len(results), name))
    if not ok and diag:
        for line in str(diag).rstrip().splitlines()[:40]:
            print("#   " + line)
    sys.stdout.flush()


def bail(message):
    # A missing tool is a failure, not a skip: CI must not pass without these checks.
    print("1..1")
    print("not ok 1 - " + message)
    sys.exit(1)


STRACE = shutil.which("strace")
if STRACE is None:
    bail("strace is required to prove no file outside the content folder is read and no "
         "network is touched: apt-get install strace")
if not os.access(CLI, os.X_OK):
    bail("%s is not an executable" % CLI)


# Generators: each writes its input into a folder and returns the path. -----------------------

LESSON_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<lesson id="%s" step="step-1" minutes="5">\n'
               '  <title>Hostile</title>\n'
               '  <summary>A generated lesson.</summary>\n'
               '  <section>\n'
               '    <title>Part</title>\n')


def gen_huge_60mb(path):
    # Well-formed all the way: only the size is wrong.
    line = "    <p>" + "padding " * 12 + "</p>\n"
    block = line * 1000
    with open(path, "w") as f:
        f.write(LESSON_HEAD % "huge-60mb")
        while f.tell() < 60 * 1024 * 1024:
            f.write(block)
        f.write("  </section>\n</lesson>\n")


def gen_deep_200000_open(path):
    with open(path, "w") as f:
        f.write(LESSON_HEAD % "deep-200000-open")
        f.write("<a>" * 200000)


def gen_deep_140000_closed(path):
    # As deep as fits under the 1 MiB limit with every element closed again.
    with open(path, "w") as f:
        f.write(LESSON_HEAD % "deep-140000-closed")
        f.write("<a>" * 140000 + "</a>" * 140000)
        f.write("\n  </section>\n</lesson>\n")


def gen_deep_inline(path):
    with open(path, "w") as f:
        f.write(LESSON_HEAD % "deep-inline")
        f.write("    <p>" + "<em>" * 20 + "x" + "</em>" * 20 + "</p>\n")
        f.write("  </section>\n</lesson>\n")


def gen_many_demos(path):
    # Just under 1 MiB of the costliest valid demo (100,000 points each), then one whose
    # parameters clash: every demo's combination is checked, so this must stay cheap.
    with open(path, "w") as f:
        f.write(LESSON_HEAD % "many-demos")
        f.write('    <demo kind="decision-boundary" n="100000" dataset="spiral" model="mlp"/>\n'
                * 13000)
        f.write('    <demo kind="gradient-descent" surface="bowl" start="1"/>\n')
        f.write("  </section>\n</lesson>\n")


def gen_quadratic_blowup(path):
    # One 100 kB entity referenced 200,000 times: 20 GB if expanded.
    with open(path, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lesson [\n'
                '  <!ENTITY a "' + "x" * 100000 + '">\n]>\n')
        f.write((LESSON_HEAD % "quadratic-blowup").split("\n", 1)[1])
        f.write("    <p>" + "&a;" * 200000 + "</p>\n  </section>\n</lesson>\n")


def gen_fifo(path):
    # Reading a FIFO with no writer would block forever.
    os.mkfifo(path)


def gen_long_line(path):
    with open(path, "w") as f:
        f.write("x1,x2,label\n0.5,1.0,0\n" + "1" * 10000 + ",1,0\n")


def gen_too_many_rows(path):
    # The documented limit is 100,000 data rows (MLR_DATASET_MAX_POINTS).
    with open(path, "w") as f:
        f.write("x1,x2,label\n")
        f.write("".join("%d,%d,%d\n" % (i % 97, i % 89, i % 2) for i in range(100001)))


def gen_endless_line(path):
    # 20 MB without a line end: refused at the first 4 kB, not read to the end.
    with open(path, "w") as f:
        f.write("x1,x2,label\n")
        chunk = "7" * (1 << 20)
        for _ in range(20):
            f.write(chunk)


def gen_column_too_many_rows(path):
    with open(path, "w") as f:
        f.write("value\n")
        f.write("".join("%d\n" % (i % 97) for i in range(100001)))


def gen_column_endless_line(path):
    with open(path, "w") as f:
        chunk = "7" * (1 << 20)
        for _ in range(20):
            f.write(chunk)


def gen_scores_100000(path):
    # `evaluate` on 100,000 scores with only 101 distinct values: every one a big tie.
    with open(path, "w") as f:
        f.write("label,score\n")
        f.write("".join("%d,%.2f\n" % (i % 3 == 0, ((i * 37) % 101) / 100)
                        for i in range(100000)))


GENERATORS = {
    "huge-60mb": (gen_huge_60mb, ".xml"),
    "deep-200000-open": (gen_deep_200000_open, ".xml"),
    "deep-140000-closed": (gen_deep_140000_closed, ".xml"),
    "deep-inline": (gen_deep_inline, ".xml"),
    "quadratic-blowup": (gen_quadratic_blowup, ".xml"),
    "many-demos": (gen_many_demos, ".xml"),
    "fifo": (gen_fifo, ".xml"),
    "long-line": (gen_long_line, ".csv"),
    "too-many-rows": (gen_too_many_rows, ".csv"),
    "endless-line": (gen_endless_line, ".csv"),
    "column-too-many-rows": (gen_column_too_many_rows, ".csv"),
    "column-endless-line": (gen_column_endless_line, ".csv"),
    "scores-100000": (gen_scores_100000, ".csv"),
}


# The manifest ---------------------------------------------------------------------------------

def read_manifest():
    cases = []
    with open(os.path.join(HERE, "expected.txt"), encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = [p.strip() for p in line.split("|", 4)]
            if len(parts) != 5 or parts[0] not in ("lesson", "csv", "column", "cli"):
                bail("expected.txt:%d: expected KIND | FILE | EXIT | WHERE | MESSAGE" % n)
            kind, what, status, where, message = parts
            cases.append({"kind": kind, "what": what, "exit": int(status), "where": where,
                          "message": message, "line": n})
    return cases


def resolve_input(what, folder):
    """The path of a committed input, or a fresh generated one inside @folder."""
    if what.startswith("@"):
        name = what[1:]
        func, ext = GENERATORS[name]
        path = os.path.join(folder, name + ext)
        if not os.path.lexists(path):
            func(path)
        return path
    return os.path.join(HERE, what)


def make_content_root(tmp):
    """A scratch content folder: lessons/ for the case and images/ with the bait."""
    root = os.path.join(tmp, "content")
    os.makedirs(os.path.join(root, "lessons"))
    images = os.path.join(root, "images")
    os.makedirs(images)
    with open(os.path.join(images, "a.svg"), "w") as f:
        f.write('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>\n')
    # A picture just over the 4 MiB limit, and a symbolic link out of the content folder.
    with open(os.path.join(images, "huge.png"), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + b"\0" * (4 * 1024 * 1024 + 1))
    os.symlink("/etc/passwd", os.path.join(images, "escape.png"))
    return root


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(argv, cwd, env=None, timeout=30):
    """Runs argv; its status, output and the CPU time it used (user + system, which the load
    of a shared machine barely moves, unlike the wall clock). The timeout, in wall-clock
    seconds, catches a hang."""
    start = child_cpu()
    try:
        p = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, timeout=timeout)
        return (p.returncode, p.stdout.decode("utf-8", "replace"),
                p.stderr.decode("utf-8", "replace"), child_cpu() - start)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        err = (e.stderr or b"").decode("utf-8", "replace")
        return None, out, err, float(timeout)


# strace -------------------------------------------------------------------------------------

STRACE_LINE = re.compile(r'^(\d+)\s+(\w+)\((.*)$')


def sandbox_violations(log, cwd, allowed_root):
    """Every open of a path that is neither system nor inside @allowed_root, every socket or
    connect, and every execve after the first (the CLI itself) but one of the CLI's own
    ml-roadmap-cli-draw, which the CLI hands validate to."""
    bad = []
    execs = 0
    helper = os.path.join(os.path.dirname(os.path.realpath(CLI)), "ml-roadmap-cli-draw")
    root = os.path.realpath(allowed_root) + os.sep
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = STRACE_LINE.match(line)
            if m is None:
                continue
            pid, call, rest = m.groups()
            if call in ("socket", "socketpair", "connect", "bind", "sendto", "sendmsg"):
                bad.append(line.strip())
                continue
            if call == "execve":
                execs += 1
                q = re.match(r'"((?:[^"\\]|\\.)*)"', rest)
                if execs == 2 and q is not None and os.path.normpath(q.group(1)) == helper:
                    continue
                if execs > 1:
                    bad.append(line.strip())
                continue
            if call not in ("open", "openat", "openat2", "creat"):
                continue
            q = re.search(r'"((?:[^"\\]|\\.)*)"', rest)
            if q is None:
                bad.append(line.strip())
                continue
            path = q.group(1)
            if path.startswith("/proc/%s/" % pid) or path.startswith(ALLOWED_PREFIXES):
                continue
            full = os.path.normpath(os.path.join(cwd, path))
            if (full + os.sep).startswith(root) or \
               (os.path.realpath(full) + os.sep).startswith(root):
                continue
            bad.append(line.strip())
    return bad


# Cases ----------------------------------------------------------------------------------------

def sanitizer_env_without_leaks():
    """LeakSanitizer cannot run under ptrace: switch it off for the traced run only (the
    untraced run of the same case keeps it)."""
    env = dict(os.environ)
    for var in ("ASAN_OPTIONS", "LSAN_OPTIONS"):
        env[var] = (env.get(var, "") + ":detect_leaks=0").lstrip(":")
    return env


def sanitizer_env_fast_unwind():
    """.ci/sanitize unwinds the whole stack on every malloc, so that leak suppressions can
    match frames inside GTK's libraries (see there). `validate` loads none of them, and that
    setting alone makes a lesson of 13,000 demos take 5 s instead of 0.7 s under ASan: the
    timed lesson runs use ASan's fast unwinder. Leaks still fail the run."""
    env = dict(os.environ)
    if "ASAN_OPTIONS" in env:
        env["ASAN_OPTIONS"] += ":fast_unwind_on_malloc=1"
    return env


def diag_lines(stderr):
    return [l for l in stderr.splitlines()
            if l and not re.match(r"^\d+ problems? in \d+ files?$", l)]


def check_lesson(case, tmp):
    work = tempfile.mkdtemp(prefix="lesson-", dir=tmp)
    root = make_content_root(work)
    # Generated lessons are made in place; committed ones are copied in.
    dest = resolve_input(case["what"], os.path.join(root, "lessons"))
    if not case["what"].startswith("@"):
        src, dest = dest, os.path.join(root, "lessons", os.path.basename(dest))
        shutil.copyfile(src, dest)
    label = "lesson %s" % case["what"]

    status, out, err, elapsed = run([CLI, "validate", dest], cwd=work,
                                    env=sanitizer_env_fast_unwind())
    if case["where"] == "-":
        # Not a file with lines at all (a FIFO): FILE: message.
        expected = "%s: " % dest
        unplaced = []
    else:
        expected = "%s:%s: " % (dest, case["where"])
        # Every problem names FILE:LINE:COL, whatever else is wrong.
        unplaced = [l for l in diag_lines(err)
                    if not re.match(re.escape(dest) + r":\d+:\d+: ", l)]
    hit = [l for l in err.splitlines() if l.startswith(expected) and case["message"] in l]
    problems = []
    if status != case["exit"]:
        problems.append("exit status %s, expected %d" % (status, case["exit"]))
    if not hit:
        problems.append("no line starting “%s” containing “%s”" % (expected, case["message"]))
    if unplaced:
        problems.append("problems without FILE:LINE:COL: %s" % unplaced)
    if elapsed >= LESSON_TIME_LIMIT:
        problems.append("took %.2f s of CPU (limit %.1f s)" % (elapsed, LESSON_TIME_LIMIT))
    check(not problems, "%s: exit %d at %s, %.0f ms of CPU" % (label, case["exit"], case["where"],
                                                         elapsed * 1000),
          "\n".join(problems) + "\nstderr:\n" + err)

    log = os.path.join(work, "strace.log")
    tstatus, _, terr, _ = run([STRACE, "-f", "-qq", "-o", log, "-e",
                               "trace=open,openat,openat2,creat,socket,socketpair,connect,"
                               "bind,sendto,sendmsg,execve",
                               CLI, "validate", dest],
                              cwd=work, env=sanitizer_env_without_leaks())
    bad = sandbox_violations(log, work, root) if os.path.exists(log) else ["no strace log"]
    check(tstatus == case["exit"] and not bad,
          "%s: reads nothing outside the content folder, no network" % label,
          "exit %s under strace\n%s\n%s" % (tstatus, "\n".join(bad), terr))
    shutil.rmtree(work, ignore_errors=True)


def not_finite_in(text):
    return [l for l in text.splitlines() if NOT_FINITE.search(l)][:5]


def check_csv(case, tmp, ok_points, ok_column):
    src = resolve_input(case["what"], tmp)
    if case["kind"] == "column":
        argv = [CLI, "ttest", src, ok_column]
    else:
        argv = [CLI, "fit", "logreg", "--train", src, "--predict", ok_points]
    status, out, err, elapsed = run(argv, cwd=tmp, timeout=CLI_TIME_LIMIT * 3)
    if case["where"] == "-":
        expected = "%s: " % src
    else:
        expected = "%s:%s: " % (src, case["where"])
    hit = [l for l in err.splitlines() if expected in l and case["message"] in l]
    problems = []
    if status != case["exit"]:
        problems.append("exit status %s, expected %d" % (status, case["exit"]))
    if not hit:
        problems.append("no line with “%s” and “%s”" % (expected, case["message"]))
    if elapsed >= CLI_TIME_LIMIT:
        problems.append("took %.2f s of CPU (limit %.0f s)" % (elapsed, CLI_TIME_LIMIT))
    if not_finite_in(out):
        problems.append("NaN or infinity in the output: %s" % not_finite_in(out))
    check(not problems, "%s %s: exit %d at %s, %.0f ms of CPU" % (case["kind"], case["what"],
                                                            case["exit"], case["where"],
                                                            elapsed * 1000),
          "\n".join(problems) + "\nstderr:\n" + err)


def check_cli(case, tmp, fixtures):
    # Committed inputs (csv/..., lessons/...) are named relative to this folder; @name is
    # made by its generator.
    args = [resolve_input(a, tmp) if a.startswith("@") else
            os.path.join(HERE, a) if os.path.exists(os.path.join(HERE, a)) else a
            for a in (w.format(**fixtures) for w in case["what"].split())]
    status, out, err, elapsed = run([CLI] + args, cwd=tmp, timeout=CLI_TIME_LIMIT * 3)
    problems = []
    if status != case["exit"]:
        problems.append("exit status %s, expected %d" % (status, case["exit"]))
    if case["message"] not in err:
        problems.append("stderr lacks “%s”" % case["message"])
    if elapsed >= CLI_TIME_LIMIT:
        problems.append("took %.2f s of CPU (limit %.0f s)" % (elapsed, CLI_TIME_LIMIT))
    written = ""
    for i, a in enumerate(args[:-1]):
        if a in ("-o", "--output") and args[i + 1].endswith(".csv") and \
           os.path.exists(args[i + 1]):
            with open(args[i + 1], encoding="utf-8", errors="replace") as f:
                written = f.read()
            os.unlink(args[i + 1])
    if not_finite_in(out + written):
        problems.append("NaN or infinity in the output: %s" % not_finite_in(out + written))
    if not NOT_FINITE.search(case["what"]) and not_finite_in(err):
        problems.append("NaN or infinity on stderr: %s" % not_finite_in(err))
    if status == 2 and not err.strip():
        problems.append("a usage error without a message")
    check(not problems, "cli %s: exit %d, %.0f ms of CPU" % (case["what"], case["exit"],
                                                       elapsed * 1000),
          "\n".join(problems) + "\nstderr:\n" + err)


def check_manifest_covers_files(cases):
    """Each committed input has a row, and each row's input exists."""
    listed = {c["what"] for c in cases if c["kind"] in ("lesson", "csv", "column")}
    # a command line's committed inputs count too (`fit poly` reads x,y files, not labels)
    listed |= {a for c in cases if c["kind"] == "cli" for a in c["what"].split()
               if a.startswith(("csv/", "lessons/", "@"))}
    on_disk = set()
    for sub in ("lessons", "csv"):
        for name in os.listdir(os.path.join(HERE, sub)):
            on_disk.add("%s/%s" % (sub, name))
    fixtures = {"csv/ok-points.csv", "csv/ok-train.csv", "csv/identical-points.csv",
                "csv/ok-column.csv", "csv/column-constant.csv"}
    unlisted = sorted(on_disk - listed - fixtures)
    missing = sorted(w for w in listed if not w.startswith("@") and w not in on_disk)
    unknown = sorted(w for w in listed if w.startswith("@") and w[1:] not in GENERATORS)
    check(not unlisted and not missing and not unknown,
          "expected.txt lists every committed input, and only existing ones",
          "not listed: %s\nmissing: %s\nno generator: %s" % (unlisted, missing, unknown))


def check_sandbox_check(tmp):
    """The checker itself: strace works here and a reader of /etc/passwd is caught."""
    log = os.path.join(tmp, "self-test.log")
    cat = shutil.which("cat") or "/bin/cat"
    status, _, err, _ = run([STRACE, "-f", "-qq", "-o", log, "-e", "trace=openat,open",
                             cat, "/etc/passwd"], cwd=tmp)
    if status != 0:
        bail("strace cannot trace a process here (is ptrace allowed?): %s" % err.strip())
    bad = sandbox_violations(log, tmp, tmp)
    check(any('"/etc/passwd"' in b for b in bad),
          "the sandbox check catches a program that reads /etc/passwd", "\n".join(bad))


def main():
    cases = read_manifest()
    tmp = tempfile.mkdtemp(prefix="mlr-hostile-")
    try:
        check_sandbox_check(tmp)
        check_manifest_covers_files(cases)
        moons = os.path.join(tmp, "moons.csv")
        status, _, err, _ = run([CLI, "dataset", "moons", "--n", "200", "--seed", "3", "-o",
                                 moons], cwd=tmp)
        check(status == 0, "a moons dataset for the parameter cases", err)
        fixtures = {"moons": moons, "ok": os.path.join(HERE, "csv", "ok-points.csv"),
                    "train": os.path.join(HERE, "csv", "ok-train.csv"),
                    "column": os.path.join(HERE, "csv", "ok-column.csv"), "tmp": tmp}
        for case in cases:
            if case["kind"] == "lesson":
                check_lesson(case, tmp)
            elif case["kind"] in ("csv", "column"):
                check_csv(case, tmp, fixtures["ok"], fixtures["column"])
            else:
                check_cli(case, tmp, fixtures)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
