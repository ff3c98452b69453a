#!/usr/bin/env bash
# Records what crmsh 4.4 (/usr/sbin/crm) does for each offline case of
# this directory: offline/NAME.cmds holds one crm command per line (words
# split on blanks; `@` stands for this directory), run in turn on a copy
# of base.xml through CIB_file. Writes offline/NAME.out (per command: the
# command, its exit status, its stdout and its INFO/WARNING lines) and
# offline/NAME.xml (the CIB afterwards). tests/levels_offline.rs runs our
# crm the same way and compares.
#
# usage: record-crmsh.sh [NAME...]   (default: every case)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
crm=${CRMSH:-/usr/sbin/crm}
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  for f in "$here"/offline/*.cmds; do cases+=("$(basename "$f" .cmds)"); done
fi
for name in "${cases[@]}"; do
  work=$(mktemp -d)
  cp "$here/base.xml" "$work/cib.xml"
  mkdir "$work/shadow"
  : > "$here/offline/$name.out"
  while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    line=${line//@/$here}
    read -ra words <<< "$line"
    set +e
    CIB_file="$work/cib.xml" CIB_shadow_dir="$work/shadow" HOME="$work" TZ=UTC \
      "$crm" "${words[@]}" </dev/null >"$work/stdout" 2>"$work/stderr"
    rc=$?
    set -e
    {
      echo "\$ crm ${line//$here/@}"
      echo "rc=$rc"
      # stdout first, then the INFO/WARNING lines (crmsh prints them on
      # stdout with -f, on stderr otherwise): the same for both ways.
      sed -e 's/\x1b\[[0-9;]*m//g' "$work/stdout" | grep -v -E '^(INFO|WARNING): ' || true
      sed -e 's/\x1b\[[0-9;]*m//g' "$work/stdout" "$work/stderr" | grep -E '^(INFO|WARNING): ' \
        | grep -v -E 'Blind faith|lack of quorum|unpack_config|cluster_status' || true
    } >> "$here/offline/$name.out"
  done < "$here/offline/$name.cmds"
  cp "$work/cib.xml" "$here/offline/$name.xml"
  rm -rf "$work"
  echo "recorded $name"
done
