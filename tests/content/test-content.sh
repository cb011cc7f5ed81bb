#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# All shipped content validates, through the CLI and independently with xmllint --relaxng.
# Usage: test-content.sh CLI CONTENT_DIR   (TAP output)
set -u
cli=$1
content=$2
n=0
fail=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }

if out=$("$cli" validate "$content" 2>&1); then
  ok "ml-roadmap-cli validate: $out"
else
  not_ok "ml-roadmap-cli validate"
  echo "$out" | sed 's/^/# /'
fi

if out=$(xmllint --noout --relaxng "$content/schema/roadmap.rng" "$content/roadmap.xml" 2>&1); then
  ok "xmllint roadmap.xml"
else
  not_ok "xmllint roadmap.xml"
  echo "$out" | sed 's/^/# /'
fi

for f in "$content"/lessons/*.xml; do
  if out=$(xmllint --noout --nonet --relaxng "$content/schema/lesson.rng" "$f" 2>&1); then
    ok "xmllint $(basename "$f")"
  else
    not_ok "xmllint $(basename "$f")"
    echo "$out" | sed 's/^/# /'
  fi
done

echo "1..$n"
exit $fail
