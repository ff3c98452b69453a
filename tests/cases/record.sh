#!/usr/bin/env bash
# Re-records the expected outputs of tests/cases/compile with crmsh 4.4.
set -euo pipefail
cd "$(dirname "$0")/compile"
oracle=../../../../shared/tools/crmsh-oracle
for f in *.crm; do
  case $f in *.base.crm) continue ;; esac
  n=${f%.crm}
  out=$(mktemp -d)
  opts=()
  if [ -f "$n.opts" ]; then read -r -a opts < "$n.opts"; fi
  python3 "$oracle" ${opts[@]+"${opts[@]}"} --all "$out" "$f" >/dev/null || true
  cp "$out/out.xml" "$n.xml"
  cp "$out/out.show" "$n.show"
  if [ -s "$out/out.err" ]; then cp "$out/out.err" "$n.stderr"; else rm -f "$n.stderr"; fi
  rm -rf "$out"
done
