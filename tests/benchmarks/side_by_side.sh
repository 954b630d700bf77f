#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs mpstage's benchmarks, their bare-system-call references and CPython's multiprocessing doing the same
# work, interleaved so that changes in machine load hit all three alike, and prints the medians side by side.
#   tests/benchmarks/side_by_side.sh BUILD_DIR        (./dev bench runs it on build/release)
# Environment:
#   MPSTAGE_BENCH_REPS=5      runs of every program
#   MPSTAGE_BENCH_CPUS=LIST   run every program under `taskset -c LIST`; 0 keeps both processes of a pair on one
#                             CPU, which takes cross-CPU wakeups (slow and erratic on VMs) out of the latencies
#   MPSTAGE_BENCH_KEEP=DIR    keep every run's raw output in DIR
#   PYTHON=python3            the interpreter for the CPython column; if it is missing the column shows "-"
set -euo pipefail

# ---- What runs --------------------------------------------------------------------------------------------------
# Google Benchmark binaries in BUILD_DIR/tests/benchmarks, CPython scripts in tests/benchmarks/python. Each run of
# a script prints JSON lines {"figure": ..., "value": ..., "unit": ...}. A missing program is skipped with a note.
MPSTAGE_BINARIES=(mpstage_bench_pipe mpstage_bench_queue mpstage_bench_shared mpstage_bench_telemetry mpstage_bench_world)
RAW_BINARIES=(mpstage_bench_raw)
PYTHON_SCRIPTS=(pipe_bench.py queue_bench.py shared_bench.py)

# ---- What the table shows ---------------------------------------------------------------------------------------
# One row per line:  figure | unit | mpstage benchmark | raw benchmark | CPython figure
#   unit     items/s or bytes/s: the benchmark's items_per_second / bytes_per_second counter (higher is better);
#            us: real time per iteration in microseconds (lower is better). The CPython figure is in that unit.
#   names    Google Benchmark names without the /iterations:N, /real_time and /manual_time suffixes; "-" where
#            there is none. COLUMN:NAME takes the figure from another column: the telemetry rows compare with
#            the same workload unobserved (mpstage:telemetry/contention/off) in the raw column's place.
# To add a figure: add the benchmarks (and their programs above, if new), then one line here.
FIGURES=$(
  cat <<'EOF'
Connection send/recv int            | items/s | pipe/send_recv_int            | raw/send_recv_int         | send_recv_int
Connection round trip int           | us      | pipe/round_trip_int           | raw/round_trip_int        | round_trip_int
send/recv_bytes 64 B                | bytes/s | pipe/send_bytes/64            | raw/send_bytes/64         | send_bytes_64
send/recv_bytes 4 KiB               | bytes/s | pipe/send_bytes/4096          | raw/send_bytes/4096       | send_bytes_4096
send/recv_bytes 1 MiB               | bytes/s | pipe/send_bytes/1048576       | raw/send_bytes/1048576    | send_bytes_1048576
Queue put/get int 1 -> 1            | items/s | queue/int/1                   | raw/queue_int/1/8         | queue_int_1
Queue put/get int 4 -> 4            | items/s | queue/int/4                   | raw/queue_int/4/8         | queue_int_4
Queue put/get 1 KiB bytes 1 -> 1    | bytes/s | queue/bytes_1k                | raw/queue_bytes_1k/1/1024 | queue_bytes_1k
SimpleQueue put/get int 1 -> 1      | items/s | simple_queue/int              | raw/queue_int/1/8         | simple_queue_int
JoinableQueue put + task_done       | items/s | joinable_queue/put_task_done  | raw/queue_int/1/8         | joinable_put_task_done
Value += 1 under lock, 1 process    | items/s | value/increment/1             | raw/value_increment/1     | value_increment_1
Value += 1 under lock, 2 processes  | items/s | value/increment/2             | raw/value_increment/2     | value_increment_2
Value += 1 under lock, 4 processes  | items/s | value/increment/4             | raw/value_increment/4     | value_increment_4
SharedMemory copy, 1 MiB blocks     | bytes/s | shm/memcpy_1m                 | raw/shm_memcpy_1m         | shm_memcpy_1m
Contention, telemetry off           | items/s | telemetry/contention/off      | -                         | -
Contention, telemetry counters *    | items/s | telemetry/contention/counters | mpstage:telemetry/contention/off | -
Contention, telemetry full *        | items/s | telemetry/contention/full     | mpstage:telemetry/contention/off | -
Telemetry decode + World apply      | items/s | BM_DecodeAndApply             | -                         | -
EOF
)

build_dir=${1:?usage: $0 BUILD_DIR}
reps=${MPSTAGE_BENCH_REPS:-5}
python=${PYTHON:-python3}
here=$(cd "$(dirname "$0")" && pwd)
bin_dir=$build_dir/tests/benchmarks
pin=()
[ -n "${MPSTAGE_BENCH_CPUS:-}" ] && pin=(taskset -c "$MPSTAGE_BENCH_CPUS")
if [ -n "${MPSTAGE_BENCH_KEEP:-}" ]; then
  out=$MPSTAGE_BENCH_KEEP
  mkdir -p "$out"
else
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi

# Each program to run, as "column program-path".
programs=()
for b in "${MPSTAGE_BINARIES[@]}"; do programs+=("mpstage $bin_dir/$b"); done
for b in "${RAW_BINARIES[@]}"; do programs+=("raw $bin_dir/$b"); done
if command -v "$python" >/dev/null; then
  for s in "${PYTHON_SCRIPTS[@]}"; do programs+=("cpython $here/python/$s"); done
else
  echo "note: $python not found, so the CPython column is skipped" >&2
fi

run() { # column path rep
  local column=$1 path=$2 rep=$3 name
  name=$(basename "$path")
  if [ ! -e "$path" ]; then
    [ "$rep" -eq 1 ] && echo "note: $path is missing, skipped (build it first)" >&2
    return 0
  fi
  echo "==> run $rep/$reps: $name${pin:+ (pinned to CPUs $MPSTAGE_BENCH_CPUS)}" >&2
  local cmd=("$path" --benchmark_format=json)
  [ "$column" = cpython ] && cmd=("$python" "$path")
  if ! "${pin[@]}" "${cmd[@]}" >"$out/$column.$name.$rep.out" 2>"$out/$column.$name.$rep.err"; then
    echo "error: $name failed:" >&2
    tail -n 20 "$out/$column.$name.$rep.err" >&2
    exit 1
  fi
}

for ((rep = 1; rep <= reps; rep++)); do
  for p in "${programs[@]}"; do
    run ${p% *} "${p#* }" "$rep"
  done
done

echo "$FIGURES" >"$out/figures.txt"
# Turn every output into records "column<TAB>name<TAB>unit<TAB>value"...
for f in "$out"/*.out; do
  [ -e "$f" ] || continue
  awk -v column="$(basename "$f" | cut -d. -f1)" -f "$here/side_by_side_records.awk" "$f"
done >"$out/records.tsv"
# ...and those into the table of medians.
awk -v reps="$reps" -v cpus="${MPSTAGE_BENCH_CPUS:-}" -f "$here/side_by_side_table.awk" "$out/figures.txt" "$out/records.tsv"
