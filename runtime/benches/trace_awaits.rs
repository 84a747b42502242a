//! What `trace` costs an `.await` that is ready at once. Each mode runs one
//! attributed body that awaits N ready futures:
//!
//! - `--only plain N`: `#[lazy_main::main]`, the `.await`s untouched;
//! - `--only traced N`: `#[lazy_main::main(trace)]`, each `.await` labelled
//!   (its future wrapped in `trace::at`; nothing is noted while it is ready).
//!
//! `scripts/measure-block-on.sh` runs both under callgrind at two N and
//! reports the instructions per `.await`. Without `--only` (as `cargo test
//! --benches` runs it), a quick check that both modes give the same sum.

use std::hint::black_box;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

static AWAITS: AtomicU64 = AtomicU64::new(0);

#[lazy_main::main]
async fn plain() -> u64 {
    let mut sum = 0;
    for i in 0..AWAITS.load(Ordering::Relaxed) {
        sum += std::future::ready(black_box(i)).await;
    }
    sum
}

#[lazy_main::main(trace)]
async fn traced() -> u64 {
    let mut sum = 0;
    for i in 0..AWAITS.load(Ordering::Relaxed) {
        sum += std::future::ready(black_box(i)).await;
    }
    sum
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(at) = args.iter().position(|arg| arg == "--only") else {
        AWAITS.store(1000, Ordering::Relaxed);
        assert_eq!(plain(), traced());
        println!("trace_awaits bench: smoke run ok (plain and traced agree)");
        return ExitCode::SUCCESS;
    };
    let (Some(mode), Some(Ok(n))) = (args.get(at + 1), args.get(at + 2).map(|n| n.parse())) else {
        eprintln!("usage: trace_awaits --only plain|traced N");
        return ExitCode::FAILURE;
    };
    AWAITS.store(n, Ordering::Relaxed);
    let sum = match mode.as_str() {
        "plain" => plain(),
        "traced" => traced(),
        _ => {
            eprintln!("unknown mode {mode}: plain or traced");
            return ExitCode::FAILURE;
        }
    };
    black_box(sum);
    ExitCode::SUCCESS
}
