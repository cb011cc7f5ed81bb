#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Start-up to first frame of ML Roadmap next to gtk4-demo, in the same run, under one private
# Xvfb: median of N runs after a warm-up, with the resident memory after start-up.
#
#   tests/bench/startup.sh BUILD_DIR [N]
#
# Uses tests/bench/firstframe-cpu.c (the team's firstframe tool, plus the CPU time the process
# has used when its first frame is drawn, the steadier figure on a shared machine), or
# FIRSTFRAME=path to a built binary; needs libx11-dev, libxdamage-dev and gtk-4-examples.
set -eu
build=${1:?usage: startup.sh BUILD_DIR [N]}
runs=${2:-7}
root=$(cd "$(dirname "$0")/../.." && pwd)

if [ -z "${FIRSTFRAME:-}" ]; then
  src=${FIRSTFRAME_SRC:-$root/tests/bench/firstframe-cpu.c}
  FIRSTFRAME=$(mktemp -d)/firstframe
  cc -O2 -o "$FIRSTFRAME" "$src" -lX11 -lXdamage
fi

export FIRSTFRAME runs build root
xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" sh -c '
  export GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1
  export MLR_CONTENT_DIR="$root/content" GSETTINGS_SCHEMA_DIR="$build/assets"
  median () { sort -n | awk "{a[NR]=\$1} END {print a[int((NR+1)/2)]}"; }
  measure () {
    name=$1; shift
    "$FIRSTFRAME" -r 1500 "$@" >/dev/null 2>&1 || true   # warm-up: caches, fonts
    : > /tmp/mlr-startup.$$
    i=0
    while [ $i -lt $runs ]; do
      "$FIRSTFRAME" -r 1500 "$@" 2>/dev/null >> /tmp/mlr-startup.$$ || true
      i=$((i + 1))
    done
    frame=$(grep -o "frame_ms=[0-9.]*" /tmp/mlr-startup.$$ | cut -d= -f2 | median)
    rss=$(grep -o "rss_kb=[0-9]*" /tmp/mlr-startup.$$ | cut -d= -f2 | median)
    cpu=$(grep -o "cpu_ms=[0-9.]*" /tmp/mlr-startup.$$ | cut -d= -f2 | median)
    printf "%-34s first frame %6s ms, CPU %6s ms (medians of %s)   RSS %s MiB\n" "$name" "$frame" \
      "${cpu:-?}" "$runs" "$(awk "BEGIN {printf \"%.0f\", $rss / 1024}")"
  }
  measure "gtk4-demo" gtk4-demo
  measure "ml-roadmap (GL renderer)" "$build/app/ml-roadmap" --lesson calculus-gradients
  GSK_RENDERER=cairo measure "gtk4-demo (cairo renderer)" gtk4-demo
  GSK_RENDERER=cairo measure "ml-roadmap (cairo renderer)" "$build/app/ml-roadmap" --lesson calculus-gradients
  rm -f /tmp/mlr-startup.$$
'
