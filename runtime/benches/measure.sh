#!/usr/bin/env bash
# Exact costs of the four block_on executors, measured on the block_on bench
# binary run with `--only EXECUTOR WORKLOAD N`:
#
#   callgrind  instructions per call (A) and per poll (B): total instructions
#              at N2 minus those at N1, divided by N2 - N1, so start-up and
#              exit cost cancel out;
#   strace     futex system calls per round trip (C), all threads, median of
#              C_RUNS runs (the count depends on thread timing); also counted
#              without ptrace by `perf stat`, where perf can do that.
#
# Usage: runtime/benches/measure.sh   (from any directory)
# Knobs: A_N1 A_N2 B_N1 B_N2 C_N C_RUNS, OUT (where the raw outputs are kept).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

a_n1=${A_N1:-1000000} a_n2=${A_N2:-2000000}
b_n1=${B_N1:-1000000} b_n2=${B_N2:-2000000}
c_n=${C_N:-10000} c_runs=${C_RUNS:-7}
out=${OUT:-$root/target/block_on-measure}
# tokio is measured for reference; the targets compare with the other three.
executors=(lazy futures-executor pollster futures-lite tokio)
# C needs one waker per block_on; tokio changes its waker between polls.
c_executors=(lazy futures-executor pollster futures-lite)

# valgrind and strace, from Debian's packages only if missing.
for tool in valgrind strace; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "installing $tool ..." >&2
        apt-get update -qq >&2
        apt-get install -y -qq "$tool" >&2
    fi
done

# Line tables let callgrind_annotate name source lines; they do not change
# the generated code (same instruction counts as a plain `cargo bench` build).
echo "building: cargo bench -p lazy-main-runtime --no-run (CARGO_PROFILE_BENCH_DEBUG=line-tables-only)" >&2
bin=$(CARGO_PROFILE_BENCH_DEBUG=line-tables-only \
    cargo bench -p lazy-main-runtime --no-run --message-format=json |
    { grep -o '"executable":"[^"]*/block_on-[0-9a-f]*"' || true; } | tail -n 1 | cut -d'"' -f4)
if [[ ! -x $bin ]]; then
    echo "bench binary block_on not found" >&2
    exit 1
fi
mkdir -p "$out"
echo "binary: $bin" >&2
echo "raw outputs: $out" >&2

# Total instructions of one run: instructions EXECUTOR WORKLOAD N
instructions() {
    local file="$out/callgrind.$1.$2.$3"
    valgrind --tool=callgrind --callgrind-out-file="$file" "$bin" --only "$1" "$2" "$3" \
        >"$file.log" 2>&1
    awk '$1 == "summary:" { print $2; exit }' "$file"
}

# Instructions per operation: per_op EXECUTOR WORKLOAD N1 N2
per_op() {
    local i1 i2
    i1=$(instructions "$1" "$2" "$3")
    i2=$(instructions "$1" "$2" "$4")
    awk -v i1="$i1" -v i2="$i2" -v n1="$3" -v n2="$4" 'BEGIN { printf "%.2f", (i2 - i1) / (n2 - n1) }'
}

# futex calls (and failed ones) of one run, all threads: futex_calls EXECUTOR RUN
futex_calls() {
    local file="$out/strace.$1.C.$c_n.$2"
    strace -f -c -e trace=futex -o "$file" "$bin" --only "$1" C "$c_n" 2>/dev/null
    # Columns: % time, seconds, usecs/call, calls, [errors,] syscall.
    awk '$NF == "futex" { print $4, (NF == 6 ? $5 : 0); exit }' "$file"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

declare -A a b
for e in "${executors[@]}"; do
    echo "callgrind: $e ..." >&2
    a[$e]=$(per_op "$e" A "$a_n1" "$a_n2")
    b[$e]=$(per_op "$e" B "$b_n1" "$b_n2")
done

# The best (lowest) of the three peers.
best() {
    local -n costs=$1
    printf '%s\n' "${costs[futures-executor]}" "${costs[pollster]}" "${costs[futures-lite]}" |
        sort -g | head -n 1
}
best_a=$(best a)
best_b=$(best b)
ratio() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%.3f", x / y }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t ? "met" : "MISSED") }'; }

echo
echo "## callgrind: instructions per operation"
echo
echo "Difference between N=$a_n1 and N=$a_n2 (A), N=$b_n1 and N=$b_n2 (B);"
echo "ratio = executor / best of the three peers."
echo
echo "| executor | A: instr/call | A ratio | B: instr/poll | B ratio |"
echo "|---|---:|---:|---:|---:|"
for e in "${executors[@]}"; do
    echo "| $e | ${a[$e]} | $(ratio "${a[$e]}" "$best_a") | ${b[$e]} | $(ratio "${b[$e]}" "$best_b") |"
done
ra=$(ratio "${a[lazy]}" "$best_a")
rb=$(ratio "${b[lazy]}" "$best_b")
echo
echo "lazy-main targets: A <= 0.75 x best peer: $ra, $(verdict "$ra" 0.75);" \
    "B <= 0.9 x best peer: $rb, $(verdict "$rb" 0.9)"

# A ptrace-free cross-check, where perf can read syscall tracepoints.
perf_ok=false
if command -v perf >/dev/null 2>&1 &&
    perf stat -x, -e syscalls:sys_enter_futex true >/dev/null 2>&1; then
    perf_ok=true
fi

# futex calls of one run without strace: perf_futex_calls EXECUTOR
perf_futex_calls() {
    perf stat -x, -e syscalls:sys_enter_futex "$bin" --only "$1" C "$c_n" 2>&1 >/dev/null |
        awk -F, '$3 ~ /sys_enter_futex/ { print $1; exit }'
}

# Runs interleaved across executors: the count depends on how the scheduler
# places the two threads, which changes with the machine's load.
declare -A runs perf_runs
for ((run = 1; run <= c_runs; run++)); do
    echo "C: run $run/$c_runs ..." >&2
    for e in "${c_executors[@]}"; do
        runs[$e]+="$(futex_calls "$e" "$run")"$'\n'
        if $perf_ok; then
            perf_runs[$e]+="$(perf_futex_calls "$e")"$'\n'
        fi
    done
done

# per_round_trip COUNTS: "median min-max" per round trip of a list of counts.
per_round_trip() {
    printf '%s' "$1" | sort -n | awk -v n="$c_n" '
        { v[NR] = $1 }
        END { printf "%.3f %.3f-%.3f", v[int((NR + 1) / 2)] / n, v[1] / n, v[NR] / n }'
}

echo
echo "## strace: futex calls per round trip (C)"
echo
echo "N=$c_n round trips, all threads, $c_runs runs interleaved across executors;"
echo "failed = calls that returned an error (mostly a wait whose futex word had"
echo "already changed). perf = the same count without strace (no ptrace stops)."
echo
echo "| executor | strace median | strace min-max | failed (median) | perf median | perf min-max |"
echo "|---|---:|---:|---:|---:|---:|"
declare -A c c_min c_max
for e in "${c_executors[@]}"; do
    read -r "c[$e]" range <<<"$(per_round_trip "$(printf '%s' "${runs[$e]}" | cut -d' ' -f1)")"
    c_min[$e]=${range%-*} c_max[$e]=${range#*-}
    failed=$(printf '%s' "${runs[$e]}" | cut -d' ' -f2 | median)
    perf_cols="n/a | n/a"
    if $perf_ok; then
        read -r perf_median perf_range <<<"$(per_round_trip "${perf_runs[$e]}")"
        perf_cols="$perf_median | $perf_range"
    fi
    echo "| $e | ${c[$e]} | $range | $failed | $perf_cols |"
done
best_c=$(best c)
best_peer=futures-executor
for e in pollster futures-lite; do
    if [[ ${c[$e]} == "$best_c" ]]; then best_peer=$e; fi
done
echo
echo "lazy-main target: C futex calls <= best peer (strace medians): ${c[lazy]} vs $best_c ($best_peer)," \
    "$(awk -v x="${c[lazy]}" -v y="$best_c" -v lo="${c_min[lazy]}" -v hi="${c_max[$best_peer]}" 'BEGIN {
        if (x <= y) print "met"
        else if (lo <= hi) printf "within noise: %.1f%% more, but the run ranges overlap\n", 100 * (x / y - 1)
        else printf "MISSED by %.1f%%\n", 100 * (x / y - 1) }')"
echo
echo "Where lazy-main's instructions go:"
echo "  callgrind_annotate --inclusive=yes $out/callgrind.lazy.A.$a_n2"
echo "  callgrind_annotate --auto=yes $out/callgrind.lazy.B.$b_n2"
