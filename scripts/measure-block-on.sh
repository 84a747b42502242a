#!/usr/bin/env bash
# Exact costs of the block_on executors, measured on the block_on bench
# binary (runtime/benches/block_on.rs) run with `--only EXECUTOR WORKLOAD N`:
#
#   callgrind  instructions per call (A, D) and per poll (B): total
#              instructions at N2 minus those at N1, divided by N2 - N1, so
#              start-up and exit cost cancel out;
#   strace     futex system calls per round trip (C), all threads, median of
#              C_RUNS runs (the count depends on thread timing); also counted
#              without ptrace by `perf stat`, where perf can do that.
#
# Usage: scripts/measure-block-on.sh   (from any directory)
# Knobs: A_N1 A_N2 B_N1 B_N2 C_N C_RUNS D_N1 D_N2, OUT (where the raw outputs are kept).
# Installs valgrind and strace if missing. The Markdown report goes to
# stdout, progress to stderr.
set -euo pipefail
# shellcheck source=scripts/measure-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/measure-lib.sh"
cd "$workspace_root"

a_n1=${A_N1:-1000000} a_n2=${A_N2:-2000000}
b_n1=${B_N1:-1000000} b_n2=${B_N2:-2000000}
c_n=${C_N:-10000} c_runs=${C_RUNS:-7}
d_n1=${D_N1:-100000} d_n2=${D_N2:-200000}
out=${OUT:-$workspace_root/target/block_on-measure}
# The reference executor is measured, the targets compare with the peers;
# lazy-watched is lazy-main's block_on_watched with a watch that does nothing.
executors=(lazy lazy-watched "${peer_executors[@]}" "$reference_executor")
# C needs one waker per block_on; tokio changes its waker between polls.
c_executors=(lazy lazy-watched "${peer_executors[@]}")

need_tools valgrind strace

# Line tables let callgrind_annotate name source lines; they do not change
# the generated code (same instruction counts as a plain `cargo bench` build).
log "building: cargo bench -p lazy-main-runtime --no-run (CARGO_PROFILE_BENCH_DEBUG=line-tables-only)"
built=$(CARGO_PROFILE_BENCH_DEBUG=line-tables-only \
    cargo bench -p lazy-main-runtime --no-run --message-format=json)
bench_binary() { # bench_binary NAME: the path of a bench's executable
    { grep -o "\"executable\":\"[^\"]*/$1-[0-9a-f]*\"" <<<"$built" || true; } | tail -n 1 | cut -d'"' -f4
}
bin=$(bench_binary block_on)
trace_bin=$(bench_binary trace_awaits)
[[ -x $bin && -x $trace_bin ]] || die "bench binaries block_on and trace_awaits not found"
mkdir -p "$out"
log "binary: $bin"
log "raw outputs: $out"

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
    ratio "$((i2 - i1))" "$(($4 - $3))" %.2f
}

declare -A a b d
for e in "${executors[@]}"; do
    log "callgrind: $e ..."
    a[$e]=$(per_op "$e" A "$a_n1" "$a_n2")
    b[$e]=$(per_op "$e" B "$b_n1" "$b_n2")
    d[$e]=$(per_op "$e" D "$d_n1" "$d_n2")
done
read -r best_a _ <<<"$(best_peer a)"
read -r best_b _ <<<"$(best_peer b)"
read -r best_d _ <<<"$(best_peer d)"

echo
echo "## callgrind: instructions per operation"
echo
echo "Difference between N=$a_n1 and N=$a_n2 (A), N=$b_n1 and N=$b_n2 (B),"
echo "N=$d_n1 and N=$d_n2 (D: calls whose future keeps the last waker, as"
echo "channels do); ratio = executor / best of the three peers."
echo
echo "| executor | A: instr/call | A ratio | B: instr/poll | B ratio | D: instr/call | D ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for e in "${executors[@]}"; do
    echo "| $e | ${a[$e]} | $(ratio "${a[$e]}" "$best_a") | ${b[$e]} | $(ratio "${b[$e]}" "$best_b")" \
        "| ${d[$e]} | $(ratio "${d[$e]}" "$best_d") |"
done
ra=$(ratio "${a[lazy]}" "$best_a")
rb=$(ratio "${b[lazy]}" "$best_b")
echo
echo "lazy-main targets: A <= $target_a x best peer: $ra, $(verdict "$ra" "$target_a");" \
    "B <= $target_b x best peer: $rb, $(verdict "$rb" "$target_b")"

# A ptrace-free cross-check, where perf can read syscall tracepoints.
perf_ok=false
if have perf && perf stat -x, -e syscalls:sys_enter_futex true >/dev/null 2>&1; then
    perf_ok=true
fi

# c_run EXECUTOR RUN -> "calls failed perf": one run of C under strace (futex
# calls of all threads, and the failed ones), then one under perf (its count
# of futex calls, or "-" where perf cannot count them).
c_run() {
    local file="$out/strace.$1.C.$c_n.$2" perf_calls=-
    strace -f -c -e trace=futex -o "$file" "$bin" --only "$1" C "$c_n" 2>/dev/null
    if $perf_ok; then
        perf_calls=$(perf stat -x, -e syscalls:sys_enter_futex "$bin" --only "$1" C "$c_n" 2>&1 >/dev/null |
            awk -F, '$3 ~ /sys_enter_futex/ { print $1; exit }')
    fi
    # Columns: % time, seconds, usecs/call, calls, [errors,] syscall.
    echo "$(awk '$NF == "futex" { print $4, (NF == 6 ? $5 : 0); exit }' "$file") ${perf_calls:--}"
}

# Runs interleaved across executors: the count depends on how the scheduler
# places the two threads, which changes with the machine's load.
c_samples=$out/futex.C.$c_n
rounds "$c_runs" "$c_samples" "calls failed perf" c_run "${c_executors[@]}"

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
    read -r calls_median calls_min calls_max < <(samples "$c_samples" "$e" calls | stats)
    c[$e]=$(ratio "$calls_median" "$c_n")
    c_min[$e]=$(ratio "$calls_min" "$c_n") c_max[$e]=$(ratio "$calls_max" "$c_n")
    range="${c_min[$e]}-${c_max[$e]}"
    read -r failed _ < <(samples "$c_samples" "$e" failed | stats)
    perf_cols="n/a | n/a"
    if $perf_ok; then
        read -r perf_median perf_min perf_max < <(samples "$c_samples" "$e" perf | stats)
        perf_cols="$(ratio "$perf_median" "$c_n") | $(ratio "$perf_min" "$c_n")-$(ratio "$perf_max" "$c_n")"
    fi
    echo "| $e | ${c[$e]} | $range | $failed | $perf_cols |"
done
read -r best_c best_c_peer <<<"$(best_peer c)"
echo
echo "lazy-main target: C futex calls <= best peer (strace medians): ${c[lazy]} vs $best_c ($best_c_peer)," \
    "$(awk -v x="${c[lazy]}" -v y="$best_c" -v lo="${c_min[lazy]}" -v hi="${c_max[$best_c_peer]}" 'BEGIN {
        if (x <= y) print "met"
        else if (lo <= hi) printf "within noise: %.1f%% more, but the run ranges overlap\n", 100 * (x / y - 1)
        else printf "MISSED by %.1f%%\n", 100 * (x / y - 1) }')"
echo
echo "Where lazy-main's instructions go:"
echo "  callgrind_annotate --inclusive=yes $out/callgrind.lazy.A.$a_n2"
echo "  callgrind_annotate --auto=yes $out/callgrind.lazy.B.$b_n2"

# --- trace: what labelling costs an `.await` that is ready at once ---------------
t_n1=${T_N1:-100000} t_n2=${T_N2:-200000}
trace_instructions() { # trace_instructions MODE N
    local file="$out/callgrind.trace.$1.$2"
    valgrind --tool=callgrind --callgrind-out-file="$file" "$trace_bin" --only "$1" "$2" \
        >"$file.log" 2>&1
    awk '$1 == "summary:" { print $2; exit }' "$file"
}
declare -A per_await
for mode in plain traced; do
    log "callgrind: trace_awaits $mode ..."
    i1=$(trace_instructions "$mode" "$t_n1")
    i2=$(trace_instructions "$mode" "$t_n2")
    per_await[$mode]=$(ratio "$((i2 - i1))" "$((t_n2 - t_n1))" %.2f)
done
echo
echo "## trace: instructions per \`.await\` of a ready future"
echo
echo "Difference between N=$t_n1 and N=$t_n2 awaits in one attributed body."
echo
echo "| body | instructions per ready \`.await\` |"
echo "|---|---:|"
echo "| \`#[lazy_main::main]\` | ${per_await[plain]} |"
echo "| \`#[lazy_main::main(trace)]\` | ${per_await[traced]} |"
echo
echo "With \`trace\`, a ready \`.await\` runs through \`trace::at\` but notes nothing: the bookkeeping is on the pending path."
