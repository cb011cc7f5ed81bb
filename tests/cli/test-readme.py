#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The README's commands work as written (TAP).

A newcomer copies commands from README.md. The file starts with exactly the two set-up
commands (`.ci/dev run`, `.ci/dev test`); every `build/app/cli/ml-roadmap-cli` command in its
shell blocks runs from a checkout after them and exits 0. `build/` is this build's folder.

usage: test-readme.py SOURCE_ROOT BUILD_ROOT
"""
import os
import re
import shlex
import subprocess
import sys

from tap import check, finish

SRC, BUILD = sys.argv[1], sys.argv[2]


with open(os.path.join(SRC, "README.md"), encoding="utf-8") as f:
    text = f.read()

# Shell blocks, in order, and the commands in them (comments dropped).
blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
commands = []
for block in blocks:
    for line in block.splitlines():
        line = line.split(" #", 1)[0].strip()
        if line:
            commands.append(line)

check(len(blocks) > 0 and text.index("```sh") < text.index("\n## "),
      "the README starts with a shell block, before its first section")
first = [line.split(" #", 1)[0].strip() for line in blocks[0].splitlines() if line.strip()]
check(first == [".ci/dev run", ".ci/dev test"],
      "the first block is exactly the two set-up commands", repr(first))

cli_commands = [c for c in commands if c.startswith("build/app/cli/ml-roadmap-cli ")]
check(len(cli_commands) >= 3, "the README shows ml-roadmap-cli commands", str(len(cli_commands)))
for command in cli_commands:
    argv = shlex.split(command)
    argv[0] = os.path.join(BUILD, "app", "cli", "ml-roadmap-cli")
    p = subprocess.run(argv, cwd=SRC, capture_output=True, text=True, timeout=120)
    check(p.returncode == 0, "`%s` exits 0 from the checkout" % command,
          (p.stdout + p.stderr)[-400:])

finish()
