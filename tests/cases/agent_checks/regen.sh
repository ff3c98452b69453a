#!/usr/bin/env bash
# Writes NAME.expected for every NAME.crm here from crmsh 4.4 itself:
# what it prints (ERROR/WARNING lines), its exit status and whether it
# committed, once without -F and once with it, each starting from the
# CIB that base.crm makes. Run it on a machine with crmsh, resource-agents
# and Pacemaker installed; the agents' metadata decides the answers.
set -euo pipefail
cd "$(dirname "$0")"
oracle=../../../../shared/tools/crmsh-oracle
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
crmsh_version=$(dpkg-query -W -f '${Version}' crmsh 2>/dev/null || echo unknown)
for crm in *.crm; do
  name=${crm%.crm}
  [ "$name" = base ] && continue
  {
    echo "# crmsh $crmsh_version: crmsh-oracle --base base.crm [--no-force] --err $crm"
    for mode in no-force force; do
      flag=()
      [ "$mode" = no-force ] && flag=(--no-force)
      "$oracle" "${flag[@]}" --base base.crm --all "$tmp/$name" "$crm" >/dev/null 2>&1 || true
      read -r rc committed < "$tmp/$name/rc"
      echo "[$mode] rc=$rc $committed"
      grep -E '^(ERROR|WARNING): ' "$tmp/$name/out.err" | sort -u || true
    done
  } > "$name.expected"
done
