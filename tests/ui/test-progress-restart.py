#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Progress survives a restart, checked as a person would: start the real app on a fresh data
directory, mark a lesson done with Ctrl+D, quit with Ctrl+Q, start a new process on the same
data directory and read the sidebar through the accessibility tree: the lesson says "done".
Then Ctrl+D and Ctrl+Q in one go: the change, still waiting to be written, is saved on quitting.

Run inside an X server and a D-Bus session (meson runs it under dbus-run-session).
Usage: test-progress-restart.py ML_ROADMAP BUILD_DIR CONTENT_DIR   (TAP output)"""
import os
import subprocess
import sys
import tempfile
import time

app, build, content = sys.argv[1:4]
results = []


def check(ok, name, detail=""):
    results.append(ok)
    print(("ok" if ok else "not ok"), len(results), "-", name)
    if detail and not ok:
        for line in str(detail).splitlines():
            print("#", line)


def wait_window(timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^ML Roadmap$"],
                             capture_output=True, text=True).stdout.split()
        if out:
            return out[0]
        time.sleep(0.1)
    return None


def keys(window, *combo):
    subprocess.run(["xdotool", "windowfocus", "--sync", window], check=False)
    for k in combo:
        subprocess.run(["xdotool", "key", "--clearmodifiers", k], check=False)
        time.sleep(0.3)


def find_named(node, name, depth=0):
    if node is None or depth > 40:
        return None
    try:
        if node.get_name() == name:
            return node
        for i in range(node.get_child_count()):
            found = find_named(node.get_child_at_index(i), name, depth + 1)
            if found is not None:
                return found
    except Exception:
        return None
    return None


with tempfile.TemporaryDirectory() as tmp:
    env = dict(os.environ)
    env.update({
        "XDG_DATA_HOME": os.path.join(tmp, "data"),
        "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
        "GSETTINGS_BACKEND": "keyfile",
        "GSETTINGS_SCHEMA_DIR": os.path.join(build, "assets"),
        "MLR_CONTENT_DIR": content,
        "MLR_NO_BROWSER": "1",
        "G_DEBUG": "fatal-criticals",
    })
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    progress_file = os.path.join(tmp, "data", "ml-roadmap", "progress.ini")

    # First run: mark Bayes' theorem done, quit.
    first = subprocess.Popen([app, "--lesson", "bayes-theorem"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    window = wait_window()
    check(window is not None, "the app shows its window")
    if window is not None:
        keys(window, "ctrl+d")
    saved = False
    for _ in range(50):
        if os.path.exists(progress_file) and "state=done" in open(progress_file).read():
            saved = True
            break
        time.sleep(0.1)
    check(saved, "Ctrl+D writes the lesson as done to the progress file",
          open(progress_file).read() if os.path.exists(progress_file) else "no file")
    if window is not None:
        keys(window, "ctrl+q")
    try:
        first.wait(timeout=15)
    except subprocess.TimeoutExpired:
        first.kill()
    out = first.stdout.read()
    check(first.returncode == 0, "Ctrl+Q quits cleanly (exit %s)" % first.returncode, out)

    # Second run: a new process on the same data directory.
    second = subprocess.Popen([app], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    window = wait_window()
    check(window is not None, "the app starts again")
    found = None
    try:
        import gi
        gi.require_version("Atspi", "2.0")
        from gi.repository import Atspi
        end = time.time() + 20
        while found is None and time.time() < end:
            desktop = Atspi.get_desktop(0)
            for i in range(desktop.get_child_count()):
                a = desktop.get_child_at_index(i)
                if a is not None and a.get_name() in ("ml-roadmap", "ML Roadmap"):
                    found = find_named(a, "Bayes' theorem, done")
            if found is None:
                time.sleep(0.5)
        check(found is not None,
              "after the restart the sidebar reads “Bayes' theorem, done” to assistive "
              "technology")
        if found is not None:
            check(found.get_role() == Atspi.Role.LIST_ITEM, "it is a list item in the roadmap",
                  found.get_role_name())
    except (ImportError, ValueError) as e:
        check(False, "the accessibility tree can be read (python3-gi, gir1.2-atspi-2.0)", e)
    if window is not None:
        keys(window, "ctrl+q")
    try:
        second.wait(timeout=15)
    except subprocess.TimeoutExpired:
        second.kill()
    # The second run opened at the lesson viewed last, and both are still recorded.
    text = open(progress_file).read() if os.path.exists(progress_file) else ""
    check("[lesson bayes-theorem]\nstate=done" in text, "the record still says done", text)

    # Third run: Ctrl+D and Ctrl+Q at once, before the debounced write is due. Quitting writes
    # what is still waiting.
    third = subprocess.Popen([app, "--lesson", "calculus-gradients"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    window = wait_window()
    check(window is not None, "the app starts a third time")
    if window is not None:
        time.sleep(1)  # the start-up writes (the lesson is in progress) are done
        subprocess.run(["xdotool", "windowfocus", "--sync", window], check=False)
        subprocess.run(["xdotool", "key", "--clearmodifiers", "ctrl+d", "ctrl+q"], check=False)
    try:
        third.wait(timeout=15)
    except subprocess.TimeoutExpired:
        third.kill()
    out = third.stdout.read()
    check(third.returncode == 0, "Ctrl+Q right after Ctrl+D quits cleanly (exit %s)" %
          third.returncode, out)
    text = open(progress_file).read() if os.path.exists(progress_file) else ""
    check("[lesson calculus-gradients]\nstate=done" in text,
          "Ctrl+Q right after Ctrl+D still saves the lesson as done", text)
    check("[lesson bayes-theorem]\nstate=done" in text, "and keeps what was saved before", text)

print("1..%d" % len(results))
sys.exit(0 if all(results) else 1)
