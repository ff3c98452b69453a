#!/usr/bin/env bash
# Runs one fuzz target for SECONDS (default 60) on its corpus, at the
# lowest priority (the machine is shared), and prints libFuzzer's count
# of executions. Seeds come from seed-corpora.sh; crashes land in
# fuzz/artifacts/TARGET/ (replay one with `cargo +nightly fuzz run
# TARGET FILE`, then add it to tests/fuzz-regressions/TARGET/).
#   fuzz/run.sh crm_text 60        # the CI smoke run
#   fuzz/run.sh cib_xml 14400      # a long run
set -euo pipefail
cd "$(dirname "$0")"
target=$1
seconds=${2:-60}
[ -d "corpus/$target" ] || ./seed-corpora.sh >/dev/null
mkdir -p "artifacts/$target"
log=${FUZZ_LOG:-/tmp/crmtool-fuzz-$target.log}
# -rss_limit_mb: a leak or a blow-up fails; -timeout: a hang fails.
# FUZZ_SANITIZER=none runs several times faster (for long runs); the
# default, address, also finds leaks.
nice -n 19 cargo +nightly fuzz run -s "${FUZZ_SANITIZER:-address}" "$target" "corpus/$target" -- \
  -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
  -artifact_prefix="artifacts/$target/" -print_final_stats=1 ${FUZZ_ARGS:-} >"$log" 2>&1 || {
  tail -40 "$log"
  echo "fuzz $target: FAILED (log: $log)"
  exit 1
}
runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' | tail -1)
echo "fuzz $target: ${runs:-?} executions in ${seconds}s, no crash, no leak"
