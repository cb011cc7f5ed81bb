#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# All shipped content validates, through the CLI and independently with xmllint --relaxng; the
# demos' <expect>s hold (validate computes them), and one that does not fails with its place.
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

# A copy of the content whose caption claims something false: validate fails at the <expect>.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$content" "$tmp/content"
lesson="$tmp/content/lessons/bayes-theorem.xml"
demo=$(grep -n '<demo kind="bayes"' "$lesson" | head -1 | cut -d: -f1)
line=$(awk -v d="$demo" 'NR >= d && /<\/caption>/ { print NR; exit }' "$lesson")
sed -i "${line}a\\      <expect metric=\"posterior\" min=\"0.5\"/>" "$lesson"
if out=$("$cli" validate "$tmp/content" 2>&1); then
  not_ok "a false <expect> fails validate"
else
  case "$out" in
    *"bayes-theorem.xml:$((line + 1)):7: <expect metric=\"posterior\">: the bayes demo reports 0.1538"*)
      ok "a false <expect> fails validate at its line" ;;
    *)
      not_ok "a false <expect> fails validate at its line"
      echo "$out" | sed 's/^/# /' ;;
  esac
fi

echo "1..$n"
exit $fail
