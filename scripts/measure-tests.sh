#!/usr/bin/env bash
# What many async tests cost to compile: `#[lazy_main::test]` next to
# `#[tokio::test]` and `#[pollster::test]`, and the same tests written sync.
#
# Four throwaway projects in a temp dir, each with `tests/many.rs` holding N
# tests of the same six-line shape (an `async fn tK() -> Result<(), String>`
# awaiting a ready future, an early `return Err(..)`, an `assert_eq!`,
# `Ok(())`); only the attribute differs:
#
#   lazy      #[lazy_main::test]   lazy-main = { path = <this workspace> },
#                                  built as from crates.io (not incrementally)
#   tokio     #[tokio::test]       tokio 1, features ["rt", "macros"]
#   pollster  #[pollster::test]    pollster 1.0.3, features ["macro"]
#   sync      #[test] fn           the same body without `.await`
#
# 1. Every dependency is built first, so only the test crate is measured.
# 2. RUNS interleaved rounds; in each, `cargo check --tests` of every project
#    back to back, then `cargo test --no-run` of every project, each after
#    `touch tests/many.rs`, under `/usr/bin/time`, with CARGO_INCREMENTAL=0;
#    the order of the projects reverses from one round to the next.
#    Reported: user+sys CPU seconds, median and min, and lazy / the best of
#    tokio and pollster by each (target <= 0.8 for each, by median); also
#    that ratio within each round, whose numbers are seconds apart.
# 3. `cargo rustc --profile test --test many -- --emit=llvm-ir` of each: LLVM
#    IR functions (`define`s) per test, and the same minus the sync project's
#    (what the attribute adds to a test). lazy's functions are then sorted by
#    what they are, and those beyond the body's own state machine (its poll
#    closure and its drop glue) counted per test (target <= 4).
#
# 4. CPU seconds are noisy on a shared machine; instruction counts are not.
#    Unless EXACT=0, each project is rebuilt with EXACT_N tests (default 100)
#    and the rustc that checks and builds the test crate runs under
#    `valgrind --tool=callgrind`: instructions, and lazy / the best of tokio
#    and pollster (the fixed cost of a crate makes these ratios, if anything,
#    closer to 1 than at N). Then lazy's check is taken apart: the same tests
#    written out by hand, each body an `async move` block not driven, then
#    driven by `__private::test`, then with the line that types the block
#    and the body's label (the expansion itself); the attribute's own row is
#    the rest.
#
# Usage: scripts/measure-tests.sh [RUNS] [N]   defaults 3 and 1000
# Knobs: KEEP=1 keeps the temp dir; SNAPSHOT=0 builds lazy-main from the live
#        workspace instead of a copy; EXACT=0 skips step 4, EXACT_N sets its N.
# The Markdown report goes to stdout, progress to stderr.
set -euo pipefail
# shellcheck source=scripts/measure-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/measure-lib.sh"

runs=${1:-3}
tests=${2:-1000}
[[ $runs =~ ^[1-9][0-9]*$ && $tests =~ ^[1-9][0-9]*$ ]] ||
    die "usage: $0 [RUNS] [N]   (positive integers)"
projects=(lazy tokio pollster sync)

need_tools /usr/bin/time:time c++filt:binutils # c++filt demangles v0 names
make_work_dir
log "temp dir: $work"
lazy_dir=$(lazy_main_source "$work/lazy-main-src")

# The body of test K: test_body K AWAIT
test_body() {
    cat <<BODY
    let value = std::future::ready($1)$2;
    if value == usize::MAX { return Err(String::from("overflow")); }
    assert_eq!(value, $1);
    Ok(())
BODY
}

# The N tests of one project: many_tests ATTRIBUTE ASYNC AWAIT
many_tests() {
    local attribute=$1 async=$2 await=$3 k
    echo "//! $tests tests of the same shape."
    for ((k = 0; k < tests; k++)); do
        printf '\n%s\n%sfn t%s() -> Result<(), String> {\n' "$attribute" "$async" "$k"
        test_body "$k" "$await"
        echo "}"
    done
}

# The same tests written out by hand, with less and less of what the
# attribute adds: written_out STEP, one of
#   block    each body an `async move` block, built and not driven
#   driven   ... driven by lazy-main's test driver, which names the test
#   typed    ... with the line that types the block first, and the body as
#            a labelled block of its own: the expansion
written_out() {
    local result='Result<(), String>' private='::lazy_main::__private' k typing
    typing="if false { return $private::unreachable::<$result>(); }"
    echo "//! $tests tests, written out: $1."
    for ((k = 0; k < tests; k++)); do
        printf '\n#[test]\nfn t%s() -> %s {\n' "$k" "$result"
        case $1 in
        block) echo "    let _future = async move {" ;;
        driven) echo "    return ($private::test)(\"t$k\", async move {" ;;
        typed) printf '    return (%s::test)("t%s", async move {\n        %s\n        '"'"'__lazy_main_body: {\n' "$private" "$k" "$typing" ;;
        esac
        test_body "$k" .await
        case $1 in
        block) printf '    };\n    Ok(())\n' ;;
        typed) printf '        }\n    });\n' ;;
        *) echo "    });" ;;
        esac
        echo "}"
    done
}

# Each project's test attribute; all but `sync` are async tests.
declare -A test_attribute=(
    [lazy]='#[lazy_main::test]'
    [tokio]='#[tokio::test]'
    [pollster]='#[pollster::test]'
    [sync]='#[test]'
)

make_tests() { # make_tests PROJECT: writes its tests/many.rs, $tests of them
    mkdir -p "$work/$1/tests"
    if [[ $1 == sync ]]; then
        # It awaits nothing: `std::future::ready(k)` would be a future there.
        many_tests "${test_attribute[sync]}" '' '' |
            sed 's/std::future::ready(\([0-9]*\))/\1/' >"$work/$1/tests/many.rs"
    else
        many_tests "${test_attribute[$1]}" 'async ' '.await' >"$work/$1/tests/many.rs"
    fi
}
make() { # make PROJECT DEPENDENCY-LINE
    new_project "$work/$1" "$2"
    make_tests "$1"
}

# rustc_instructions PROJECT CARGO-ARGS...: instructions (in G) of the rustc
# that compiles the test crate, run again as cargo would run it.
rustc_instructions() {
    local dir=$work/$1 command output
    shift
    (cd "$dir" && cargo "$@" --quiet >/dev/null 2>&1) || die "cargo $* failed in $dir"
    touch "$dir/tests/many.rs"
    # The backquotes are cargo's, around the command it runs.
    # shellcheck disable=SC2016
    command=$(cd "$dir" && cargo "$@" -v 2>&1 | grep 'Running `.*rustc.*--crate-name many' |
        sed 's/^ *Running `//; s/`$//')
    touch "$dir/tests/many.rs"
    output=$(cd "$dir" && eval "valgrind --tool=callgrind --callgrind-out-file=/dev/null $command" 2>&1)
    grep -q '"level":"error"' <<<"$output" && die "rustc failed under callgrind in $dir"
    grep -o 'Collected : [0-9]*' <<<"$output" | awk '{ printf "%.3f\n", $3 / 1e9 }'
}
make lazy "$(lazy_main_dependency "$lazy_dir")"
make tokio "${executor_dependency[tokio]}"
make pollster "${executor_dependency[pollster]}"
make sync ''

export CARGO_INCREMENTAL=0
for p in "${projects[@]}"; do
    log "building the dependencies and tests of $p (and running them once)"
    (cd "$work/$p" && cargo test --quiet --test many >"$work/$p.run.log" 2>&1) ||
        { cat "$work/$p.run.log" >&2; die "the tests of $p fail"; }
    grep -q "test result: ok. $tests passed" "$work/$p.run.log" || die "$p did not run $tests tests"
    (cd "$work/$p" && cargo check --quiet --tests) >/dev/null 2>&1 || die "cargo check of $p failed"
done

# timed PROJECT CARGO-ARGS... -> "user sys": the test crate rebuilt alone.
timed() {
    local dir=$work/$1
    shift
    touch "$dir/tests/many.rs"
    (cd "$dir" && /usr/bin/time -o "$dir.time" -f "%U %S" cargo "$@" >"$dir.log" 2>&1) ||
        { cat "$dir.log" >&2; die "cargo $* failed in $dir"; }
    cat "$dir.time"
}
# One round: every project's check back to back, then every project's
# build, in an order that reverses from round to round. This machine's speed
# drifts within seconds, so the numbers compared are taken close together,
# and no project always goes first. Rows as `rounds` writes them.
times=$work/times.tsv
echo "# subject check_user check_sys build_user build_sys" >"$times"
declare -A check_time
for ((round = 1; round <= runs; round++)); do
    order=("${projects[@]}")
    if ((round % 2 == 0)); then
        for ((i = 0; i < ${#projects[@]}; i++)); do order[i]=${projects[-1 - i]}; done
    fi
    for p in "${order[@]}"; do check_time[$p]=$(timed "$p" check --tests); done
    for p in "${order[@]}"; do
        build_time=$(timed "$p" test --no-run)
        echo "$p ${check_time[$p]} $build_time" >>"$times"
        log "run $round/$runs $p: check ${check_time[$p]}, build $build_time (user sys)"
    done
done

# IR functions of the test crate: ir_functions PROJECT -> count; the .ll stays in $work/PROJECT.ll.
ir_functions() {
    local dir=$work/$1 ll
    # v0 symbol names carry generic arguments, so an instantiation for a
    # test's future names the test.
    (cd "$dir" && cargo rustc --quiet --profile test --test many -- --emit=llvm-ir \
        -C symbol-mangling-version=v0 >/dev/null 2>&1) ||
        die "cargo rustc --emit=llvm-ir failed in $dir"
    ll=$(find "$dir/target/debug/deps" -name 'many-*.ll' -printf '%T@ %p\n' | sort -rn | head -n 1 | cut -d' ' -f2)
    cp "$ll" "$work/$1.ll"
    grep -c '^define ' "$ll"
}
declare -A ir
for p in "${projects[@]}"; do
    log "LLVM IR: $p"
    ir[$p]=$(ir_functions "$p")
done

# The IR functions of one test (the middle one), demangled: those whose name
# mentions it. sample_functions PROJECT
sample=t$((tests / 2))
sample_functions() {
    grep '^define ' "$work/$1.ll" | sed -E 's/^define [^@]*@("[^"]*"|[^(]*)\(.*/\1/; s/"//g' |
        c++filt | sed -E 's/\[[0-9a-f]+\]//g' | grep -E "many::$sample([^0-9]|\$)" | sort
}
# Of those, how many are the body's own state machine: each future (a
# closure with drop glue; the test harness's closure captures nothing) is
# its poll and its drop glue. (The harness's closure and the future can
# demangle to the same name, so they are counted, not matched.)
state_machine_count() {
    local glue
    glue=$(grep -cE '^core::ptr::drop_in_place::<.*\{closure#[0-9]+\}>$' || true)
    echo $((2 * glue))
}

# --- 4. exact: rustc's instructions (callgrind) -----------------------------------
declare -A exact_check exact_build
exact_n=${EXACT_N:-100}
if [[ ${EXACT:-1} == 1 ]]; then
    need_tools valgrind
    for p in "${projects[@]}"; do
        log "callgrind, $exact_n tests: $p"
        tests=$exact_n
        make_tests "$p"
        exact_check[$p]=$(rustc_instructions "$p" check --tests)
        exact_build[$p]=$(rustc_instructions "$p" test --no-run --test many)
    done
    # Where lazy's check goes: the same tests written out, step by step.
    declare -A steps
    for step in block driven typed; do
        log "callgrind, $exact_n tests written out: $step"
        written_out "$step" >"$work/lazy/tests/many.rs"
        steps[$step]=$(rustc_instructions lazy check --tests)
    done
    make_tests lazy
    tests=${2:-1000}
fi

echo "# lazy-main: compiling $tests async tests"
echo
echo "- $(rustc --version), $(cargo --version), $(uname -m), $(nproc) cores"
echo "- lazy-main: $lazy_dir"
echo "- $runs interleaved rounds; the test crate alone is rebuilt (\`touch tests/many.rs\`), CARGO_INCREMENTAL=0"
echo "- load average at the end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo
echo "| | lazy-main | tokio (\`rt\`, \`macros\`) | pollster (\`macro\`) | the same tests written sync |"
echo "|---|---:|---:|---:|---:|"
declare -A check build check_min build_min
for p in "${projects[@]}"; do
    read -r "check[$p]" "check_min[$p]" _ < <(samples "$times" "$p" check_user+check_sys | stats %.2f)
    read -r "build[$p]" "build_min[$p]" _ < <(samples "$times" "$p" build_user+build_sys | stats %.2f)
done
row() { # row LABEL ARRAY
    local -n values=$2
    echo "| $1 | ${values[lazy]} | ${values[tokio]} | ${values[pollster]} | ${values[sync]} |"
}
row "\`cargo check --tests\`, CPU s (median)" check
row "\`cargo test --no-run\`, CPU s (median)" build
row "\`cargo check --tests\`, CPU s (min)" check_min
row "\`cargo test --no-run\`, CPU s (min)" build_min
declare -A per_test # read by `row`
# shellcheck disable=SC2034
for p in "${projects[@]}"; do
    per_test[$p]=$(awk -v n="${ir[$p]}" -v t="$tests" 'BEGIN { printf "%.1f", n / t }')
done
row "LLVM IR functions per test (debug)" per_test
echo
best() { # best ARRAY -> the lower of tokio and pollster
    local -n values=$1
    awk -v a="${values[tokio]}" -v b="${values[pollster]}" 'BEGIN { print (a < b) ? a : b }'
}
# round_ratios check|build: lazy / the best of tokio and pollster in each
# round (a round writes one row a project, so `samples` lines up by round),
# as "median (min-max)".
round_ratios() {
    local columns=$1_user+$1_sys
    paste <(samples "$times" lazy "$columns") <(samples "$times" tokio "$columns") \
        <(samples "$times" pollster "$columns") |
        awk '{ print $1 / ($2 < $3 ? $2 : $3) }' |
        stats %.3f | awk '{ printf "%s (%s-%s)", $1, $2, $3 }'
}
check_ratio=$(ratio "${check[lazy]}" "$(best check)")
build_ratio=$(ratio "${build[lazy]}" "$(best build)")
echo "lazy / best of tokio and pollster: \`cargo check --tests\` **$check_ratio**," \
    "\`cargo test --no-run\` **$build_ratio** (target <= $target_tests:" \
    "$(verdict "$check_ratio" "$target_tests"), $(verdict "$build_ratio" "$target_tests"))."
# This machine's speed jumps between runs: two more views, the fastest run
# of each, and the ratio within each round (its numbers taken seconds apart).
echo "By the fastest run of each: check $(ratio "${check_min[lazy]}" "$(best check_min)")," \
    "build $(ratio "${build_min[lazy]}" "$(best build_min)")." \
    "Within each round, median (min-max) over the $runs rounds:" \
    "check $(round_ratios check), build $(round_ratios build)."
echo
for p in lazy tokio pollster; do
    sample_functions "$p" >"$work/$p.sample"
done
declare -A beyond
for p in lazy tokio pollster; do
    all=$(wc -l <"$work/$p.sample")
    own=$(state_machine_count <"$work/$p.sample")
    beyond[$p]=$((all - own))
done
echo "IR functions of one test (\`$sample\`) beyond the body's own state machine (its poll and its drop glue):" \
    "lazy **${beyond[lazy]}** (target <= $target_ir_per_test: $(verdict "${beyond[lazy]}" "$target_ir_per_test")), tokio ${beyond[tokio]}, pollster ${beyond[pollster]}."
echo
if [[ ${EXACT:-1} == 1 ]]; then
    echo "Exact: instructions of the rustc that compiles the test crate with $exact_n tests (callgrind), in billions:"
    echo
    echo "| | lazy-main | tokio | pollster | sync |"
    echo "|---|---:|---:|---:|---:|"
    echo "| check | ${exact_check[lazy]} | ${exact_check[tokio]} | ${exact_check[pollster]} | ${exact_check[sync]} |"
    echo "| build | ${exact_build[lazy]} | ${exact_build[tokio]} | ${exact_build[pollster]} | ${exact_build[sync]} |"
    echo
    echo "Where lazy-main's check goes: the same $exact_n tests written out by hand, one step at a time (rustc instructions, G; each step adds to the one above):"
    echo
    echo "| | instructions | added |"
    echo "|---|---:|---:|"
    previous=${exact_check[sync]}
    step_row() { # step_row LABEL VALUE
        echo "| $1 | $2 | $(awk -v a="$2" -v b="$previous" 'BEGIN { printf "%+.3f", a - b }') |"
        previous=$2
    }
    echo "| the tests written sync | $previous | |"
    step_row "each body an \`async move\` block, not driven" "${steps[block]}"
    step_row "driven by \`__private::test\`" "${steps[driven]}"
    step_row "the line typing the block first (the expansion, by hand)" "${steps[typed]}"
    step_row "the attribute instead of the hand-written expansion" "${exact_check[lazy]}"
    echo "| pollster's attribute, for comparison | ${exact_check[pollster]} | |"
    echo
    exact_check_ratio=$(ratio "${exact_check[lazy]}" "$(best exact_check)")
    exact_build_ratio=$(ratio "${exact_build[lazy]}" "$(best exact_build)")
    echo "lazy / best of tokio and pollster, by instructions: check **$exact_check_ratio**, build **$exact_build_ratio**" \
        "(target <= $target_tests: $(verdict "$exact_check_ratio" "$target_tests"), $(verdict "$exact_build_ratio" "$target_tests"))."
    echo
fi
echo "<details><summary>the IR functions of \`$sample\`, demangled (the state machine is a \`{closure#0}\` and its drop glue)</summary>"
echo
for p in lazy tokio pollster sync; do
    echo "$p:"
    echo
    echo '```'
    if [[ $p == sync ]]; then sample_functions sync; else cat "$work/$p.sample"; fi
    echo '```'
    echo
done
echo "</details>"
echo
echo "<details><summary>raw runs</summary>"
echo
echo '```'
cat "$times"
echo '```'
echo
echo "</details>"
