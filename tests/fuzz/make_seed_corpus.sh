#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Rewrites tests/fuzz/corpus/ from real output: run it after a change to the wire format, to dumps(), or to
# the scenes the telemetry seeds are recorded from.   usage: tests/fuzz/make_seed_corpus.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/dev}
cmake --build "$build" --target mpstage_fuzz_seeds
"$build/tests/fuzz/mpstage_fuzz_seeds" tests/fuzz/corpus
# The recorded golden streams are seeds too.
cp tests/core/golden/*.mpst tests/fuzz/corpus/decoder/
