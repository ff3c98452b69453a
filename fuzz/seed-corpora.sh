#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets in fuzz/corpus/TARGET from
# the project's own inputs and ../shared's conformance files (not
# committed: regenerate with this script). Files over 64 KiB are skipped:
# small seeds keep the fuzzer fast, and libFuzzer grows them itself.
set -euo pipefail
cd "$(dirname "$0")"
root=..
shared=${SHARED:-$root/../shared}
seed() { # TARGET FILE...
  local dir=corpus/$1; shift
  mkdir -p "$dir"
  for f in "$@"; do
    [ -f "$f" ] || continue
    [ "$(stat -c %s "$f")" -le 65536 ] || continue
    cp "$f" "$dir/$(sha1sum "$f" | cut -c1-16)"
  done
}
shopt -s nullglob
seed crm_text "$shared"/conformance/*.crm "$root"/tests/cases/compile/*.crm \
  "$root"/grammar/examples/*.crm "$shared"/crmsh-tests/**/*.crm
seed cib_xml "$shared"/conformance/*.xml "$shared"/pacemaker-cibs/*.xml \
  "$root"/tests/cases/compile/*.xml
seed sheet_csv "$root"/templates/*.csv "$shared"/pm_crmgen/cases/*.csv
seed sheet_xlsx "$root"/templates/*.xlsx "$root"/tests/cases/workbook/*.xlsx
# The workbook target also reads .xls (by its signature): the smallest of
# the real pm_crmgen workbooks, over the size limit, is the one .xls seed.
xls=$shared/pm_crmgen/xls/pm_crmgen_env-2.0.xls
if [ -f "$xls" ]; then
  mkdir -p corpus/sheet_xlsx && cp "$xls" "corpus/sheet_xlsx/$(sha1sum "$xls" | cut -c1-16)"
fi
for t in crm_text cib_xml sheet_csv sheet_xlsx; do
  echo "$t: $(ls corpus/$t 2>/dev/null | wc -l) seeds"
done
[ -d "$shared" ] || echo "note: $shared not found; seeds from this repository only"
