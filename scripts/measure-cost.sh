#!/usr/bin/env bash
# What `#[lazy_main::main]` costs a user, next to a plain sync `main` and to
# the other ways of running `async fn main`: cold debug-build CPU time and
# stripped release-binary size of a one-line "hello world".
#
# Five throwaway projects are made in a temp dir (`cargo new --bin`), each
# printing "hello"; only the way `main` runs differs:
#
#   sync      fn main() { println!("hello"); }
#   lazy      #[lazy_main::main] async fn main()           lazy-main = { path = <this workspace> },
#                                                          built as from crates.io (not incrementally)
#   pollster  #[pollster::main] async fn main()            pollster 1.0.3, features ["macro"]
#   tokio     #[tokio::main(flavor = "current_thread")]    tokio 1, features ["rt", "macros"]
#   futures   futures_executor::block_on(async { .. })     futures-executor 0.3.34
#   (the dependency lines are `executor_dependency` in measure-lib.sh)
#
# 1. `cargo fetch` in each, so downloads are not timed.
# 2. Cold debug build: remove the project's target dir, `cargo build` under
#    `/usr/bin/time -f "%U %S %e"`; RUNS rounds, interleaved
#    (sync, lazy, pollster, tokio, futures, sync, ...) so machine noise
#    spreads evenly. Reported: user+sys CPU seconds (cargo and every rustc
#    it waits for), median and min; the ratio lazy/pollster (target <= 0.75).
# 3. One `cargo build --timings` of lazy and of pollster: seconds per crate,
#    read from target/cargo-timings/cargo-timing.html; syn's features in the
#    lazy build (`cargo tree -e features -i syn`).
# 4. Release build of each, a stripped copy (`strip`), its size in bytes;
#    lazy minus sync (target <= 4096) and the others minus sync. When lazy is
#    over the target, the sections and symbols (`nm --size-sort -S`, from the
#    unstripped binaries) that differ from sync are listed.
#
# The workspace is the parent of this script's directory. By default its
# sources (without target/, wip/ and .git/) are copied into the temp dir
# first, so edits made while this runs cannot mix versions or break a run
# half-way; SNAPSHOT=0 builds against the live workspace instead. Nothing is
# written to the workspace: every project has its own target dir in the temp
# dir.
#
# Usage: scripts/measure-cost.sh [RUNS]     RUNS cold builds per project, default 5
# Knobs: KEEP=1 keeps the temp dir (its path goes to stderr);
#        SNAPSHOT=0 builds lazy against the live workspace.
# The Markdown report goes to stdout, progress to stderr.
set -euo pipefail
# shellcheck source=scripts/measure-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/measure-lib.sh"

runs=${1:-5}
if [[ ! $runs =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: $0 [RUNS]   (RUNS: cold builds per project, a positive integer)" >&2
    exit 2
fi

projects=(sync lazy pollster tokio futures)

need_tools /usr/bin/time:time strip:binutils nm:binutils size:binutils readelf:binutils

make_work_dir
log "workspace: $workspace_root"
log "temp dir:  $work"
dep=$(lazy_main_source "$work/lazy-main-src")

# --- 1. projects -----------------------------------------------------------
make_project() { # make_project NAME DEPENDENCY-LINE MAIN.RS
    new_project "$work/$1" "$2"
    printf '%s\n' "$3" >"$work/$1/src/main.rs"
}
make_project sync "" 'fn main() { println!("hello"); }'
make_project lazy "$(lazy_main_dependency "$dep")" \
    '#[lazy_main::main] async fn main() { println!("hello"); }'
make_project pollster "${executor_dependency[pollster]}" \
    '#[pollster::main] async fn main() { println!("hello"); }'
make_project tokio "${executor_dependency[tokio]}" \
    '#[tokio::main(flavor = "current_thread")] async fn main() { println!("hello"); }'
make_project futures "${executor_dependency[futures-executor]}" \
    'fn main() { futures_executor::block_on(async { println!("hello") }) }'

for p in "${projects[@]}"; do
    log "cargo fetch: $p"
    (cd "$work/$p" && cargo fetch --quiet)
done

# Each project runs and prints "hello" (also a warm-up of the disk cache).
for p in "${projects[@]}"; do
    build "$work/$p"
    out=$("$work/$p/target/debug/$p")
    [[ $out == hello ]] || { log "$p printed '$out', not 'hello'"; exit 1; }
done

# --- 2. cold debug builds ----------------------------------------------------
cold_run() { cold_build "$work/$1"; } # cold_run PROJECT ROUND -> "user sys elapsed"
cold=$work/cold.tsv
rounds "$runs" "$cold" "user sys elapsed" cold_run "${projects[@]}"

# Median and min seconds of a project's runs: CPU (user+sys) or wall (elapsed).
runstat() { # runstat PROJECT user+sys|elapsed -> "median min"
    samples "$cold" "$1" "$2" | stats %.2f | cut -d ' ' -f 1,2
}

# --- 3. where lazy's build time goes ---------------------------------------
# Units of a cargo-timing.html: "seconds name version target", slowest first.
timing_units() {
    awk '
        /^const UNIT_DATA = \[/ { inside = 1; next }
        inside && /^\];/ { exit }
        inside && /^    "name":/ { name = $2 }
        inside && /^    "version":/ { version = $2 }
        inside && /^    "target":/ { sub(/^    "target": /, ""); target = $0 }
        inside && /^    "duration":/ {
            d = $2; gsub(/[",]/, "", name); gsub(/[",]/, "", version); gsub(/[",]/, "", d)
            gsub(/^"|",?$/, "", target); gsub(/\\"/, "", target); sub(/^ +/, "", target)
            if (target == "") target = "lib"
            printf "%s\t%s\t%s\t%s\n", d, name, version, target
        }' "$1" | sort -t "$(printf '\t')" -k1,1gr
}
timings_table() { # timings_table PROJECT
    local p=$1 html
    rm -rf "$work/$p/target"
    build "$work/$p" --timings
    html=$work/$p/target/cargo-timings/cargo-timing.html
    echo "| crate | version | unit | seconds |"
    echo "| --- | --- | --- | ---: |"
    timing_units "$html" | awk -F '\t' '{ printf "| %s | %s | %s | %.2f |\n", $2, $3, $4, $1; t += $1 }
        END { printf "| **sum** | | | **%.2f** |\n", t }'
    echo
    echo "Wall time of that build: $(grep -o 'Finished[^<]*in [0-9.]*s' "$work/$p.build.log" | grep -o '[0-9.]*s$' || echo '?')."
}

# --- 4. release sizes ----------------------------------------------------------
bins=$work/bins
mkdir -p "$bins"
for p in "${projects[@]}"; do
    log "release build: $p"
    build "$work/$p" --release
    cp "$work/$p/target/release/$p" "$bins/$p"
    cp "$bins/$p" "$bins/$p.stripped"
    strip "$bins/$p.stripped"
done
bytes() { stat -c %s "$1"; }

# --- report -------------------------------------------------------------------
log "cargo build --timings: lazy, pollster"
lazy_timings=$(timings_table lazy)
pollster_timings=$(timings_table pollster)

echo "# lazy-main: compile cost and binary size"
echo
echo "- $(rustc --version), $(cargo --version), $(uname -m), $(nproc) cores"
source_note="the live tree"
if [[ $dep != "$workspace_root" ]]; then
    source_note="a copy taken at start"
fi
if head=$(git -C "$workspace_root" rev-parse --short HEAD 2>/dev/null); then
    source_note+=", git $head"
    git -C "$workspace_root" diff --quiet HEAD 2>/dev/null || source_note+=" plus uncommitted changes"
fi
echo "- lazy-main: $workspace_root ($source_note)"
echo "- executor crates: $(for p in pollster tokio futures; do
    (cd "$work/$p" && cargo tree -e normal --depth 1 --prefix none -f '{p}' | sed -n 2p)
done | paste -sd ',' - | sed 's/,/, /g')"
echo "- load average at the end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo
echo "## Cold debug build (\`rm -rf target && cargo build\`), $runs runs each, interleaved"
echo
echo "| project | CPU user+sys median (s) | CPU min (s) | wall median (s) |"
echo "| --- | ---: | ---: | ---: |"
for p in "${projects[@]}"; do
    read -r cpu_med cpu_min < <(runstat "$p" user+sys)
    read -r wall_med _ < <(runstat "$p" elapsed)
    echo "| $p | $cpu_med | $cpu_min | $wall_med |"
done
read -r lazy_med lazy_min < <(runstat lazy user+sys)
read -r poll_med poll_min < <(runstat pollster user+sys)
ratio_med=$(ratio "$lazy_med" "$poll_med")
ratio_min=$(ratio "$lazy_min" "$poll_min")
echo
echo "lazy/pollster CPU: **$ratio_med** by median, $ratio_min by min" \
    "(target <= $target_cold_build by median: $(verdict "$ratio_med" "$target_cold_build"))."
echo
echo "<details><summary>raw runs (project, user s, sys s, elapsed s)</summary>"
echo
echo '```'
sample_rows "$cold"
echo '```'
echo
echo "</details>"
echo
echo "## Where lazy's build time goes (\`cargo build --timings\`, one cold run)"
echo
echo "$lazy_timings"
echo
echo "For comparison, pollster:"
echo
echo "$pollster_timings"
echo
echo "syn in the lazy build: \`$(cd "$work/lazy" && cargo tree -e normal -i syn -f '{p} [{f}]' --prefix none | head -n 1)\`"
echo
echo '```'
(cd "$work/lazy" && cargo tree -e features -i syn)
echo '```'
echo
echo "## Release binary size (\`cargo build --release\`, then \`strip\`)"
echo
sync_size=$(bytes "$bins/sync.stripped")
echo "| project | unstripped (bytes) | stripped (bytes) | stripped minus sync |"
echo "| --- | ---: | ---: | ---: |"
for p in "${projects[@]}"; do
    s=$(bytes "$bins/$p.stripped")
    printf '| %s | %d | %d | %+d |\n' "$p" "$(bytes "$bins/$p")" "$s" "$((s - sync_size))"
done
lazy_delta=$(($(bytes "$bins/lazy.stripped") - sync_size))
size_verdict=$(verdict "$lazy_delta" "$target_size_delta")
echo
echo "lazy minus sync: **$lazy_delta bytes** (target <= $target_size_delta: $size_verdict)."
if [[ $size_verdict == MISSED ]]; then
    echo
    echo "### What lazy adds over sync"
    echo
    echo "Sections of the stripped binaries (\`size -A\`; \`readelf -S\` tells which are NOBITS, taking no file bytes) that differ:"
    echo
    # "name in-file size" of each section: in-file is "no" for NOBITS ones.
    sections() {
        local nobits
        nobits=$(readelf -SW "$1" |
            awk '/ NOBITS / { for (i = 1; i <= NF; i++) if ($i ~ /^\./) { print $i; break } }' | paste -sd ' ' -)
        size -A -d "$1" | awk -v nobits=" $nobits " '$1 ~ /^\./ && $2 ~ /^[0-9]+$/ {
            print $1, (index(nobits, " " $1 " ") ? "no" : "yes"), $2 }'
    }
    echo "| section | in file | sync | lazy | difference |"
    echo "| --- | --- | ---: | ---: | ---: |"
    awk 'FNR == 1 { f++ } { s[f, $1] = $3; type[$1] = $2 }
        END { for (n in type) { d = s[2, n] - s[1, n]; if (d) printf "%s\t%s\t%d\t%d\t%+d\n", n, type[n], s[1, n], s[2, n], d } }' \
        <(sections "$bins/sync.stripped") <(sections "$bins/lazy.stripped") |
        sort -t "$(printf '\t')" -k5,5gr | awk -F '\t' '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }'
    echo
    file_sections=$(awk 'FNR == 1 { f++ } $2 == "yes" { t[f] += $3 } END { print t[2] - t[1] }' \
        <(sections "$bins/sync.stripped") <(sections "$bins/lazy.stripped"))
    echo "Sections with file bytes: $file_sections bytes more; the other $((lazy_delta - file_sections)) bytes are alignment of the segments in the file."
    echo
    echo "Symbols (\`nm --size-sort -S -C\` of the unstripped binaries) whose size differs, largest first:"
    echo
    # "size<TAB>name", hashes dropped and the binary's own crate renamed so
    # that lazy::main and sync::main compare as one symbol.
    symbols() { # symbols BINARY CRATE
        nm --size-sort -S -C -t d "$1" |
            awk '{ size = $2 + 0; $1 = ""; $2 = ""; $3 = ""; sub(/^ +/, ""); print size "\t" $0 }' |
            sed -e 's/::h[0-9a-f]\{16\}$//' -e "s/\t$2::/\t<bin>::/"
    }
    echo "| bytes | symbol |"
    echo "| ---: | --- |"
    awk -F '\t' 'FNR == 1 { f++ } { s[f, $2] += $1; names[$2] = 1 }
        END { for (n in names) { d = s[2, n] - s[1, n]; if (d) printf "%+d\t%s\n", d, n } }' \
        <(symbols "$bins/sync" sync) <(symbols "$bins/lazy" lazy) >"$work/symbols.tsv"
    sort -t "$(printf '\t')" -k1,1gr "$work/symbols.tsv" |
        awk -F '\t' '{ gsub(/\|/, "\\|", $2); printf "| %s | `%s` |\n", $1, $2 }'
    awk -F '\t' '{ t += $1 } END { printf "| **%+d** | all of them together |\n", t }' "$work/symbols.tsv"
fi
