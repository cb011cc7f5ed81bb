#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Pre-renders a symbolic SVG icon as GTK's .symbolic.png at one size, so that showing the icon
does not load librsvg (about 25 ms of CPU the first time in a process, here).

Usage: encode-symbolic.py GTK4_ENCODE_SYMBOLIC_SVG ICON.svg WxH OUTPUT.png
(gtk4-encode-symbolic-svg names its output after the icon in a folder; this gives it the name
meson asks for.)
"""
import os
import shutil
import subprocess
import sys
import tempfile

tool, svg, size, output = sys.argv[1:5]
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([tool, "-o", tmp, svg, size], check=True)
    made = [f for f in os.listdir(tmp) if f.endswith(".symbolic.png")]
    if len(made) != 1:
        sys.exit("encode-symbolic.py: expected one .symbolic.png from %s, got %s" % (tool, made))
    shutil.move(os.path.join(tmp, made[0]), output)
