#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Resident memory of ML Roadmap after opening every lesson and every demo once, and after a
# second round of the same, beside gtk4-demo after opening each of its demos once and twice:
# both in one private Xvfb, with the GL renderer and with GSK_RENDERER=cairo (issue 19).
#
#   tests/bench/memory.sh BUILD_DIR [ROUNDS]
#
# ML Roadmap's rounds are the soak test's (BUILD_DIR/tests/soak/test-soak with
# MLR_SOAK_ROUNDS=ROUNDS, default 2): every lesson opened in the window until its page is
# complete and painted, the Interactive Demos page shown, and a fresh demos page built in a
# window of its own, painted and destroyed. gtk4-demo's are tests/bench/gtk4-demo-walk.c,
# preloaded into gtk4-demo: each row of its sidebar selected and activated, each window the demo
# opens painted and then closed (see that file for the two demos it leaves out). Both processes
# print their memory from /proc/self at the end of each round (tests/bench/proc-memory.h):
# VmRSS, VmHWM (the peak), PSS (smaps_rollup), anonymous RSS, malloc's bytes in use, and VmRSS
# after malloc_trim(0). Needs gtk-4-examples and libgtk-4-dev. Takes 20 minutes on 2 busy cores
# (load average 20; gtk4-demo's walk is most of it).
set -eu
build=${1:?usage: memory.sh BUILD_DIR [ROUNDS]}
rounds=${2:-2}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$build" && pwd)
soak="$build/tests/soak/test-soak"
[ -x "$soak" ] || { echo "memory.sh: $soak is missing: meson compile -C $build" >&2; exit 1; }
command -v gtk4-demo >/dev/null || { echo "memory.sh: gtk4-demo is missing (gtk-4-examples)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -shared -fPIC -O2 -o "$tmp/walk.so" "$root/tests/bench/gtk4-demo-walk.c" \
  $(pkg-config --cflags --libs gtk4)

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
export soak rounds root build tmp
xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" sh -c '
  export GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1 MLR_NO_BROWSER=1
  export MLR_CONTENT_DIR="$root/content" GSETTINGS_SCHEMA_DIR="$build/assets"
  export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
  export XDG_STATE_HOME="$tmp/state"
  # "memory: round=N key=kB ..." lines -> rows of the table, in MiB
  row () {
    awk -v label="$1" "/memory: round=/ {
      sub(/^.*memory: /, \"\")
      for (i = 1; i <= NF; i++) { split(\$i, kv, \"=\"); m[kv[1]] = kv[2] }
      printf \"%-22s %5d %7.0f %7.0f %7.0f %7.0f %7.0f %12.0f\\n\", label, m[\"round\"],
        m[\"rss_kb\"] / 1024, m[\"hwm_kb\"] / 1024, m[\"pss_kb\"] / 1024, m[\"anon_kb\"] / 1024,
        m[\"heap_kb\"] / 1024, m[\"trimmed_rss_kb\"] / 1024
    }"
  }
  measure () {
    label=$1 renderer=$2
    log="$tmp/$label-$renderer.log"
    if [ "$label" = ml-roadmap ]; then
      env ${renderer:+GSK_RENDERER=$renderer} MLR_SOAK_ROUNDS="$rounds" "$soak" > "$log" 2>&1 ||
        { echo "ml-roadmap ($renderer) failed:"; tail -20 "$log"; }
    else
      env ${renderer:+GSK_RENDERER=$renderer} MLR_WALK_ROUNDS="$rounds" \
        LD_PRELOAD="$tmp/walk.so" gtk4-demo > "$log" 2>&1 ||
        { echo "gtk4-demo ($renderer) failed:"; tail -20 "$log"; }
      grep "^walk: round\|^walk: not run" "$log" | sed "s/^/  ($label, ${renderer:-gl}) /" >&2
    fi
    row "$label, ${renderer:-gl}" < "$log"
  }
  printf "%-22s %5s %7s %7s %7s %7s %7s %12s\n" MiB round RSS peak PSS anon heap "RSS trimmed"
  for renderer in "" cairo; do
    measure gtk4-demo "$renderer"
    measure ml-roadmap "$renderer"
  done
'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
