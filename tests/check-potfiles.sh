#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source file with strings marked for translation is listed in po/POTFILES.in (and every
# listed file exists), so `meson compile ml-roadmap-pot` gives translators all of them.
set -u
cd "$1"
echo "1..2"
marked=$( (grep -rlE '\b(_|N_|C_)\(|g_dngettext' app --include='*.c'; \
           grep -rl 'translatable="yes"' ui) | sort -u)
listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$' | sort -u)
missing=$(for f in $marked; do echo "$listed" | grep -qx "$f" || echo "$f"; done)
if [ -z "$missing" ]; then echo "ok 1 - every file with marked strings is in POTFILES.in"
else echo "not ok 1 - missing from po/POTFILES.in:"; echo "$missing" | sed 's/^/#   /'; fail=1; fi
gone=$(for f in $listed; do [ -f "$f" ] || echo "$f"; done)
if [ -z "$gone" ]; then echo "ok 2 - every file in POTFILES.in exists"
else echo "not ok 2 - listed but missing:"; echo "$gone" | sed 's/^/#   /'; fail=1; fi
exit ${fail:-0}
