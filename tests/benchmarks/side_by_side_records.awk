# SPDX-License-Identifier: MIT
# Part of side_by_side.sh: turns one program's output into records "column<TAB>name<TAB>unit<TAB>value".
# Reads Google Benchmark's --benchmark_format=json (one key per line, as it always prints it) and the CPython
# scripts' JSON lines {"figure": ..., "value": ..., "unit": ...}. POSIX awk: runs on mawk and busybox too.

function str(line) { # the string value of a '"key": "value",' line
    sub(/^[^:]*: *"/, "", line)
    sub(/",? *$/, "", line)
    return line
}
function num(line) { # the number value of a '"key": 1.5e+03,' line
    sub(/^[^:]*: */, "", line)
    sub(/,? *$/, "", line)
    return line + 0
}
function plain(name, parts, n, i, kept) { # drops suffixes such as /iterations:200000 and /real_time
    n = split(name, parts, "/")
    kept = ""
    for (i = 1; i <= n; i++)
        if (parts[i] !~ /:/ && parts[i] != "real_time" && parts[i] != "manual_time")
            kept = kept (kept == "" ? "" : "/") parts[i]
    return kept
}
function emit(name, unit, value) { printf "%s\t%s\t%s\t%.10g\n", column, name, unit, value }

BEGIN { PER_US["ns"] = 1e-3; PER_US["us"] = 1; PER_US["ms"] = 1e3; PER_US["s"] = 1e6 }

/^\{"figure"/ { # a CPython line
    figure = $0; sub(/.*"figure": *"/, "", figure); sub(/".*/, "", figure)
    unit = $0; sub(/.*"unit": *"/, "", unit); sub(/".*/, "", unit)
    value = $0; sub(/.*"value": */, "", value); sub(/[,}].*/, "", value)
    emit(figure, unit, value + 0)
    next
}
/^ *"name": / { name = plain(str($0)); real = ""; next }
/^ *"real_time": / { real = num($0); next }
/^ *"time_unit": / { if (real != "" && str($0) in PER_US) emit(name, "us", real * PER_US[str($0)]); next }
/^ *"items_per_second": / { emit(name, "items/s", num($0)); next }
/^ *"bytes_per_second": / { emit(name, "bytes/s", num($0)); next }
