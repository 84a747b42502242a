# shellcheck shell=bash
# shellcheck disable=SC2034 # the settings below are read by the sourcing scripts
# What the measurement scripts (scripts/measure-*.sh) share: the executors
# they compare, lazy-main's targets, the tools they install, the throwaway
# cargo projects they build, the interleaved rounds they run and the
# statistics they report. Sourced after `set -euo pipefail`:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/measure-lib.sh"
#
# Run directly (`bash scripts/measure-lib.sh`), it tests its own functions.

workspace_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# --- what is compared, and the goals -------------------------------------------

# The executors lazy-main is compared with ("best peer" = the lowest of these),
# and the one measured for reference only.
peer_executors=(futures-executor pollster futures-lite)
reference_executor=tokio

# The dependency line that gives a throwaway project an executor (and its
# attribute, where it has one). futures-lite has no attribute and no project
# yet; lazy-main's line names its sources, see `lazy_main_source`.
declare -gA executor_dependency=(
    [futures-executor]='futures-executor = "0.3.34"'
    [pollster]='pollster = { version = "1.0.3", features = ["macro"] }'
    [tokio]='tokio = { version = "1", features = ["rt", "macros"] }'
)

# lazy-main's targets: the most each measurement may be.
target_a=0.75          # A: instructions per `block_on(ready(x))`, lazy / best peer
target_b=0.9           # B: instructions per self-wake poll, lazy / best peer
target_cold_build=0.75 # cold debug build CPU seconds of a hello, lazy / pollster
target_size_delta=4096 # bytes a stripped release hello gains over a sync `main`
target_tests=0.8       # CPU seconds to check / build 1000 async tests, lazy / best of tokio and pollster
target_ir_per_test=4   # LLVM IR functions per test beyond the body's own state machine

# --- messages ------------------------------------------------------------------

# Progress goes to stderr, prefixed with the script's name; stdout is the report.
log() { echo "[$(basename "$0" .sh)] $*" >&2; }
die() {
    log "$*"
    exit 1
}

# --- tools ---------------------------------------------------------------------

# need_tools COMMAND[:PACKAGE]...: installs, with apt-get, the Debian packages
# of the commands that are missing (PACKAGE defaults to COMMAND's name). A
# COMMAND with a slash is a path that must be executable.
need_tools() {
    local spec command package missing=()
    for spec in "$@"; do
        command=${spec%%:*} package=${spec#*:}
        [[ $spec == *:* ]] || package=$(basename "$command")
        if have "$command" || [[ " ${missing[*]} " == *" $package "* ]]; then
            continue
        fi
        missing+=("$package")
    done
    ((${#missing[@]})) || return 0
    have apt-get || die "missing tools; install these Debian packages or their kin: ${missing[*]}"
    log "installing ${missing[*]} ..."
    apt-get update -qq >&2
    apt-get install -y -qq "${missing[@]}" >&2
}

# have COMMAND: whether COMMAND (or, with a slash, that path) can be run.
have() {
    if [[ $1 == */* ]]; then
        [[ -x $1 ]]
    else
        command -v "$1" >/dev/null 2>&1
    fi
}

# --- throwaway cargo projects ------------------------------------------------------

# make_work_dir: sets `work` to a new temp dir for the throwaway projects,
# removed when the script exits unless KEEP=1. Builds there get their own
# target dirs and no compiler cache, which would make a cold build warm.
make_work_dir() {
    local name
    name=$(basename "$0" .sh)
    work=$(mktemp -d "${TMPDIR:-/tmp}/lazy-main-${name#measure-}.XXXXXX")
    trap 'if [[ ${KEEP:-0} == 1 ]]; then log "kept: $work"; else rm -rf "$work"; fi' EXIT
    unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER
    export CARGO_TERM_COLOR=never
}

# lazy_main_source DIR: the lazy-main sources to build against. Unless
# SNAPSHOT=0, the workspace's sources (without target/, wip/ and .git/) are
# first copied to DIR, so edits made while a script runs cannot mix versions
# or break a run half-way; with SNAPSHOT=0 the live workspace.
lazy_main_source() {
    if [[ ${SNAPSHOT:-1} != 1 ]]; then
        echo "$workspace_root"
        return
    fi
    mkdir -p "$1"
    tar -C "$workspace_root" --exclude=./target --exclude=./wip --exclude=./.git -cf - . |
        tar -C "$1" -xf -
    echo "$1"
}

# lazy_main_dependency PATH: the Cargo.toml lines that make the lazy-main at
# PATH a dependency, built as a user gets it from crates.io. Cargo compiles
# path dependencies incrementally (as every local package) and registry ones
# not, which costs a cold build about a second here; the profile overrides
# turn that off for lazy-main's three crates only, and the project's own
# crate stays incremental, as in every peer's project.
lazy_main_dependency() {
    printf "lazy-main = { path = '%s' }\n" "$1"
    local crate
    for crate in lazy-main lazy-main-macros lazy-main-runtime; do
        printf '\n[profile.dev.package.%s]\nincremental = false\n' "$crate"
    done
}

# new_project DIR [DEPENDENCY-LINE]: `cargo new --bin` in DIR, its own
# workspace whatever directory DIR is in; the caller writes its sources.
new_project() {
    cargo new --bin --vcs none --quiet "$1"
    {
        [[ -z ${2:-} ]] || echo "$2"
        echo
        echo "# Its own workspace, whatever directory the temp dir is in."
        echo "[workspace]"
    } >>"$1/Cargo.toml"
}

# build DIR CARGO-BUILD-ARGS...: `cargo build` in DIR, its output in
# DIR.build.log; a failed build shows that output and stops the script.
build() {
    local dir=$1
    shift
    if ! (cd "$dir" && cargo build "$@") >"$dir.build.log" 2>&1; then
        cat "$dir.build.log" >&2
        die "cargo build $* failed in $dir"
    fi
}

# cold_build DIR CARGO-BUILD-ARGS...: removes DIR/target, then builds under
# /usr/bin/time; prints "user sys elapsed" seconds (cargo and every process it
# waits for).
cold_build() {
    local dir=$1
    shift
    rm -rf "$dir/target"
    if ! (cd "$dir" && /usr/bin/time -o "$dir.time" -f "%U %S %e" cargo build "$@") \
        >"$dir.build.log" 2>&1; then
        cat "$dir.build.log" >&2
        die "cold build of $dir failed"
    fi
    cat "$dir.time"
}

# --- interleaved rounds, and their statistics ---------------------------------------

# rounds RUNS FILE "COLUMN..." MEASURE SUBJECT...: RUNS rounds, each calling
# `MEASURE SUBJECT ROUND` once for every SUBJECT in turn, so that changes in the
# machine's load spread evenly over the subjects. MEASURE prints one line of
# values, one per COLUMN (it runs in a subshell: it can write files, not set
# variables); FILE gets a header and a line "SUBJECT VALUE..." per call.
rounds() {
    local runs=$1 file=$2 columns=$3 measure=$4 round subject values names numbers described i
    shift 4
    echo "# subject $columns" >"$file"
    for ((round = 1; round <= runs; round++)); do
        for subject in "$@"; do
            values=$("$measure" "$subject" "$round")
            echo "$subject $values" >>"$file"
            read -ra names <<<"$columns"
            read -ra numbers <<<"$values"
            described=''
            for i in "${!names[@]}"; do described+=", ${names[i]} ${numbers[i]:-?}"; done
            log "run $round/$runs $subject: ${described#, }"
        done
    done
}

# samples FILE SUBJECT COLUMN[+COLUMN...]: SUBJECT's values in a rounds FILE,
# one a line; "user+sys" adds two columns.
samples() {
    awk -v subject="$2" -v wanted="$3" '
        BEGIN { OFMT = "%.12g"; n = split(wanted, names, "+") }
        NR == 1 {
            for (i = 3; i <= NF; i++) column[$i] = i - 1
            for (k = 1; k <= n; k++) if (!(names[k] in column)) {
                print "no column " names[k] " in " FILENAME > "/dev/stderr"; exit 2 }
            next
        }
        $1 == subject { v = 0; for (k = 1; k <= n; k++) v += $(column[names[k]]); print v }' "$1"
}

# sample_rows FILE: the rows of a rounds FILE without its header.
sample_rows() { sed 1d "$1"; }

# stats [FORMAT]: "median min max" of the numbers on stdin, each printed with
# FORMAT (printf, default %.12g); the median of an even count is the mean of
# the two middle values.
stats() {
    sort -g | awk -v format="${1:-%.12g}" '
        { v[NR] = $1 }
        END {
            if (NR == 0) { print "stats: no values" > "/dev/stderr"; exit 1 }
            median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf format " " format " " format "\n", median, v[1], v[NR]
        }'
}

# ratio X Y [FORMAT]: X / Y, printed with FORMAT (default %.3f).
ratio() { awk -v x="$1" -v y="$2" -v format="${3:-%.3f}" 'BEGIN { printf format "\n", x / y }'; }

# verdict VALUE TARGET: "met" when VALUE <= TARGET, else "MISSED".
verdict() { awk -v value="$1" -v target="$2" 'BEGIN { print (value <= target) ? "met" : "MISSED" }'; }

# best_peer ARRAY: "VALUE PEER", the lowest value among the peer executors
# in ARRAY (an associative array by executor name; on a tie the later peer).
best_peer() {
    local -n best_peer_values=$1
    local peer best='' best_name=''
    for peer in "${peer_executors[@]}"; do
        if [[ -z $best ]] || awk -v x="${best_peer_values[$peer]}" -v y="$best" 'BEGIN { exit !(x <= y) }'; then
            best=${best_peer_values[$peer]} best_name=$peer
        fi
    done
    echo "$best $best_name"
}

# --- self-test ------------------------------------------------------------------------

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    expect() { # expect WHAT ACTUAL EXPECTED
        [[ $2 == "$3" ]] || die "$1: got '$2', expected '$3'"
    }
    expect "odd median" "$(printf '%s\n' 3 1 2 | stats)" "2 1 3"
    expect "even median" "$(printf '%s\n' 4 1 3 2 | stats)" "2.5 1 4"
    expect "format" "$(printf '%s\n' 1.234 2.5 | stats %.2f)" "1.87 1.23 2.50"
    expect "sorted as numbers" "$(printf '%s\n' 10 9 100 | stats)" "10 9 100"
    expect "ratio" "$(ratio 23 46)" "0.500"
    expect "ratio per round trip" "$(ratio 20712 10000)" "2.071"
    expect "verdict equal" "$(verdict 0.750 "$target_a")" "met"
    expect "verdict over" "$(verdict 0.751 "$target_a")" "MISSED"
    declare -A costs=([lazy]=1 [futures-executor]=47.00 [pollster]=922.53 [futures-lite]=46.00 [tokio]=2)
    expect "best peer" "$(best_peer costs)" "46.00 futures-lite"
    costs[futures-executor]=46 costs[pollster]=46 costs[futures-lite]=47
    expect "best peer, tie" "$(best_peer costs)" "46 pollster"
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    measure_fake() { echo "$((${#1} * $2)) 0.5"; }
    rounds 3 "$scratch/rounds" "user sys" measure_fake ab c 2>/dev/null
    expect "rounds interleave" "$(sample_rows "$scratch/rounds" | cut -d ' ' -f 1 | paste -sd ' ' -)" "ab c ab c ab c"
    expect "samples" "$(samples "$scratch/rounds" ab user | paste -sd ' ' -)" "2 4 6"
    expect "samples summed" "$(samples "$scratch/rounds" c user+sys | stats)" "2.5 1.5 3.5"
    if (samples "$scratch/rounds" c nope 2>/dev/null); then die "an unknown column is an error"; fi
    log "self-test ok (this file is sourced by scripts/measure-*.sh)"
fi
