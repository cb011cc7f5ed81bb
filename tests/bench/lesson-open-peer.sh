#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Opening a lesson beside the peer doing the same: gtk4-demo replacing the page it shows (a
# demo's description and source) when a row of its sidebar is selected. Both in one private
# Xvfb, with the GL renderer and with GSK_RENDERER=cairo, one after the other (issue 19).
#
#   tests/bench/lesson-open-peer.sh BUILD_DIR [ROUNDS]
#
# ML Roadmap's figures are bench-lesson-open's (every lesson opened 15 times from the lesson
# before it, once the main loop has settled: load, first-screen build and first frame).
# gtk4-demo's are tests/bench/gtk4-demo-walk.c with MLR_WALK_SELECT, preloaded into gtk4-demo:
# every demo's row selected ROUNDS times (default 3) once the main loop has settled, timed until
# the window's next frame. Each prints the median, p90 and worst over its pages and how many
# were within 30 ms, in wall-clock time and in the UI thread's CPU time (and ML Roadmap's whole
# page, until every part is built and painted). gtk4-demo shows its
# sources unhighlighted unless the "highlight" program is installed; it is not installed here,
# so its pages are plain text. Needs gtk-4-examples and libgtk-4-dev. About 10 minutes.
set -eu
build=${1:?usage: lesson-open-peer.sh BUILD_DIR [ROUNDS]}
rounds=${2:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$build" && pwd)
bench="$build/tests/bench/bench-lesson-open"
[ -x "$bench" ] || { echo "lesson-open-peer.sh: $bench is missing: meson compile -C $build" >&2; exit 1; }
command -v gtk4-demo >/dev/null ||
  { echo "lesson-open-peer.sh: gtk4-demo is missing (gtk-4-examples)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -shared -fPIC -O2 -o "$tmp/walk.so" "$root/tests/bench/gtk4-demo-walk.c" \
  $(pkg-config --cflags --libs gtk4)

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
export bench rounds root build tmp
xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" sh -c '
  export GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1 MLR_NO_BROWSER=1
  export MLR_CONTENT_DIR="$root/content" GSETTINGS_SCHEMA_DIR="$build/assets"
  for renderer in gl cairo; do
    # Private XDG folders per program and renderer; they must exist (Mesa does not create a
    # missing shader cache folder).
    for prog in demo app; do
      mkdir -p "$tmp/$prog-$renderer/config" "$tmp/$prog-$renderer/data" "$tmp/$prog-$renderer/cache"
    done
    xdg () {
      echo XDG_CONFIG_HOME="$tmp/$1-$renderer/config" XDG_DATA_HOME="$tmp/$1-$renderer/data" \
        XDG_CACHE_HOME="$tmp/$1-$renderer/cache"
    }
    gsk=$([ "$renderer" = cairo ] && echo GSK_RENDERER=cairo || true)
    env $(xdg demo) $gsk MLR_WALK_SELECT=1 MLR_WALK_ROUNDS="$rounds" LD_PRELOAD="$tmp/walk.so" \
      gtk4-demo > "$tmp/demo-$renderer.log" 2>&1 ||
      { echo "gtk4-demo ($renderer) failed:"; tail -20 "$tmp/demo-$renderer.log"; }
    env $(xdg app) $gsk "$bench" > "$tmp/app-$renderer.log" 2>&1 ||
      { echo "bench-lesson-open ($renderer) failed:"; tail -20 "$tmp/app-$renderer.log"; }
    echo "== $renderer"
    sed -n "s/^select: summary/gtk4-demo, a page: summary/p" "$tmp/demo-$renderer.log"
    sed -n -e "s/^over \([0-9]*\) lessons: open/ML Roadmap, a lesson, over \1 lessons: open/p" \
      -e "s/^over \([0-9]*\) lessons: whole/ML Roadmap, the whole page, over \1 lessons: whole/p" \
      "$tmp/app-$renderer.log"
  done
'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
