#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A contact sheet of every lesson's first screen: the app started under a private Xvfb at
# 1280x800 once per lesson, in content/roadmap.xml order (`--lesson ID`, settings in memory),
# a screenshot of the window as it first settles, and all of them in one labelled PNG.
#
#   tests/contact-sheet.sh [--dark] [--keep DIR] [--settle SECONDS] BUILD_DIR OUT.png
#
#   --dark      also make OUT-dark.png, with the dark style (ADW_DEBUG_COLOR_SCHEME=prefer-dark)
#   --keep DIR  keep the full-size screenshots in DIR (ID.png, ID-dark.png) to look closer
#   --settle S  seconds to wait after the window appears before the first shot (default 2.5);
#               then it shoots until two shots half a second apart agree (at most 4 s more)
#
# Needs Xvfb, xdotool and ImageMagick (import, compare, montage). Touches no user settings or
# progress: GSettings are in memory and the XDG folders are temporary (the data folder new for
# each shot, so every lesson shows as on a first launch).
set -eu

usage () {
  echo "usage: $0 [--dark] [--keep DIR] [--settle SECONDS] BUILD_DIR OUT.png" >&2
  exit 2
}

dark=0
keep=
settle=2.5
while [ $# -gt 0 ]; do
  case $1 in
    --dark) dark=1; shift ;;
    --keep) [ $# -ge 2 ] || usage; keep=$2; shift 2 ;;
    --settle) [ $# -ge 2 ] || usage; settle=$2; shift 2 ;;
    -h|--help) sed -n '3,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) usage ;;
    *) break ;;
  esac
done
[ $# -eq 2 ] || usage
build=$(cd "$1" && pwd)
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
app="$build/app/ml-roadmap"

# The tools, and where Debian has them.
missing=
need () {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "contact-sheet: $1 is missing; install the Debian package $2 (apt-get install $2)" >&2
    missing=1
  fi
}
need Xvfb xvfb
need xdotool xdotool
need import imagemagick
need montage imagemagick
need compare imagemagick
[ -z "$missing" ] || exit 1
if [ ! -x "$app" ]; then
  echo "contact-sheet: $app is not built; run meson compile -C $1" >&2
  exit 1
fi
if [ ! -f "$build/assets/gschemas.compiled" ]; then
  echo "contact-sheet: $build/assets/gschemas.compiled is missing; run meson compile -C $1" >&2
  exit 1
fi

# The lessons in roadmap order: every <lesson id="…"> of roadmap.xml.
ids=$(sed -n 's/.*<lesson id="\([a-z0-9-]*\)".*/\1/p' "$root/content/roadmap.xml")
[ -n "$ids" ] || { echo "contact-sheet: no lessons in $root/content/roadmap.xml" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/mlr-contact-XXXXXX")
xvfb_pid=
app_pid=
cleanup () {
  [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# A private X server; it writes its display number once it accepts connections. -noreset: by
# default it resets when its last client leaves (each app, each xdotool), which puts the
# pointer back in the middle of the screen, over the page, where it shows tooltips.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset 3>"$work/display" \
  2>"$work/xvfb.log" &
xvfb_pid=$!
i=0
while [ ! -s "$work/display" ]; do
  i=$((i + 1))
  if [ $i -gt 100 ] || ! kill -0 "$xvfb_pid" 2>/dev/null; then
    echo "contact-sheet: Xvfb did not start:" >&2
    cat "$work/xvfb.log" >&2
    exit 1
  fi
  sleep 0.1
done
DISPLAY=:$(cat "$work/display")
export DISPLAY

mkdir -p "$work/xdg/data" "$work/xdg/config" "$work/xdg/cache"
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/assets"
export MLR_CONTENT_DIR="$root/content" MLR_NO_BROWSER=1
export GTK_A11Y=none NO_AT_BRIDGE=1
export XDG_DATA_HOME="$work/xdg/data" XDG_CONFIG_HOME="$work/xdg/config"
export XDG_CACHE_HOME="$work/xdg/cache"

# shoot ID SUFFIX [ENV=VALUE…]: the first screen of lesson ID into $work/shots/ID$SUFFIX.png.
shoot () {
  id=$1 suffix=$2
  shift 2
  if ! kill -0 "$xvfb_pid" 2>/dev/null; then
    echo "contact-sheet: Xvfb has exited (killed from outside?); stopping at $id" >&2
    exit 1
  fi
  # every lesson as on a first launch: no progress from the shots before
  rm -rf "$XDG_DATA_HOME"
  mkdir -p "$XDG_DATA_HOME"
  # the pointer in a corner of the screen, away from anything that reacts to it
  xdotool mousemove 1279 799
  env "$@" "$app" --lesson "$id" >"$work/app.log" 2>&1 &
  app_pid=$!
  wid=$(timeout 30 xdotool search --sync --onlyvisible --name '^ML Roadmap$' 2>/dev/null |
        head -n 1) || true
  if [ -z "$wid" ]; then
    echo "contact-sheet: $id: no window within 30 s" >&2
    cat "$work/app.log" >&2
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=
    return
  fi
  # No window manager: the window sits at 0,0; make it fill the screen (again, if the app's
  # own default size arrives after ours).
  tries=0
  while [ $tries -lt 25 ]; do
    xdotool windowmove "$wid" 0 0 windowsize "$wid" 1280 800
    sleep 0.2
    xdotool getwindowgeometry "$wid" | grep -q 'Geometry: 1280x800' && break
    tries=$((tries + 1))
  done
  sleep "$settle"
  # The first frame can come late on a loaded machine: shoot until two shots half a second
  # apart agree (a demo that animates never does; then the last one is kept).
  import -window root "$work/shot-a.png"
  tries=0
  while [ $tries -lt 8 ]; do
    sleep 0.5
    import -window root "$work/shot-b.png"
    changed=$(compare -metric AE "$work/shot-a.png" "$work/shot-b.png" null: 2>&1 || true)
    mv "$work/shot-b.png" "$work/shot-a.png"
    [ "$changed" = 0 ] && break
    tries=$((tries + 1))
  done
  mv "$work/shot-a.png" "$work/shots/$id$suffix.png"
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=
  if grep -q -E 'CRITICAL|WARNING' "$work/app.log"; then
    echo "contact-sheet: $id$suffix: the app warned:" >&2
    grep -E 'CRITICAL|WARNING' "$work/app.log" | head -n 5 >&2
  fi
}

# sheet SUFFIX OUT: the shots with SUFFIX, labelled "N · ID", five to a row.
sheet () {
  suffix=$1 file=$2
  set --
  n=0
  for id in $ids; do
    n=$((n + 1))
    if [ -f "$work/shots/$id$suffix.png" ]; then
      set -- "$@" -label "$n · $id" "$work/shots/$id$suffix.png"
    else
      set -- "$@" -label "$n · $id: NO WINDOW" -size 1280x800 xc:gray60
    fi
  done
  montage "$@" -tile 5x -geometry 400x250+6+6 -pointsize 15 -background '#dddddd' "$file"
  echo "contact-sheet: wrote $file ($n lessons)"
}

mkdir -p "$work/shots"
n=$(echo "$ids" | wc -l)
i=0
for id in $ids; do
  i=$((i + 1))
  printf 'contact-sheet: %2d/%d %s\n' "$i" "$n" "$id"
  shoot "$id" "" ADW_DEBUG_COLOR_SCHEME=prefer-light
  [ "$dark" = 0 ] || shoot "$id" -dark ADW_DEBUG_COLOR_SCHEME=prefer-dark
done

sheet "" "$out"
[ "$dark" = 0 ] || sheet -dark "${out%.png}-dark.png"
if [ -n "$keep" ]; then
  mkdir -p "$keep"
  cp "$work/shots/"*.png "$keep/"
  echo "contact-sheet: the screenshots are in $keep"
fi
