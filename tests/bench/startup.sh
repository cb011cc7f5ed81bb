#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Start-up to first frame of ML Roadmap next to gtk4-demo, in the same run, under one private
# Xvfb: median of N runs after a warm-up, with the CPU time used by the first frame and 1.5 s
# later (work a start-up leaves for after its first frame, figures say) and the resident
# memory. With a second build directory (a build of main, say), its app runs too, so before and
# after are measured in the same rounds. Rounds interleave the programs (gtk4-demo,
# adwaita-1-demo when installed, the floors below, the build, the other build, then the same
# with GSK_RENDERER=cairo), so a change in the machine's load hits them alike.
#
#   tests/bench/startup.sh BUILD_DIR [N] [OTHER_BUILD_DIR]
#
# gtk4-demo's window is 800×600 and ML Roadmap's 1100×760 (1.74 times the pixels to lay out and
# paint), so the rounds also start ML Roadmap at 800×600 (its saved window size, through the
# keyfile GSettings backend): the like-for-like figure. With the build's startup-floor-gtk and
# startup-floor-adw (tests/bench/startup-floor.c: an 800×600 window with a header bar and a
# paragraph, nothing else), the rounds start them too: the least a GTK app and a libadwaita app
# cost to their first frame, so a program's figure can be split into its toolkit's floor and its
# own work.
#
# The app runs with private XDG folders (so a later start finds the figures' cache the warm-up
# filled, as a learner's second start does) and --lesson calculus-gradients.
#
# Uses tests/bench/firstframe-cpu.c (the team's firstframe tool, plus the CPU time the process
# has used when its first frame is drawn, the steadier figure on a shared machine), or
# FIRSTFRAME=path to a built binary; needs libx11-dev, libxdamage-dev and gtk-4-examples.
set -eu
build=$(cd "${1:?usage: startup.sh BUILD_DIR [N] [OTHER_BUILD_DIR]}" && pwd)
runs=${2:-7}
other=${3:+$(cd "$3" && pwd)}
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v gtk4-demo >/dev/null || { echo "startup.sh: needs gtk4-demo (gtk-4-examples)" >&2; exit 1; }

if [ -z "${FIRSTFRAME:-}" ]; then
  src=${FIRSTFRAME_SRC:-$root/tests/bench/firstframe-cpu.c}
  FIRSTFRAME=$(mktemp -d)/firstframe
  cc -O2 -o "$FIRSTFRAME" "$src" -lX11 -lXdamage
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# libadwaita's own demo, when installed (libadwaita-1-examples), is a second peer: gtk4-demo
# does not load libadwaita, whose style sheet alone is about 35 ms of a start's CPU here.
adw=$(command -v adwaita-1-demo || true)
export FIRSTFRAME runs build other root work adw
xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" sh -c '
  export GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1
  export MLR_CONTENT_DIR="$root/content" GSETTINGS_SCHEMA_DIR="$build/assets"
  median () { sort -n | awk "{a[NR]=\$1} END {print a[int((NR+1)/2)]}"; }
  # run PROGRAM ROUND RENDERER CMD...: one start, its line appended to $work/PROGRAM.ROUND.
  run () {
    prog=$1 suffix=$2 renderer=$3; shift 3
    # Private XDG folders, one set per program: each build finds only its own cache. They must
    # exist: Mesa does not create a missing $XDG_CACHE_HOME, and without its shader cache every
    # start of gtk4-demo compiles its shaders again (1.9 s of CPU instead of 0.65).
    mkdir -p "$work/xdg-$prog/cache" "$work/xdg-$prog/data" "$work/xdg-$prog/config"
    XDG_CACHE_HOME="$work/xdg-$prog/cache" XDG_DATA_HOME="$work/xdg-$prog/data" \
      XDG_CONFIG_HOME="$work/xdg-$prog/config" \
      env $([ "$renderer" = cairo ] && echo GSK_RENDERER=cairo) \
      "$FIRSTFRAME" -r 1500 "$@" 2>/dev/null >> "$work/$prog.$suffix" || true
  }
  round () {
    renderer=$1 suffix=$2
    run demo "$suffix" "$renderer" gtk4-demo
    # With the cairo renderer ML Roadmap turns off GL in GDK (GDK_DEBUG=gl-disable, see
    # mlr_application_prepare_environment()); gtk4-demo does not, so it also starts with the
    # same switch: the like-for-like figure.
    if [ "$renderer" = cairo ]; then
      run demo-nogl "$suffix" "$renderer" env GDK_DEBUG=gl-disable gtk4-demo
    fi
    if [ -n "$adw" ]; then
      run adw "$suffix" "$renderer" "$adw"
    fi
    if [ -x "$build/tests/bench/startup-floor-gtk" ]; then
      run floor-gtk "$suffix" "$renderer" "$build/tests/bench/startup-floor-gtk"
      run floor-adw "$suffix" "$renderer" "$build/tests/bench/startup-floor-adw"
    fi
    run app "$suffix" "$renderer" "$build/app/ml-roadmap" --lesson calculus-gradients
    run app-800 "$suffix" "$renderer" env GSETTINGS_BACKEND=keyfile \
      "$build/app/ml-roadmap" --lesson calculus-gradients
    if [ -n "$other" ]; then
      run other "$suffix" "$renderer" "$other/app/ml-roadmap" --lesson calculus-gradients
    fi
  }
  report () {
    f="$work/$1"; label=$2
    frame=$(grep -o "frame_ms=[0-9.]*" "$f" | cut -d= -f2 | median)
    rss=$(grep -o "rss_kb=[0-9]*" "$f" | cut -d= -f2 | median)
    cpu=$(grep -o " cpu_ms=[0-9.]*" "$f" | cut -d= -f2 | median)
    settled=$(grep -o "settled_cpu_ms=[0-9.]*" "$f" | cut -d= -f2 | median)
    printf "%-44s first frame %6s ms, CPU %6s ms, 1.5 s later %6s ms (medians of %s)   RSS %s MiB\n" \
      "$label" "$frame" "${cpu:-?}" "${settled:-?}" "$runs" \
      "$(awk "BEGIN {printf \"%.0f\", $rss / 1024}")"
  }
  # ML Roadmap at 800x600 reads its saved window size from this keyfile (written once).
  mkdir -p "$work/xdg-app-800/config/glib-2.0/settings"
  printf "[io/github/mlroadmap/MLRoadmap]\nwindow-width=800\nwindow-height=600\n" \
    > "$work/xdg-app-800/config/glib-2.0/settings/keyfile"
  # "gl" is the default renderer (GL on llvmpipe here); "cairo" sets GSK_RENDERER=cairo.
  for renderer in gl cairo; do
    round "$renderer" warm-up   # caches, fonts, the figures cache
    i=0
    while [ $i -lt $runs ]; do
      round "$renderer" "$renderer"
      i=$((i + 1))
    done
  done
  for renderer in gl cairo; do
    report "demo.$renderer" "gtk4-demo ($renderer)"
    if [ "$renderer" = cairo ]; then
      report "demo-nogl.$renderer" "gtk4-demo (cairo, GDK_DEBUG=gl-disable)"
    fi
    if [ -n "$adw" ]; then
      report "adw.$renderer" "adwaita-1-demo ($renderer)"
    fi
    if [ -x "$build/tests/bench/startup-floor-gtk" ]; then
      report "floor-gtk.$renderer" "floor, GTK, 800x600 ($renderer)"
      report "floor-adw.$renderer" "floor, libadwaita, 800x600 ($renderer)"
    fi
    report "app.$renderer" "ml-roadmap ($renderer) $build"
    report "app-800.$renderer" "ml-roadmap at 800x600 ($renderer)"
    if [ -n "$other" ]; then
      report "other.$renderer" "ml-roadmap ($renderer) $other"
    fi
  done
'
