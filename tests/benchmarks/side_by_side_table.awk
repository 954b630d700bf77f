# SPDX-License-Identifier: MIT
# Part of side_by_side.sh: reads the figure table, then the records, and prints the medians side by side.
# POSIX awk: runs on mawk and busybox too.

function median(key, n, i, j, v, t) {
    n = count[key]
    if (n == 0)
        return ""
    for (i = 1; i <= n; i++)
        v[i] = values[key, i]
    for (i = 2; i <= n; i++) # insertion sort: there are only a handful of runs
        for (j = i; j > 1 && v[j - 1] > v[j]; j--) {
            t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
        }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
function show(value, unit) {
    if (value == "")
        return "-"
    if (unit == "us")
        return sprintf("%.2f us", value)
    suffix = unit == "bytes/s" ? "B/s" : "/s"
    if (value >= 1e9) return sprintf("%.2f G%s", value / 1e9, suffix)
    if (value >= 1e6) return sprintf("%.2f M%s", value / 1e6, suffix)
    if (value >= 1e3) return sprintf("%.1f k%s", value / 1e3, suffix)
    return sprintf("%.1f %s", value, suffix)
}
# The median for one cell; `name` is a benchmark name, or COLUMN:NAME for a benchmark of another column.
function cell(column, name, unit) {
    if (name ~ /^(mpstage|raw|cpython):/) {
        column = substr(name, 1, index(name, ":") - 1)
        name = substr(name, index(name, ":") + 1)
    }
    return median(column SUBSEP name SUBSEP unit)
}
function ratio(a, b) { return a == "" || b == "" || b == 0 ? "-" : sprintf("%.2fx", a / b) }
function trim(s) { gsub(/^ +| +$/, "", s); return s }

FNR == NR { # the figure table
    if ($0 ~ /^ *(#|$)/)
        next
    n = split($0, f, "|")
    if (n != 5) {
        print "side_by_side: bad figure line: " $0 > "/dev/stderr"
        next
    }
    rows++
    label[rows] = trim(f[1]); unit[rows] = trim(f[2])
    key[rows, "mpstage"] = trim(f[3]); key[rows, "raw"] = trim(f[4]); key[rows, "cpython"] = trim(f[5])
    next
}
{ # a record: column, name, unit, value
    split($0, r, "\t")
    k = r[1] SUBSEP r[2] SUBSEP r[3]
    values[k, ++count[k]] = r[4]
}
END {
    fmt = "%-46s | %13s | %13s | %13s | %15s | %11s\n"
    printf fmt, "figure", "CPython", "mpstage", "raw", "mpstage/CPython", "mpstage/raw"
    printf fmt, "----------------------------------------------", "-------------", "-------------", "-------------",
        "---------------", "-----------"
    for (i = 1; i <= rows; i++) {
        u = unit[i]
        py = cell("cpython", key[i, "cpython"], u)
        mp = cell("mpstage", key[i, "mpstage"], u)
        raw = cell("raw", key[i, "raw"], u)
        printf fmt, label[i] " (" u ")", show(py, u), show(mp, u), show(raw, u), ratio(mp, py), ratio(mp, raw)
    }
    printf "\nMedians of %d runs each, %s. items/s and bytes/s: higher is better; us: lower is better.\n", reps,
        cpus == "" ? "not pinned" : "pinned to CPUs " cpus
    print "* raw column: the same workload with telemetry off, so mpstage/raw is what observing the run costs."
}
