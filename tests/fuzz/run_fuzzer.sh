#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs one libFuzzer target for $MPSTAGE_FUZZ_SECONDS (default 20) from its seed corpus, keeping what it
# learns in WORKDIR/corpus and any crashing input in WORKDIR/crashes. The Fuzz.* tests of the fuzz preset.
#   usage: run_fuzzer.sh FUZZER SEED_DIR WORKDIR
set -euo pipefail
fuzzer=$1
seeds=$2
work=$3
mkdir -p "$work/corpus" "$work/crashes"
exec "$fuzzer" -max_total_time="${MPSTAGE_FUZZ_SECONDS:-20}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/crashes/" "$work/corpus" "$seeds"
