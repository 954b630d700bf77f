#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The CPython benchmark scripts run twice each: under CPython's own multiprocessing and, unchanged, on mpstage's
# engine through its Python module (unobserved, as `import multiprocessing` gives it in `python3 -m mpstage`);
# the seeds' blog workload also observed through mpstage-host (telemetry counters, then every event).
# Prints a table: figure | CPython | mpstage | mpstage/CPython (medians of RUNS runs).
#   tests/benchmarks/python/engine_vs_cpython.sh BUILD_DIR [RUNS]      (e.g. build/release, 3)
set -euo pipefail
build=$(cd "${1:?usage: engine_vs_cpython.sh BUILD_DIR [RUNS]}" && pwd)
runs=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3
on_engine='import sys; sys.path.insert(0, sys.argv.pop(1)); import mpstage._run as r; sys.exit(r.run_file(sys.argv[1]))'
out=$(mktemp)
trap 'rm -f "$out"' EXIT

for script in queue_bench.py pipe_bench.py shared_bench.py blog_queue.py; do
  for ((i = 0; i < runs; i++)); do
    "$python" "$here/$script" | sed 's/^/cpython /' >>"$out"
    "$python" -c "$on_engine" "$build/python" "$here/$script" | sed 's/^/mpstage /' >>"$out"
  done
done
# Observed: the figure is the program's own print, as the host narrates it (a trace of a million events would
# be held in memory whole; the narration streams).
for detail in counters full; do
  for ((i = 0; i < runs; i++)); do
    PUTS=${PUTS:-200000} "$build/scenes/mpstage-host" run "$here/blog_queue.py" --detail "$detail" --timeout 600 |
      sed -n 's/.*MainProcess printed: \({"figure": "blog_queue_5x".*}\).*/observed_'"$detail"' \1/p' >>"$out"
  done
done
"$python" - "$out" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    column, _, record = line.partition(' ')
    try:
        r = json.loads(record)
    except ValueError:
        continue
    rows.setdefault((r['figure'], r['unit']), {}).setdefault(column, []).append(r['value'])
def fmt(v, unit):
    if v is None:
        return '-'
    for scale, suffix in ((1e9, 'G'), (1e6, 'M'), (1e3, 'k')):
        if abs(v) >= scale and unit != 'us':
            return '%.2f %s%s' % (v / scale, suffix, unit)
    return '%.2f %s' % (v, unit)
cols = ['cpython', 'mpstage', 'observed_counters', 'observed_full']
print('%-28s | %16s | %16s | %9s | %16s | %16s' % ('figure', 'CPython', 'mpstage', 'x CPython', 'observed counters', 'observed full'))
for (figure, unit), by in rows.items():
    med = {c: statistics.median(by[c]) if c in by else None for c in cols}
    ratio = '-'
    if med['cpython'] and med['mpstage']:
        ratio = '%.2fx' % ((med['cpython'] / med['mpstage']) if unit == 'us' else (med['mpstage'] / med['cpython']))
    print('%-28s | %16s | %16s | %9s | %16s | %16s' % (figure, fmt(med['cpython'], unit), fmt(med['mpstage'], unit), ratio,
                                                    fmt(med['observed_counters'], unit), fmt(med['observed_full'], unit)))
PY
