#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build into a temporary staging prefix (meson install --destdir) and checks that
# the installed tools find their own content with no build tree around: the installed
# ml-roadmap-cli validates it and draws through the ml-roadmap-cli-draw installed with it, the
# desktop entry, metainfo, schema and icons are where GNOME looks for them, and the installed app opens a window (under the suite's X server).
# Usage: test-install.sh BUILD_DIR PREFIX LIBEXECDIR     (TAP output)
set -u
build=$1
prefix=$2
libexecdir=$3
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
n=0
fail=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

if meson install -C "$build" --destdir "$stage" --no-rebuild --quiet >"$stage/install.log" 2>&1; then
  ok "meson install --destdir"
else
  not_ok "meson install --destdir"
  sed 's/^/# /' "$stage/install.log"
fi
root="$stage$prefix"
share="$root/share"
app_id=io.github.mlroadmap.MLRoadmap

check "ml-roadmap-cli installed" "[ -x '$root/bin/ml-roadmap-cli' ]"
check "ml-roadmap-cli-draw installed in libexecdir" "[ -x '$stage$libexecdir/ml-roadmap-cli-draw' ]"
check "ml-roadmap installed" "[ -x '$root/bin/ml-roadmap' ]"
check "content installed" "[ -f '$share/ml-roadmap/content/roadmap.xml' ]"
check "schema installed" "[ -f '$share/ml-roadmap/content/schema/lesson.rng' ]"
check "desktop entry installed" "[ -f '$share/applications/$app_id.desktop' ]"
check "metainfo installed" "[ -f '$share/metainfo/$app_id.metainfo.xml' ]"
check "GSettings schema installed" "[ -f '$share/glib-2.0/schemas/$app_id.gschema.xml' ]"
check "app icon installed" "[ -f '$share/icons/hicolor/scalable/apps/$app_id.svg' ]"
check "symbolic icon installed" "[ -f '$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg' ]"

# The installed CLI, with no hint where the content is, validates the installed content.
out=$(env -u MLR_CONTENT_DIR "$root/bin/ml-roadmap-cli" validate 2>&1)
status=$?
case "$out" in
  "$share/ml-roadmap/content: "*" lessons valid") ok "installed ml-roadmap-cli validate: $out" ;;
  *) not_ok "installed ml-roadmap-cli validate (exit $status)"; echo "$out" | sed 's/^/# /' ;;
esac

# The installed CLI draws through its installed ml-roadmap-cli-draw (validate above ran there
# too), not through the build tree's.
out=$("$root/bin/ml-roadmap-cli" render bayes -o "$stage/bayes.png" --size 64x48 2>&1)
status=$?
if [ $status -eq 0 ] && [ "$(head -c 4 "$stage/bayes.png" | od -An -c | tr -d ' ')" = "211PNG" ]; then
  ok "installed ml-roadmap-cli render: $out"
else
  not_ok "installed ml-roadmap-cli render (exit $status)"; echo "$out" | sed 's/^/# /'
fi

# Without a display the installed app says so and exits, as GTK's own start-up does.
out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u MLR_CONTENT_DIR G_DEBUG=fatal-criticals \
  GSETTINGS_BACKEND=memory "$root/bin/ml-roadmap" 2>&1)
status=$?
if [ $status -ne 0 ] && echo "$out" | grep -q "cannot open display" &&
   ! echo "$out" | grep -q "CRITICAL"; then
  ok "installed ml-roadmap without a display: exit $status, “cannot open display”"
else
  not_ok "installed ml-roadmap without a display (exit $status)"; echo "$out" | sed 's/^/# /'
fi

# The installed app opens its window.
if [ -n "${DISPLAY:-}" ]; then
  glib-compile-schemas "$share/glib-2.0/schemas"
  env -u MLR_CONTENT_DIR GSETTINGS_SCHEMA_DIR="$share/glib-2.0/schemas" GSETTINGS_BACKEND=memory \
    G_DEBUG=fatal-criticals "$root/bin/ml-roadmap" --lesson what-ml-engineers-do \
    >"$stage/app.log" 2>&1 &
  pid=$!
  found=""
  i=0
  while [ $i -lt 100 ]; do
    if xdotool search --onlyvisible --name "^ML Roadmap$" >/dev/null 2>&1; then
      found=1
      break
    fi
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
  done
  if [ -n "$found" ] && kill -0 $pid 2>/dev/null; then
    ok "installed ml-roadmap shows its window"
  else
    not_ok "installed ml-roadmap shows its window"
    sed 's/^/# /' "$stage/app.log"
  fi
  kill $pid 2>/dev/null
  wait $pid 2>/dev/null
  if grep -q "CRITICAL\|WARNING" "$stage/app.log"; then
    not_ok "installed ml-roadmap ran without warnings"
    sed 's/^/# /' "$stage/app.log"
  else
    ok "installed ml-roadmap ran without warnings"
  fi
else
  not_ok "installed ml-roadmap shows its window (no DISPLAY: run the suite under Xvfb)"
fi

echo "1..$n"
exit $fail
