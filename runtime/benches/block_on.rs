//! Compares `lazy_main_runtime::block_on` with the `block_on` of
//! futures-executor, pollster and futures-lite, std only (no criterion).
//! tokio's current-thread runtime (built once per thread, as `#[tokio::main]`
//! builds it once) is measured too, for reference, and so is
//! `lazy_main_runtime::block_on_watched` with a watch that keeps every
//! default: what watching costs when nothing is wrong.
//!
//! Workloads:
//!
//! - **A** — `block_on(ready(x))`, many calls: the fixed cost of one call.
//! - **B** — one `block_on` of a future that wakes itself and returns
//!   `Pending` N times: the cost of a wake during `poll` plus one more poll.
//! - **C** — one `block_on` of N cross-thread round trips: the future asks a
//!   peer thread, which bumps a counter and wakes the stored waker.
//! - **D** — many `block_on` calls of a future that registers its waker as
//!   channels and `AtomicWaker` do (the last one kept across calls, replaced
//!   only when it would not wake the same task), is woken through it and is
//!   ready at the next poll: the fixed cost of one call, plus whatever a kept
//!   waker costs the executor (pollster, for one, allocates per call).
//!
//! Modes:
//!
//! - `cargo bench -p lazy-main-runtime` (cargo passes `--bench`): every
//!   executor on every workload, several interleaved samples each; prints a
//!   Markdown table of the median time per call / poll / round trip.
//! - `block_on-HASH --only EXECUTOR WORKLOAD N`: runs one executor on one
//!   workload for N iterations and nothing else, for `valgrind --tool=callgrind`
//!   and `strace -f -c -e trace=futex` (see `scripts/measure-block-on.sh`).
//!   EXECUTOR is `lazy`, `lazy-watched`, `futures-executor`, `pollster`,
//!   `futures-lite` or `tokio`;
//!   WORKLOAD is `A`, `B`, `C` or `D`.
//! - without `--bench` or `--only` (as `cargo test --benches` runs it): a quick
//!   smoke run of every case with few iterations, no timing.
//!
//! Every executor runs exactly the same monomorphised workload code, with
//! the same `black_box` calls, so none can be optimised away more than another.

use std::future::{ready, Future};
use std::hint::black_box;
use std::pin::{pin, Pin};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::OnceLock;
use std::task::{Context, Poll, Waker};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

/// Timed samples per case in the table (after one untimed warm-up run).
const SAMPLES: usize = 7;

/// An executor under test: a `block_on` to drive a future with.
trait Executor {
    fn block_on<F: Future>(future: F) -> F::Output;
}

struct LazyMain;
struct LazyMainWatched;
struct FuturesExecutor;
struct Pollster;
struct FuturesLite;
struct Tokio;

impl Executor for LazyMain {
    fn block_on<F: Future>(future: F) -> F::Output {
        lazy_main_runtime::block_on(future)
    }
}

/// A watch that keeps every default: it is never told anything.
struct Quiet;

impl lazy_main_runtime::Watch for Quiet {}

impl Executor for LazyMainWatched {
    fn block_on<F: Future>(future: F) -> F::Output {
        lazy_main_runtime::block_on_watched(pin!(future), &mut Quiet)
    }
}

impl Executor for FuturesExecutor {
    fn block_on<F: Future>(future: F) -> F::Output {
        futures_executor::block_on(future)
    }
}

impl Executor for Pollster {
    fn block_on<F: Future>(future: F) -> F::Output {
        pollster::block_on(future)
    }
}

thread_local! {
    static TOKIO: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime builds");
}

impl Executor for Tokio {
    fn block_on<F: Future>(future: F) -> F::Output {
        TOKIO.with(|runtime| runtime.block_on(future))
    }
}

impl Executor for FuturesLite {
    fn block_on<F: Future>(future: F) -> F::Output {
        futures_lite::future::block_on(future)
    }
}

/// One executor: its name in the table, the name `--only` takes, and its
/// workloads.
struct Contender {
    name: &'static str,
    arg: &'static str,
    run: fn(Workload, u64) -> Duration,
    /// C needs one waker for the whole `block_on` (see `Link::waker`);
    /// tokio's changes between polls, so it runs A and B only.
    ping_pong: bool,
}

impl Contender {
    fn runs(&self, workload: Workload) -> bool {
        self.ping_pong || !matches!(workload, Workload::PingPong)
    }
}

/// lazy-main first: the table's ratios are relative to it.
const CONTENDERS: [Contender; 6] = [
    Contender {
        name: "lazy-main",
        arg: "lazy",
        run: run::<LazyMain>,
        ping_pong: true,
    },
    Contender {
        name: "lazy-main, watched",
        arg: "lazy-watched",
        run: run::<LazyMainWatched>,
        ping_pong: true,
    },
    Contender {
        name: "futures-executor",
        arg: "futures-executor",
        run: run::<FuturesExecutor>,
        ping_pong: true,
    },
    Contender {
        name: "pollster",
        arg: "pollster",
        run: run::<Pollster>,
        ping_pong: true,
    },
    Contender {
        name: "futures-lite",
        arg: "futures-lite",
        run: run::<FuturesLite>,
        ping_pong: true,
    },
    Contender {
        name: "tokio (reference)",
        arg: "tokio",
        run: run::<Tokio>,
        ping_pong: false,
    },
];

#[derive(Clone, Copy)]
enum Workload {
    /// A: many `block_on(ready(x))` calls.
    Ready,
    /// B: one `block_on` of a future that wakes itself N times.
    WakeSelf,
    /// C: one `block_on` of N round trips to a peer thread.
    PingPong,
    /// D: many `block_on` calls of a future that keeps the last waker.
    KeptWaker,
}

impl Workload {
    const ALL: [Self; 4] = [Self::Ready, Self::WakeSelf, Self::PingPong, Self::KeptWaker];

    fn parse(arg: &str) -> Option<Self> {
        match arg {
            "A" | "a" => Some(Self::Ready),
            "B" | "b" => Some(Self::WakeSelf),
            "C" | "c" => Some(Self::PingPong),
            "D" | "d" => Some(Self::KeptWaker),
            _ => None,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Ready => "A: `block_on(ready(x))`",
            Self::WakeSelf => "B: self-wake + re-poll",
            Self::PingPong => "C: cross-thread round trip",
            Self::KeptWaker => "D: the last waker kept",
        }
    }

    fn unit(self) -> &'static str {
        match self {
            Self::Ready | Self::KeptWaker => "call",
            Self::WakeSelf => "poll",
            Self::PingPong => "round trip",
        }
    }

    /// Iterations per sample in the table.
    fn iterations(self) -> u64 {
        match self {
            Self::Ready | Self::KeptWaker => 1_000_000,
            Self::WakeSelf => 10_000_000,
            Self::PingPong => 20_000,
        }
    }
}

/// Runs `workload` for `n` iterations on executor `E`; returns the time the
/// work itself took (for C without spawning and joining the peer).
fn run<E: Executor>(workload: Workload, n: u64) -> Duration {
    match workload {
        Workload::Ready => {
            let started = Instant::now();
            black_box(ready_calls::<E>(n));
            started.elapsed()
        }
        Workload::WakeSelf => {
            let started = Instant::now();
            // No output to hide: each wake is an atomic operation, not removable.
            E::block_on(WakeSelf { remaining: n });
            started.elapsed()
        }
        Workload::PingPong => ping_pong::<E>(n),
        Workload::KeptWaker => {
            let started = Instant::now();
            kept_waker_calls::<E>(n);
            started.elapsed()
        }
    }
}

/// A: `n` calls of `block_on` on an already-ready future.
fn ready_calls<E: Executor>(n: u64) -> u64 {
    let mut sum = 0u64;
    for i in 0..n {
        // Opaque input and output: each call has to be made for real.
        sum = sum.wrapping_add(black_box(E::block_on(ready(black_box(i)))));
    }
    sum
}

/// D: `n` calls of `block_on` on a `Registered` future, all with one slot.
fn kept_waker_calls<E: Executor>(n: u64) {
    let mut slot = None;
    for _ in 0..n {
        E::block_on(Registered {
            slot: &mut slot,
            registered: false,
        });
    }
    // The last registration stays alive to the end, as a channel's would.
    black_box(slot);
}

/// D: registers its waker in `slot` as channels and `AtomicWaker` do (the
/// last waker kept, replaced only when it would not wake the same task), is
/// woken through it at once (as by a sender), and is ready at the next poll.
struct Registered<'a> {
    slot: &'a mut Option<Waker>,
    registered: bool,
}

impl Future for Registered<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.registered {
            return Poll::Ready(());
        }
        self.registered = true;
        let slot = black_box(&mut *self.slot);
        if !slot.as_ref().is_some_and(|kept| kept.will_wake(cx.waker())) {
            *slot = Some(cx.waker().clone());
        }
        if let Some(kept) = slot {
            kept.wake_by_ref();
        }
        Poll::Pending
    }
}

/// B: wakes its own waker and returns `Pending` `remaining` times, then
/// `Ready`: every poll but the last is followed by a wake-during-poll.
struct WakeSelf {
    remaining: u64,
}

impl Future for WakeSelf {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // Opaque, so the compiler cannot count the polls ahead of time.
        let remaining = black_box(self.remaining);
        if remaining == 0 {
            return Poll::Ready(());
        }
        self.remaining = remaining - 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// C: what the future and its peer thread share.
#[derive(Default)]
struct Link {
    /// Round trips the future has asked for.
    requested: AtomicU64,
    /// Round trips the peer has answered: the counter it bumps.
    answered: AtomicU64,
    /// The `block_on` waker, stored at the first poll. It is the same for
    /// every poll of one `block_on` with all four executors (checked), so the
    /// peer reads it without a lock and the harness adds no futex calls.
    waker: OnceLock<Waker>,
    /// Set when the peer should exit.
    closed: AtomicBool,
}

/// C: the peer thread. Parks until asked, answers, wakes the future.
fn answer_requests(link: &Link) {
    let mut answered = 0;
    loop {
        while link.requested.load(Ordering::Acquire) == answered {
            if link.closed.load(Ordering::Acquire) {
                return;
            }
            thread::park();
        }
        answered += 1;
        link.answered.store(answered, Ordering::Release);
        link.waker
            .get()
            .expect("waker stored before any request")
            .wake_by_ref();
    }
}

/// C: one round trip: on the first poll asks the peer, then waits for the
/// answer.
struct RoundTrip<'a> {
    link: &'a Link,
    peer: &'a Thread,
    round: u64,
    asked: bool,
}

impl Future for RoundTrip<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let link = self.link;
        if !self.asked {
            let stored = link.waker.get_or_init(|| cx.waker().clone());
            assert!(stored.will_wake(cx.waker()), "executor changed its waker");
            self.asked = true;
            link.requested.store(self.round, Ordering::Release);
            self.peer.unpark();
            return Poll::Pending;
        }
        if link.answered.load(Ordering::Acquire) >= self.round {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

/// C: one `block_on` of `round_trips` round trips to a fresh peer thread.
fn ping_pong<E: Executor>(round_trips: u64) -> Duration {
    let link = Link::default();
    thread::scope(|scope| {
        let peer = scope.spawn(|| answer_requests(&link));
        let (link, peer_thread) = (&link, peer.thread());
        let started = Instant::now();
        E::block_on(async move {
            for round in 1..=round_trips {
                let trip = RoundTrip {
                    link,
                    peer: peer_thread,
                    round,
                    asked: false,
                };
                trip.await;
            }
        });
        let elapsed = started.elapsed();
        assert_eq!(link.answered.load(Ordering::Acquire), round_trips);
        link.closed.store(true, Ordering::Release);
        peer_thread.unpark();
        elapsed
    })
}

/// Nanoseconds per iteration.
fn per_iteration(time: Duration, n: u64) -> f64 {
    // Both far below 2^52: exact enough as f64.
    #[allow(clippy::cast_precision_loss)]
    let (nanos, n) = (time.as_nanos() as f64, n as f64);
    nanos / n
}

/// The wall-time table: every executor on every workload.
fn table() {
    println!(
        "Nanoseconds per operation: median of {SAMPLES} samples (executors interleaved, \
         one warm-up run each); ratio = executor / lazy-main, lower is faster."
    );
    for workload in Workload::ALL {
        println!(
            "{}: {} {}s per sample",
            workload.label(),
            workload.iterations(),
            workload.unit()
        );
    }
    println!("\n| workload | executor | median ns | min ns | max ns | ratio to lazy-main |");
    println!("|---|---|---:|---:|---:|---:|");
    for workload in Workload::ALL {
        let n = workload.iterations();
        let contenders: Vec<&Contender> = CONTENDERS.iter().filter(|c| c.runs(workload)).collect();
        for contender in &contenders {
            (contender.run)(workload, n);
        }
        let mut samples = vec![Vec::with_capacity(SAMPLES); contenders.len()];
        for round in 0..SAMPLES {
            // Rotate the order so no executor always runs first or last.
            for k in 0..contenders.len() {
                let i = (round + k) % contenders.len();
                let time = (contenders[i].run)(workload, n);
                samples[i].push(per_iteration(time, n));
            }
        }
        for ns in &mut samples {
            ns.sort_by(f64::total_cmp);
        }
        let lazy_median = samples[0][SAMPLES / 2];
        for (contender, ns) in contenders.iter().zip(&samples) {
            let median = ns[SAMPLES / 2];
            println!(
                "| {}, per {} | {} | {median:.2} | {:.2} | {:.2} | {:.2}x |",
                workload.label(),
                workload.unit(),
                contender.name,
                ns[0],
                ns[SAMPLES - 1],
                median / lazy_median,
            );
        }
    }
    println!(
        "\nC is bimodal on some machines (where the two threads run, and whether a \
         woken CPU must leave idle first): a min far below the median means the mode \
         changed during the run, so compare min with min as well."
    );
}

/// Every case once with few iterations: checks the harness, times nothing.
fn smoke() {
    for workload in Workload::ALL {
        for contender in CONTENDERS.iter().filter(|c| c.runs(workload)) {
            (contender.run)(workload, 1_000);
        }
    }
    println!("block_on bench: smoke run ok (pass --bench for the timed table)");
}

/// `--only EXECUTOR WORKLOAD N`: one case, nothing else; one line on stderr.
fn only(args: &[String]) -> Result<(), String> {
    let [executor, workload, n] = args else {
        return Err("--only takes EXECUTOR WORKLOAD N".into());
    };
    let contender = CONTENDERS
        .iter()
        .find(|c| c.arg == executor || c.name == executor)
        .ok_or_else(|| format!("unknown executor {executor:?}"))?;
    let workload =
        Workload::parse(workload).ok_or_else(|| format!("unknown workload {workload:?}"))?;
    let n: u64 = n.parse().map_err(|e| format!("bad N {n:?}: {e}"))?;
    if !contender.runs(workload) {
        return Err(format!(
            "{} does not run {}",
            contender.name,
            workload.label()
        ));
    }
    let time = (contender.run)(workload, n);
    eprintln!("{} {} x{n}: {time:?}", contender.name, workload.label());
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--only") {
        let rest = args
            .get(at + 1..(at + 4).min(args.len()))
            .unwrap_or_default();
        return match only(rest) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!(
                    "{message}\nusage: block_on --only \
                     lazy|lazy-watched|futures-executor|pollster|futures-lite|tokio A|B|C|D N"
                );
                ExitCode::from(2)
            }
        };
    }
    // Other flags and arguments (cargo's filters etc.) are ignored.
    if args.iter().any(|a| a == "--bench") {
        table();
    } else {
        smoke();
    }
    ExitCode::SUCCESS
}
