#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The learner's stored progress against everything a disk can do to it (TAP).

Starts the real app on each bad state of $XDG_DATA_HOME/ml-roadmap/progress.ini and checks
what a person would see: the window comes up, the process is still alive after 2 s, the app
says what happened (a toast, read through the accessibility tree, and a message on stderr),
Ctrl+D still marks the lesson done, Ctrl+Q quits cleanly, and the learner's data is never
replaced by less:

  corrupt, truncated, 50 MB   moved aside as progress.ini.corrupt-* with identical bytes; a
                              fresh file records the lesson as done
  a folder in its place,      left exactly as it was (byte for byte, the folder's contents
  a newer format, mode 000    too); nothing is written this session
  read-only, full data folder the old file byte for byte, no temporary files left behind
  settings: garbage, hostile  the window fits the screen, a lesson opens and Ctrl+D works
  values, wrong types         (GLib's keyfile backend, so the file can be written by hand)

The read-only and full folders are tmpfs mounts in a private mount namespace (unshare -m, or
unshare -Urm without root), so nothing leaks to the host even if the test dies. Where neither
is allowed (a container without CAP_SYS_ADMIN or user namespaces) those two cases are skipped
with the reason; everything else needs no privilege. As root, a mode-000 file is readable, so
that case is skipped and the folder case stands in for "cannot be read".

Run inside an X server and a D-Bus session (meson runs it under tests/private-bus.sh); with
MLR_REQUIRE_DISPLAY=1 a missing display is a failure, not a skip.
usage: test-stored-state.py ML_ROADMAP BUILD_DIR CONTENT_DIR
"""
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

APP, BUILD, CONTENT = (os.path.abspath(a) for a in sys.argv[1:4])
LESSON = "bayes-theorem"
# Waits are sized for a release build; MLR_TEST_SLOWDOWN (set by .ci/sanitize) stretches them.
SLOWDOWN = max(1.0, float(os.environ.get("MLR_TEST_SLOWDOWN", "1") or 1))
results = []


def check(ok, name, detail=""):
    results.append(bool(ok))
    print("%s %d - %s" % ("ok" if ok else "not ok", len(results), name))
    if detail and not ok:
        for line in str(detail).rstrip().splitlines()[-30:]:
            print("#   " + line)
    sys.stdout.flush()


def skip(name, reason):
    results.append(True)
    print("ok %d - %s # SKIP %s" % (len(results), name, reason))


def finish():
    print("1..%d" % len(results))
    sys.exit(0 if all(results) else 1)


if not os.environ.get("DISPLAY"):
    if os.environ.get("MLR_REQUIRE_DISPLAY"):
        print("1..1\nnot ok 1 - no display: run the GUI tests under Xvfb (.ci/dev test does)")
        sys.exit(1)
    print("1..0 # SKIP no display")
    sys.exit(0)
if shutil.which("xdotool") is None:
    print("1..1\nnot ok 1 - xdotool is required to drive the window: apt-get install xdotool")
    sys.exit(1)
try:
    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi
except (ImportError, ValueError) as e:
    print("1..1\nnot ok 1 - the accessibility tree cannot be read (apt-get install python3-gi "
          "gir1.2-atspi-2.0): %s" % e)
    sys.exit(1)


# A real learner's record: three lessons, a quiz, a challenge.
GOOD = (b"[ml-roadmap]\nversion=1\n\n"
        b"[lesson what-ml-engineers-do]\nstate=done\nposition=1\n\n"
        b"[lesson bayes-theorem]\nstate=in-progress\nposition=0.25\nquiz-score=3\n"
        b"quiz-total=5\n\n"
        b"[lesson calculus-gradients]\nstate=skipped\nchallenges=rosenbrock-under-500;\n")


def sha(data):
    return hashlib.sha256(data).hexdigest()[:16]


def tree_digest(path):
    """Names, types and bytes of everything under @path, to compare before and after."""
    out = []
    for dirpath, dirnames, filenames in sorted(os.walk(path)):
        dirnames.sort()
        rel = os.path.relpath(dirpath, path)
        out.append("d %s %o" % (rel, os.stat(dirpath).st_mode & 0o7777))
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            with open(full, "rb") as f:
                out.append("f %s %s" % (os.path.join(rel, name), sha(f.read())))
    return "\n".join(out)


def wait_window(pid, timeout=30):
    end = time.time() + timeout * SLOWDOWN
    while time.time() < end:
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid),
                              "--name", "^ML Roadmap$"], capture_output=True, text=True).stdout
        if out.split():
            return out.split()[0]
        time.sleep(0.1)
    return None


def keys(window, combo):
    subprocess.run(["xdotool", "windowfocus", "--sync", window], check=False,
                   capture_output=True)
    subprocess.run(["xdotool", "key", "--clearmodifiers", combo], check=False)
    time.sleep(0.5 * SLOWDOWN)


def names_under(node, depth=0, out=None):
    out = [] if out is None else out
    if node is None or depth > 60:
        return out
    try:
        name = node.get_name()
        if name:
            out.append(name)
        for i in range(node.get_child_count()):
            names_under(node.get_child_at_index(i), depth + 1, out)
    except Exception:
        pass
    return out


def find_text(pid, needle, timeout=6):
    """Any accessible name in the app's tree containing @needle (toasts are labels)."""
    end = time.time() + timeout * SLOWDOWN
    seen = []
    while time.time() < end:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is None or app.get_process_id() != pid:
                    continue
            except Exception:
                continue
            seen = names_under(app)
            hits = [n for n in seen if needle in n]
            if hits:
                return hits[0]
        time.sleep(0.3)
    # For the failure report: the longer texts the app did show (toasts are sentences).
    find_text.last_seen = [n for n in seen if len(n) > 40]
    return None


def base_env(data_home):
    env = dict(os.environ)
    env.update({
        "XDG_DATA_HOME": data_home,
        "GSETTINGS_BACKEND": "memory",
        "GSETTINGS_SCHEMA_DIR": os.path.join(BUILD, "assets"),
        "MLR_CONTENT_DIR": CONTENT,
        "MLR_NO_BROWSER": "1",
        "G_DEBUG": "fatal-criticals",
    })
    # The toast is read through AT-SPI.
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    return env


def run_app(name, argv, env, pidfile=None, toast=None, inspect=None, start=None):
    """Starts @argv, drives it like a person, returns (exit status, output). @inspect(window)
    looks at the window once it is up, before any key is pressed; @start is a key pressed
    before Ctrl+D (Return on the home page opens the first lesson)."""
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    pid = proc.pid
    if pidfile is not None:
        # A wrapper started the app: its pid is in the file.
        end = time.time() + 15
        while time.time() < end and not (os.path.exists(pidfile) and
                                         open(pidfile).read().strip()):
            time.sleep(0.05)
        pid = int(open(pidfile).read().strip()) if os.path.exists(pidfile) else -1
    window = wait_window(pid)
    check(window is not None, "%s: the window appears" % name)
    seen = None
    if window is not None:
        time.sleep(2 * SLOWDOWN)
        alive = proc.poll() is None and os.path.exists("/proc/%d" % pid)
        check(alive, "%s: the app is alive after 2 s" % name)
        if inspect is not None:
            inspect(window)
        if toast is not None and toast[0] == "start":
            seen = find_text(pid, toast[1])
        if start is not None:
            keys(window, start)
            time.sleep(1 * SLOWDOWN)
        keys(window, "ctrl+d")
        if toast is not None and toast[0] == "ctrl+d":
            seen = find_text(pid, toast[1])
        keys(window, "ctrl+q")
    try:
        proc.wait(timeout=30 * SLOWDOWN)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    out = proc.stdout.read().decode("utf-8", "replace")
    check(proc.returncode == 0, "%s: Ctrl+Q quits cleanly (exit %s)" % (name, proc.returncode),
          out)
    if toast is not None:
        check(seen is not None, "%s: the app says so: “%s…”" % (name, toast[1]),
              out + "\nlong texts shown: %s" % getattr(find_text, "last_seen", []))
    return proc.returncode, out


def progress_dir(tmp):
    d = os.path.join(tmp, "data", "ml-roadmap")
    os.makedirs(d)
    return d


def state_of(path):
    if not os.path.isfile(path):
        return None
    text = open(path, encoding="utf-8", errors="replace").read()
    return "[lesson %s]\nstate=done" % LESSON in text


def corrupt_case(name, data, why):
    """The file is moved aside unchanged; a fresh one records the lesson."""
    tmp = tempfile.mkdtemp(prefix="mlr-state-")
    d = progress_dir(tmp)
    path = os.path.join(d, "progress.ini")
    with open(path, "wb") as f:
        f.write(data)
    _, out = run_app(name, [APP, "--lesson", LESSON], base_env(os.path.join(tmp, "data")),
                     toast=("start", "Your progress file was damaged"))
    backups = glob.glob(path + ".corrupt-*")
    same = len(backups) == 1 and open(backups[0], "rb").read() == data
    check(same, "%s: moved aside as %s with identical bytes" %
          (name, os.path.basename(backups[0]) if backups else "progress.ini.corrupt-*"),
          "backups: %s" % backups)
    check(why in out, "%s: stderr says why (“%s”)" % (name, why), out)
    check(state_of(path), "%s: a fresh file records the lesson as done" % name,
          open(path).read() if os.path.exists(path) else "no progress.ini")
    shutil.rmtree(tmp, ignore_errors=True)


def untouched_case(name, setup, why):
    """Whatever stands at progress.ini is left exactly as it was."""
    tmp = tempfile.mkdtemp(prefix="mlr-state-")
    d = progress_dir(tmp)
    setup(os.path.join(d, "progress.ini"))
    before = tree_digest(d)
    _, out = run_app(name, [APP, "--lesson", LESSON], base_env(os.path.join(tmp, "data")),
                     toast=("start", "Your progress file cannot be used"))
    after = tree_digest(d)
    check(before == after, "%s: left byte for byte as it was, nothing added" % name,
          "before:\n%s\nafter:\n%s" % (before, after))
    check(why in out, "%s: stderr says why (“%s”)" % (name, why), out)
    shutil.rmtree(tmp, ignore_errors=True)


def screen_size():
    out = subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True,
                         text=True).stdout.split()
    return (int(out[0]), int(out[1])) if len(out) == 2 else (8192, 8192)


def settings_case(name, keyfile):
    """Settings damaged or edited by hand, through GLib's keyfile backend: the app starts at a
    size that fits the screen, on the home page (no lesson viewed last survives the damage),
    whose focused Start button opens the first lesson on Return, and keeps working."""
    tmp = tempfile.mkdtemp(prefix="mlr-settings-")
    conf = os.path.join(tmp, "config", "glib-2.0", "settings")
    os.makedirs(conf)
    with open(os.path.join(conf, "keyfile"), "wb") as f:
        f.write(keyfile)
    env = base_env(os.path.join(tmp, "data"))
    env["GSETTINGS_BACKEND"] = "keyfile"
    env["XDG_CONFIG_HOME"] = os.path.join(tmp, "config")
    sizes = []

    def inspect(window):
        out = subprocess.run(["xdotool", "getwindowgeometry", window], capture_output=True,
                             text=True).stdout
        m = re.search(r"Geometry: (\d+)x(\d+)", out)
        if m:
            sizes.append((int(m.group(1)), int(m.group(2))))

    run_app(name, [APP], env, inspect=inspect, start="Return")
    sw, sh = screen_size()
    fits = len(sizes) == 1 and 360 <= sizes[0][0] <= sw and 294 <= sizes[0][1] <= sh
    check(fits, "%s: the window fits the %dx%d screen (%s)" % (name, sw, sh, sizes))
    # What the app saved on quitting is what it showed, not the absurd value it was given.
    saved = open(os.path.join(conf, "keyfile"), "rb").read().decode("utf-8", "replace")
    w = re.search(r"^window-width=(-?\d+)$", saved, re.M)
    h = re.search(r"^window-height=(-?\d+)$", saved, re.M)
    sane = w is not None and h is not None and 360 <= int(w.group(1)) <= sw and \
        294 <= int(h.group(1)) <= sh
    check(sane, "%s: the size saved on quitting fits the screen" % name, saved)
    progress = os.path.join(tmp, "data", "ml-roadmap", "progress.ini")
    done = os.path.isfile(progress) and "state=done" in open(progress, errors="replace").read()
    check(done, "%s: Return on the home page opens a lesson, Ctrl+D marks it done" % name)
    shutil.rmtree(tmp, ignore_errors=True)


def namespace_prefix():
    """How to get a private mount namespace with a tmpfs here, or None."""
    probe = tempfile.mkdtemp(prefix="mlr-mount-probe-")
    try:
        for prefix in (["unshare", "--mount", "--propagation", "private"],
                       ["unshare", "--user", "--map-root-user", "--mount", "--propagation",
                        "private"]):
            try:
                p = subprocess.run(prefix + ["sh", "-c", 'mount -t tmpfs -o size=64k tmpfs "$0"',
                                             probe], capture_output=True, timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                continue
            if p.returncode == 0:
                return prefix
        return None
    finally:
        os.rmdir(probe)


# Inside the namespace: mount a small tmpfs on the data folder, put the learner's file there,
# make the folder read-only or fill it, run the app, then copy what is left out for checking.
WRAPPER = r'''
data=$1 seed=$2 out=$3 pidfile=$4 mode=$5; shift 5
mount -t tmpfs -o size=256k,mode=0755 tmpfs "$data" || exit 90
mkdir -p "$data/ml-roadmap" && cp "$seed" "$data/ml-roadmap/progress.ini" || exit 91
if [ "$mode" = ro ]; then
  mount -o remount,ro "$data" || exit 92
else
  # Fill every block: the next write fails with ENOSPC.
  dd if=/dev/zero of="$data/filler" bs=4096 2>/dev/null
  [ "$(df --output=avail "$data" | tail -1 | tr -d ' ')" = 0 ] || exit 93
fi
"$@" &
echo $! > "$pidfile"
wait $!
status=$?
cp -a "$data/ml-roadmap" "$out/" || exit 94
exit $status
'''


def mounted_case(name, mode, prefix, toast):
    tmp = tempfile.mkdtemp(prefix="mlr-state-")
    data = os.path.join(tmp, "data")
    out = os.path.join(tmp, "after")
    os.makedirs(data)
    os.makedirs(out)
    seed = os.path.join(tmp, "seed.ini")
    with open(seed, "wb") as f:
        f.write(GOOD)
    pidfile = os.path.join(tmp, "pid")
    argv = prefix + ["sh", "-c", WRAPPER, "wrapper", data, seed, out, pidfile, mode, APP,
                     "--lesson", LESSON]
    status, log = run_app(name, argv, base_env(data), pidfile=pidfile,
                          toast=("ctrl+d", toast))
    left = os.path.join(out, "ml-roadmap")
    files = sorted(os.listdir(left)) if os.path.isdir(left) else []
    kept = os.path.isfile(os.path.join(left, "progress.ini")) and \
        open(os.path.join(left, "progress.ini"), "rb").read() == GOOD
    check(kept, "%s: the learner's file is byte for byte as it was" % name,
          "exit %s, files %s\n%s" % (status, files, log))
    check(files == ["progress.ini"], "%s: no temporary file left behind (%s)" % (name, files))
    shutil.rmtree(tmp, ignore_errors=True)


def main():
    # Damaged files: moved aside, never lost.
    corrupt_case("corrupt (binary garbage)", b"\x7fELF\x02\x01\x01\0garbage\xff\xfe\n" * 40,
                 "it is not UTF-8 text")
    corrupt_case("corrupt (not a key file)", b"{\"progress\": [1, 2, 3]}\n",
                 "it cannot be parsed")
    corrupt_case("truncated mid-file", GOOD[:9], "it cannot be parsed")
    corrupt_case("no header section", GOOD.split(b"\n\n", 1)[1], "it has no [ml-roadmap] section")
    big = (b"[ml-roadmap]\nversion=1\n\n" +
           b"".join(b"[lesson l%07d]\nstate=done\n\n" % i for i in range(2100000)))[:50 << 20]
    corrupt_case("huge (50 MB)", big, "far larger than a progress file can be")

    # Files that cannot be read or understood: never overwritten.
    def folder(path):
        os.makedirs(path)
        with open(os.path.join(path, "keep-me.txt"), "wb") as f:
            f.write(b"not yours\n")
    untouched_case("a folder in its place", folder, "it is not a regular file")

    def newer(path):
        with open(path, "wb") as f:
            f.write(GOOD.replace(b"version=1", b"version=99") + b"[future]\nthing=1\n")
    untouched_case("a newer format", newer, "written by a newer version of ML Roadmap")

    if os.geteuid() == 0:
        skip("mode 000 file", "root reads any file; the folder case stands in for "
             "“cannot be read”")
    else:
        def unreadable(path):
            with open(path, "wb") as f:
                f.write(GOOD)
            os.chmod(path, 0)
        untouched_case("mode 000 file", unreadable, "it cannot be opened")

    # Settings: what GSettings cannot parse or the schema does not allow falls back to the
    # default; what it allows but is absurd (a window 2^31 pixels tall, a lesson id that is a
    # path) is clamped or ignored by the app.
    settings_case("settings file of binary garbage", b"\x7fELF\x02\x01\xff\xfe[[[\n" * 200)
    group = b"[io/github/mlroadmap/MLRoadmap]\n"
    settings_case("settings with hostile values", group +
                  b"window-width=-2147483648\nwindow-height=2147483647\n"
                  b"window-maximized='yes'\nlast-lesson='../../../../etc/passwd'\n"
                  b"color-scheme='purple'\ntext-scale=1e308\nreduce-motion=nan\n")
    settings_case("settings of the wrong types", group +
                  b"window-width='wide'\nwindow-height=@d 1e9\nlast-lesson=42\n"
                  b"text-scale='big'\n")

    # Folders that cannot be written: the old file stays.
    prefix = namespace_prefix()
    if prefix is None:
        reason = ("no private mount namespace here (unshare -m needs CAP_SYS_ADMIN, unshare "
                  "-Urm needs user namespaces)")
        skip("read-only data folder", reason)
        skip("full data folder", reason)
    else:
        mounted_case("read-only data folder", "ro", prefix, "Progress not saved")
        mounted_case("full data folder", "full", prefix, "Progress not saved")
    finish()


if __name__ == "__main__":
    main()
