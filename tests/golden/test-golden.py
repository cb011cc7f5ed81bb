#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Golden images: renders compared with committed pictures, within a tolerance (TAP).

usage: test-golden.py CLI LIST IMAGES OUTDIR

Each line of LIST names a picture in IMAGES and the `CLI render` arguments that draw it, or
`math` and the `CLI math` arguments of a formula (see renders.txt for the format). A render that differs too much fails with the numbers,
and the actual picture and a difference picture (the golden one faded, the differing
pixels in magenta) are written to OUTDIR. With MLR_UPDATE_GOLDEN=1 in the environment the
renders replace the golden pictures instead (new ones are added), and every line passes.
"""
import os
import shlex
import struct
import subprocess
import sys
import tempfile
import zlib

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from pngread import read_png  # noqa: E402

DEFAULT_SIZE = "480x320"
DEFAULTS = {"max_diff": 8, "max_share": 0.001}


def parse_list(path):
    """[(line number, file, options, render arguments)] from the list file."""
    entries = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            words = shlex.split(line)
            name, rest = words[0], words[1:]
            options = dict(DEFAULTS)
            while rest and "=" in rest[0] and not rest[0].startswith("-"):
                key, value = rest.pop(0).split("=", 1)
                if key not in DEFAULTS:
                    raise SystemExit(f"{path}:{number}: unknown option “{key}” "
                                     f"(options: {', '.join(DEFAULTS)})")
                options[key] = type(DEFAULTS[key])(value)
            if not rest:
                raise SystemExit(f"{path}:{number}: no render arguments for {name}")
            if rest[0] != "math" and "--size" not in rest and \
                    not any(a.startswith("--size=") for a in rest):
                rest += ["--size", DEFAULT_SIZE]
            entries.append((number, name, options, rest))
    return entries


def write_png(path, width, height, rows):
    """An 8-bit RGB PNG from rows of (r, g, b) tuples."""
    raw = b"".join(b"\0" + bytes(c for px in row for c in px) for row in rows)

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 6)))
        f.write(chunk(b"IEND", b""))


def compare(golden, actual, max_diff):
    """(largest channel difference, pixels differing by more than max_diff, total pixels,
    difference picture rows)."""
    gw, gh, grows = golden
    largest, differing, diff_rows = 0, 0, []
    for grow, arow in zip(grows, actual[2]):
        out = []
        for g, a in zip(grow, arow):
            d = max(abs(g[0] - a[0]), abs(g[1] - a[1]), abs(g[2] - a[2]))
            largest = max(largest, d)
            if d > max_diff:
                differing += 1
                out.append((255, 0, 255))
            else:
                grey = (g[0] + g[1] + g[2]) // 3
                out.append((192 + grey // 4,) * 3)
        diff_rows.append(out)
    return largest, differing, gw * gh, diff_rows


def main():
    cli, list_path, images, outdir = sys.argv[1:5]
    update = os.environ.get("MLR_UPDATE_GOLDEN", "") not in ("", "0")
    entries = parse_list(list_path)
    print(f"1..{len(entries)}")
    failed = 0
    os.makedirs(outdir, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for i, (number, name, options, args) in enumerate(entries, 1):
            golden_path = os.path.join(images, name)
            actual_path = os.path.join(tmp, name)
            command = args if args[0] == "math" else ["render"] + args
            p = subprocess.run([cli] + command + ["-o", actual_path],
                               capture_output=True, text=True)
            if p.returncode != 0:
                failed += 1
                print(f"not ok {i} - {name}: `{' '.join(command)}` exited with "
                      f"{p.returncode}")
                print("# " + p.stderr.strip().replace("\n", "\n# "))
                continue
            if update:
                with open(actual_path, "rb") as src, open(golden_path, "wb") as dst:
                    dst.write(src.read())
                print(f"ok {i} - {name} # updated {golden_path}")
                continue
            if not os.path.exists(golden_path):
                failed += 1
                print(f"not ok {i} - {name}: no golden image {golden_path} (line {number} of "
                      f"{list_path}); create it with MLR_UPDATE_GOLDEN=1")
                continue
            with open(golden_path, "rb") as a, open(actual_path, "rb") as b:
                if a.read() == b.read():
                    print(f"ok {i} - {name} (identical)")
                    continue
            golden, actual = read_png(golden_path), read_png(actual_path)
            if golden[:2] != actual[:2]:
                failed += 1
                print(f"not ok {i} - {name}: the render is {actual[0]}x{actual[1]}, the golden "
                      f"image {golden[0]}x{golden[1]}")
                continue
            largest, differing, total, diff_rows = compare(golden, actual, options["max_diff"])
            share = differing / total
            summary = (f"{differing} of {total} pixels ({share:.3%}) differ by more than "
                       f"{options['max_diff']} (largest difference {largest})")
            if share <= options["max_share"]:
                print(f"ok {i} - {name}: {summary}")
                continue
            failed += 1
            kept = os.path.join(outdir, name)
            diff_path = os.path.join(outdir, name[:-4] + ".diff.png")
            with open(actual_path, "rb") as src, open(kept, "wb") as dst:
                dst.write(src.read())
            write_png(diff_path, golden[0], golden[1], diff_rows)
            print(f"not ok {i} - {name}: {summary}; at most {options['max_share']:.3%} may")
            print(f"#   render:     ml-roadmap-cli {shlex.join(command)}")
            print(f"#   golden:     {golden_path}")
            print(f"#   actual:     {kept}")
            print(f"#   difference: {diff_path} (differing pixels in magenta)")
            print("#   If the change is intended, regenerate with MLR_UPDATE_GOLDEN=1 "
                  "meson test -C BUILDDIR golden-images, look at the new images, and commit them.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
