//! Watch the poll model happen: [`Traced`] wraps a future and its waker,
//! counts polls and wakes, times the waits, and reports on stderr.
//!
//! An executor drives a future by polling it: each poll returns `Ready` or
//! `Pending`; after `Pending`, the executor waits until something calls the
//! waker, then polls again. `Traced` records each of those steps. It wraps
//! the future and its waker, not the executor, so it works under any
//! executor; `#[lazy_main::main(trace)]` uses it.
//!
//! # The report
//!
//! When the future completes, two lines go to stderr:
//!
//! ```text
//! lazy_main: `main` ready after 4 polls (3 pending) in 251.3 ms
//! lazy_main: woken 3 times (3 from other threads, 0 during poll); parked 250.9 ms, polling 0.4 ms
//! ```
//!
//! - *polls*: how often the executor called `poll`; *pending*: how many of
//!   those returned `Pending`.
//! - *woken*: calls to the waker. *During poll*: the future woke itself
//!   while being polled (it yields, asking to be polled again at once).
//!   *From other threads*: a helper thread, timer or channel woke it. A wake
//!   from the polling thread between polls is listed too, when there is one.
//! - *parked*: time between the end of one poll and the start of the next,
//!   when the executor was waiting for a wake; *polling*: time inside
//!   `poll`, when the future's own code ran; the total runs from the start of
//!   the first poll to the end of the last.
//!
//! If the future panics, the first line says `panicked in poll N`; if it is
//! dropped before completing, `dropped before ready`. With `verbose`, one
//! line per poll comes first: `lazy_main: `main` poll 2: pending in 0.1 ms,
//! after 100.2 ms parked`.
//!
//! # Where the body waits
//!
//! A future wrapped in [`at`] with a [`Site`] (what `#[lazy_main::main(trace)]`
//! does with each `.await` of the body) notes the site while it is pending.
//! Then each pending poll in the verbose lines names it, outermost first when
//! `.await`s are nested (`pending at src/main.rs:9:6 (async {…}.await) >
//! src/main.rs:8:22 (fetch(…).await) in 0.1 ms`), and the report ends with a
//! line for each site that was pending, with the time parked there:
//!
//! ```text
//! lazy_main:   waited at src/main.rs:8:22 (fetch(…).await): 3 times, parked 250.1 ms
//! ```
//!
//! [`Traced::suspensions`] gives the same, and [`capture`] collects the
//! report instead of printing it, for tests.
//!
//! ```
//! use lazy_main_runtime::{block_on, trace::Traced};
//!
//! let mut traced = Traced::new("example", async {
//!     std::future::ready(1).await
//! });
//! assert_eq!(block_on(&mut traced), 1); // prints the report
//! assert_eq!(traced.stats().polls, 1);
//! ```

// The non-generic functions here are `#[inline]`: then only a crate that
// traces compiles them, and a program without `trace` builds none of this.
mod awaits;
mod waits;

pub use awaits::{at, Chain, Site};
pub(crate) use awaits::{Forwarded, Recording};
pub use waits::{block_on_test, block_on_waits, parse_duration, Waits, TEST_TIMEOUT_VARIABLE};

use std::cell::RefCell;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

/// A future that records how it is polled and woken, and reports it.
///
/// ```
/// use lazy_main_runtime::trace::Traced;
///
/// let traced = Traced::new("sum", async { 1 + 2 });
/// assert_eq!(lazy_main_runtime::block_on(traced), 3); // and two lines on stderr
/// ```
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub struct Traced<F> {
    future: Pin<Box<F>>,
    label: &'static str,
    verbose: bool,
    wakes: Arc<WakeCounter>,
    waker: Option<Waker>,
    stats: Stats,
    first_poll: Option<Instant>,
    /// When the latest poll ended, if it was pending and nothing had woken
    /// the future during it: the wait for a wake starts there.
    waiting_since: Option<Instant>,
    /// `Some(n)` once poll `n` panicked; the report says so, and only then.
    panicked_in: Option<usize>,
    finished: bool,
    /// Where the body waited after its latest poll.
    waiting_at: Vec<Chain>,
    suspensions: Vec<Suspension>,
    forwarded: Forwarded,
}

/// One `.await` of a traced body that was pending: how often, and how long
/// the body then waited for a wake.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suspension {
    /// Where the `.await` is.
    pub site: Site,
    /// Polls of the body that ended with it pending.
    pub times: usize,
    /// Time parked after those polls (see [`Stats::parked`]).
    pub parked: Duration,
}

/// What a [`Traced`] future has seen so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Calls to `poll`.
    pub polls: usize,
    /// Polls that returned `Pending`.
    pub pending: usize,
    /// Wakes while the future was being polled, from the polling thread.
    pub wakes_during_poll: usize,
    /// Wakes from threads other than the one that polls.
    pub wakes_from_other_threads: usize,
    /// Wakes from the polling thread while the future was not being polled.
    pub wakes_between_polls: usize,
    /// Time spent waiting for a wake: from the end of each pending poll to
    /// the first wake after it (to the next poll, if that came first; to
    /// the drop, if neither did). Nothing for a poll during which the
    /// future was woken: it yielded and was polled again at once.
    pub parked: Duration,
    /// Time inside the future's own `poll`.
    pub polling: Duration,
    /// Time the trace itself took around the polls: its clocks, counts and
    /// report lines.
    pub tracing: Duration,
    /// From the start of the first poll to the end of the latest.
    pub total: Duration,
}

impl Stats {
    /// All wakes, whatever their source.
    ///
    /// ```
    /// let stats = lazy_main_runtime::trace::Stats {
    ///     wakes_during_poll: 1,
    ///     wakes_from_other_threads: 2,
    ///     ..Default::default()
    /// };
    /// assert_eq!(stats.wakes(), 3);
    /// ```
    #[must_use]
    #[inline]
    pub fn wakes(&self) -> usize {
        self.wakes_during_poll + self.wakes_from_other_threads + self.wakes_between_polls
    }
}

/// Wraps `future` so that it reports its polls and wakes on stderr.
///
/// `label` names it in the report; `verbose` adds one line per poll. The same
/// as [`Traced::new`], followed by [`Traced::verbose`] when `verbose` is set.
///
/// ```
/// let traced = lazy_main_runtime::trace::trace("answer", true, async { 42 });
/// assert_eq!(lazy_main_runtime::block_on(traced), 42);
/// // stderr: lazy_main: `answer` poll 1: ready in 0.0 ms
/// //         lazy_main: `answer` ready after 1 poll (0 pending) in 0.0 ms
/// //         lazy_main: woken 0 times (0 from other threads, 0 during poll); parked 0.0 ms, polling 0.0 ms, tracing 0.0 ms
/// ```
pub fn trace<F: IntoFuture>(
    label: &'static str,
    verbose: bool,
    future: F,
) -> Traced<F::IntoFuture> {
    let traced = Traced::new(label, future);
    if verbose {
        traced.verbose()
    } else {
        traced
    }
}

impl<F: Future> Traced<F> {
    /// Wraps `future`; `label` names it in the report.
    ///
    /// ```
    /// let traced = lazy_main_runtime::trace::Traced::new("ready", std::future::ready(1));
    /// assert_eq!(lazy_main_runtime::block_on(traced), 1);
    /// ```
    pub fn new(label: &'static str, future: impl IntoFuture<IntoFuture = F>) -> Self {
        Self {
            future: Box::pin(future.into_future()),
            label,
            verbose: false,
            wakes: Arc::default(),
            waker: None,
            stats: Stats::default(),
            first_poll: None,
            waiting_since: None,
            panicked_in: None,
            finished: false,
            waiting_at: Vec::new(),
            suspensions: Vec::new(),
            forwarded: Forwarded::default(),
        }
    }

    /// Adds one line per poll to the report.
    ///
    /// ```
    /// use lazy_main_runtime::trace::Traced;
    ///
    /// let traced = Traced::new("verbose", async {}).verbose();
    /// lazy_main_runtime::block_on(traced); // one more line: `poll 1: ready in …`
    /// ```
    pub fn verbose(mut self) -> Self {
        self.verbose = true;
        self
    }

    /// The waker handed to the inner future: ours, forwarding to `outer`.
    fn waker_for(&mut self, outer: &Waker) -> Waker {
        let mut forward_to = self
            .wakes
            .outer
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if !forward_to
            .as_ref()
            .is_some_and(|known| known.will_wake(outer))
        {
            *forward_to = Some(outer.clone());
        }
        drop(forward_to);
        self.waker
            .get_or_insert_with(|| Waker::from(Arc::clone(&self.wakes)))
            .clone()
    }
}

impl<F> Traced<F> {
    /// The counts and times so far.
    ///
    /// ```
    /// use std::pin::pin;
    /// use lazy_main_runtime::{block_on, trace::Traced};
    ///
    /// let mut traced = pin!(Traced::new("twice", async {
    ///     let mut first = true;
    ///     std::future::poll_fn(|cx| {
    ///         if std::mem::take(&mut first) {
    ///             cx.waker().wake_by_ref(); // yield once
    ///             return std::task::Poll::Pending;
    ///         }
    ///         std::task::Poll::Ready(())
    ///     })
    ///     .await
    /// }));
    /// block_on(traced.as_mut());
    /// let stats = traced.stats();
    /// assert_eq!((stats.polls, stats.pending, stats.wakes_during_poll), (2, 1, 1));
    /// ```
    #[must_use]
    pub fn stats(&self) -> Stats {
        let wakes = &self.wakes;
        Stats {
            wakes_during_poll: wakes.during_poll.load(Ordering::Relaxed),
            wakes_from_other_threads: wakes.other_threads.load(Ordering::Relaxed),
            wakes_between_polls: wakes.between_polls.load(Ordering::Relaxed),
            ..self.stats
        }
    }

    /// Each `.await` of the body that was pending after a poll, in the
    /// order they first were: how often, and how long the body then waited
    /// for a wake. Only `.await`s labelled by `#[lazy_main::main(trace)]`
    /// (or wrapped in [`at`]) are known.
    ///
    /// ```
    /// use lazy_main_runtime::trace::{at, Site, Traced};
    /// use std::pin::pin;
    ///
    /// static YIELD: Site = Site { file: "doc.rs", line: 7, column: 9, excerpt: "yield_once().await" };
    /// let mut traced = pin!(Traced::new("once", async {
    ///     let mut first = true;
    ///     let yield_once = std::future::poll_fn(move |cx| {
    ///         if std::mem::take(&mut first) {
    ///             cx.waker().wake_by_ref();
    ///             return std::task::Poll::Pending;
    ///         }
    ///         std::task::Poll::Ready(())
    ///     });
    ///     at(yield_once, YIELD).await
    /// }));
    /// lazy_main_runtime::block_on(traced.as_mut());
    /// let suspensions = traced.suspensions();
    /// assert_eq!((suspensions[0].site, suspensions[0].times), (YIELD, 1));
    /// ```
    #[must_use]
    pub fn suspensions(&self) -> &[Suspension] {
        &self.suspensions
    }

    /// Where the body waited when its latest poll returned `Pending`: one
    /// chain of labelled `.await`s for each place it is suspended in, each
    /// outermost first; empty when it is ready, or waits at no labelled
    /// `.await`.
    #[must_use]
    pub fn waiting_at(&self) -> &[Chain] {
        &self.waiting_at
    }

    fn suspension(&mut self, site: Site) -> &mut Suspension {
        let known = self.suspensions.iter().position(|s| s.site == site);
        let index = known.unwrap_or_else(|| {
            self.suspensions.push(Suspension {
                site,
                times: 0,
                parked: Duration::ZERO,
            });
            self.suspensions.len() - 1
        });
        &mut self.suspensions[index]
    }

    /// After a poll that returned `Pending` with no wake during it: whether
    /// no clone of our waker is left anywhere, so that nothing can wake the
    /// future. If so, our own clone of the executor's waker is dropped too,
    /// so that the executor sees the same (the bundled one then says so);
    /// the next poll takes a new one.
    fn nothing_can_wake(&self) -> bool {
        // Our `wakes` and our `waker` (a `Relaxed` count: the fence orders
        // the last other clone's `Release` drop, and the wake it recorded
        // before, ahead of the check of `woken` below).
        if Arc::strong_count(&self.wakes) != 2 {
            return false;
        }
        std::sync::atomic::fence(Ordering::Acquire);
        if self.wakes.state().woken {
            return false;
        }
        let outer = self
            .wakes
            .outer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        drop(outer);
        true
    }

    /// Ends the wait for a wake that began after the latest pending poll, at
    /// the first wake, or at `now` if none came.
    fn end_wait(&mut self, now: Instant) -> Duration {
        let Some(since) = self.waiting_since.take() else {
            return Duration::ZERO;
        };
        let woken_at = self.wakes.state().first_wake.take();
        let parked = woken_at.unwrap_or(now).saturating_duration_since(since);
        self.stats.parked += parked;
        for site in sites(&self.waiting_at) {
            self.suspension(site).parked += parked;
        }
        parked
    }

    fn report(&self, outcome: &str) {
        let line = Report {
            label: self.label,
            outcome,
            stats: self.stats(),
            suspensions: &self.suspensions,
        };
        emit(&line.to_string());
    }
}

/// Each site in `chains` once, in the order met.
fn sites(chains: &[Chain]) -> Vec<Site> {
    let mut sites: Vec<Site> = Vec::new();
    for &site in chains.iter().flatten() {
        if !sites.contains(&site) {
            sites.push(site);
        }
    }
    sites
}

impl<F: Future> Future for Traced<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        let entered = Instant::now();
        let waker = this.waker_for(cx.waker());
        let first = *this.first_poll.get_or_insert(entered);
        let parked_before = this.waiting_since.map(|_| this.end_wait(entered));
        this.stats.polls += 1;
        this.wakes.start_poll();
        let recording = Recording::start(&mut this.forwarded);
        // Dropped on return and while a panic unwinds: the poll's time
        // counts, the polling flag never sticks, and a panic is recorded
        // where it happens.
        let start = Instant::now();
        let mut end = start;
        let mut polling = PollGuard {
            wakes: &this.wakes,
            stats: &mut this.stats,
            panicked_in: &mut this.panicked_in,
            start,
            end: &mut end,
            first,
            returned: false,
        };
        let result = this.future.as_mut().poll(&mut Context::from_waker(&waker));
        polling.returned = true;
        drop(polling);
        drop(waker);
        let woken_during_poll = this.wakes.state().woken;
        let chains = recording.finish(&mut this.forwarded);
        let lost = result.is_pending() && !woken_during_poll && this.nothing_can_wake();

        if result.is_pending() {
            this.stats.pending += 1;
            for site in sites(&chains) {
                this.suspension(site).times += 1;
            }
            this.waiting_at = chains;
        } else {
            this.waiting_at.clear();
        }
        if this.verbose {
            let outcome = if result.is_ready() {
                "ready".to_owned()
            } else if this.waiting_at.is_empty() {
                "pending".to_owned()
            } else {
                format!("pending at {}", Chains(&this.waiting_at))
            };
            let parked = parked_before
                .map(|parked| format!(", after {} parked", Ms(parked)))
                .unwrap_or_default();
            emit(&format!(
                "lazy_main: `{}` poll {}: {outcome} in {}{parked}",
                this.label,
                this.stats.polls,
                Ms(end - start),
            ));
        }
        if lost {
            emit(&format!(
                "lazy_main: `{}` can never be woken: poll {} returned `Pending`{}, and no clone of \
                 its waker is alive, so nothing can wake it. A future that returns `Pending` must \
                 keep `cx.waker()` and wake it when it can make progress.",
                this.label,
                this.stats.polls,
                if this.waiting_at.is_empty() {
                    String::new()
                } else {
                    format!(" at {}", Chains(&this.waiting_at))
                },
            ));
        }
        let exit = this.close_times(first, entered, start, end);
        if result.is_ready() {
            this.finished = true;
            this.report(&format!(
                "ready after {} ({} pending)",
                Plural(this.stats.polls, "poll"),
                this.stats.pending
            ));
        } else if !woken_during_poll {
            // The executor waits for a wake from here on.
            this.waiting_since = Some(exit);
        }
        result
    }
}

impl<F> Traced<F> {
    /// Counts the trace's own time in this poll (all but the inner poll)
    /// and moves the total to now.
    #[inline]
    fn close_times(
        &mut self,
        first: Instant,
        entered: Instant,
        start: Instant,
        end: Instant,
    ) -> Instant {
        let exit = Instant::now();
        self.stats.tracing +=
            start.saturating_duration_since(entered) + exit.saturating_duration_since(end);
        self.stats.total = exit.saturating_duration_since(first);
        exit
    }
}

impl<F> Drop for Traced<F> {
    fn drop(&mut self) {
        if self.finished || self.stats.polls == 0 {
            return;
        }
        let now = Instant::now();
        self.end_wait(now);
        // The total runs to the drop, the last wait included; not after a
        // panic, whose total ends where the poll did.
        if let (None, Some(first)) = (self.panicked_in, self.first_poll) {
            self.stats.total = now.saturating_duration_since(first);
        }
        let outcome = match self.panicked_in {
            Some(poll) => format!("panicked in poll {poll} ({} pending)", self.stats.pending),
            None => format!(
                "dropped before ready after {}",
                Plural(self.stats.polls, "poll")
            ),
        };
        self.report(&outcome);
    }
}

impl<F> fmt::Debug for Traced<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Traced")
            .field("label", &self.label)
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
}

/// Chains, as the report prints them: `a > b and c`.
pub(crate) struct Chains<'a>(pub(crate) &'a [Chain]);

impl fmt::Display for Chains<'_> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, chain) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(" and ")?;
            }
            for (depth, site) in chain.iter().enumerate() {
                if depth > 0 {
                    f.write_str(" > ")?;
                }
                write!(f, "{site}")?;
            }
        }
        Ok(())
    }
}

/// Shared with every clone of our waker: counts wakes by where they come from.
#[derive(Default)]
struct WakeCounter {
    /// The executor's waker, from the latest poll: each wake is forwarded to it.
    outer: Mutex<Option<Waker>>,
    state: Mutex<WakeState>,
    during_poll: AtomicUsize,
    other_threads: AtomicUsize,
    between_polls: AtomicUsize,
}

/// What a wake needs to know to be counted and timed.
#[derive(Default)]
struct WakeState {
    /// The thread of the latest poll.
    poller: Option<ThreadId>,
    polling: bool,
    /// Woken since the latest poll started.
    woken: bool,
    /// The first wake after a poll that was not woken during it.
    first_wake: Option<Instant>,
}

impl WakeCounter {
    #[inline]
    fn state(&self) -> std::sync::MutexGuard<'_, WakeState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    #[inline]
    fn start_poll(&self) {
        let mut state = self.state();
        state.poller = Some(thread::current().id());
        state.polling = true;
        state.woken = false;
        state.first_wake = None;
    }
}

/// Ends a poll: clears the polling flag and counts the poll's time, also
/// when the future panics, which it then records.
struct PollGuard<'a> {
    wakes: &'a WakeCounter,
    stats: &'a mut Stats,
    panicked_in: &'a mut Option<usize>,
    start: Instant,
    end: &'a mut Instant,
    first: Instant,
    returned: bool,
}

impl Drop for PollGuard<'_> {
    #[inline]
    fn drop(&mut self) {
        let end = Instant::now();
        self.wakes.state().polling = false;
        self.stats.polling += end.saturating_duration_since(self.start);
        *self.end = end;
        if !self.returned {
            *self.panicked_in = Some(self.stats.polls);
            self.stats.total = end.saturating_duration_since(self.first);
        }
    }
}

impl Wake for WakeCounter {
    #[inline]
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    #[inline]
    fn wake_by_ref(self: &Arc<Self>) {
        let mut state = self.state();
        let counter = if state.poller != Some(thread::current().id()) {
            &self.other_threads
        } else if state.polling {
            &self.during_poll
        } else {
            &self.between_polls
        };
        if !state.polling && !state.woken {
            state.first_wake = Some(Instant::now());
        }
        state.woken = true;
        drop(state);
        counter.fetch_add(1, Ordering::Relaxed);
        let outer = self
            .outer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let Some(outer) = outer {
            outer.wake();
        }
    }
}

/// The report: two lines, and one for each `.await` the body waited at.
struct Report<'a> {
    label: &'a str,
    outcome: &'a str,
    stats: Stats,
    suspensions: &'a [Suspension],
}

impl fmt::Display for Report<'_> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self {
            label,
            outcome,
            stats,
            ..
        } = self;
        writeln!(f, "lazy_main: `{label}` {outcome} in {}", Ms(stats.total))?;
        write!(
            f,
            "lazy_main: woken {} ({} from other threads, {} during poll",
            Plural(stats.wakes(), "time"),
            stats.wakes_from_other_threads,
            stats.wakes_during_poll,
        )?;
        if stats.wakes_between_polls > 0 {
            write!(f, ", {} between polls", stats.wakes_between_polls)?;
        }
        write!(
            f,
            "); parked {}, polling {}, tracing {}",
            Ms(stats.parked),
            Ms(stats.polling),
            Ms(stats.tracing)
        )?;
        for suspension in self.suspensions {
            write!(
                f,
                "\nlazy_main:   waited at {}: {}, parked {}",
                suspension.site,
                Plural(suspension.times, "time"),
                Ms(suspension.parked)
            )?;
        }
        Ok(())
    }
}

thread_local! {
    /// Where reports go instead of stderr, inside [`capture`].
    static CAPTURED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Writes a report: to stderr, or to the text [`capture`] collects.
#[inline]
pub(crate) fn emit(text: &str) {
    let captured = CAPTURED
        .try_with(|captured| {
            captured.borrow_mut().as_mut().map(|buffer| {
                buffer.push_str(text);
                buffer.push('\n');
            })
        })
        .ok()
        .flatten();
    if captured.is_none() {
        eprintln!("{text}");
    }
}

/// Runs `run` and returns, next to its result, the text that [`Traced`]
/// futures polled on this thread would have written to stderr meanwhile.
/// For tests that check a trace.
///
/// ```
/// use lazy_main_runtime::trace::{capture, Traced};
///
/// let (three, report) = capture(|| lazy_main_runtime::block_on(Traced::new("sum", async { 1 + 2 })));
/// assert_eq!(three, 3);
/// assert!(report.starts_with("lazy_main: `sum` ready after 1 poll (0 pending)"));
/// ```
pub fn capture<T>(run: impl FnOnce() -> T) -> (T, String) {
    let outer = CAPTURED.with(|captured| captured.replace(Some(String::new())));
    let _restore = Restore(outer);
    let value = run();
    let text = CAPTURED.with(|captured| captured.borrow_mut().take());
    (value, text.unwrap_or_default())
}

/// Gives an enclosing [`capture`] its buffer back (or none), when `capture`
/// returns and while a panic of `run` unwinds.
struct Restore(Option<String>);

impl Drop for Restore {
    #[inline]
    fn drop(&mut self) {
        let outer = self.0.take();
        let _ = CAPTURED.try_with(|captured| captured.replace(outer));
    }
}

/// A duration in milliseconds with one decimal: `251.3 ms`.
pub(crate) struct Ms(pub(crate) Duration);

impl fmt::Display for Ms {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1} ms", self.0.as_secs_f64() * 1000.0)
    }
}

/// `1 poll`, `4 polls`.
struct Plural(usize, &'static str);

impl fmt::Display for Plural {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = if self.0 == 1 { "" } else { "s" };
        write!(f, "{} {}{s}", self.0, self.1)
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::{Ms, Plural, Report, Site, Stats, Suspension};
    use std::time::Duration;

    static FETCH: Site = Site {
        file: "src/main.rs",
        line: 8,
        column: 22,
        excerpt: "fetch(…).await",
    };

    #[test]
    fn report_format() {
        let stats = Stats {
            polls: 4,
            pending: 3,
            wakes_during_poll: 1,
            wakes_from_other_threads: 2,
            wakes_between_polls: 0,
            parked: Duration::from_micros(250_940),
            polling: Duration::from_micros(400),
            tracing: Duration::from_micros(60),
            total: Duration::from_micros(251_340),
        };
        let report = Report {
            label: "main",
            outcome: "ready after 4 polls (3 pending)",
            stats,
            suspensions: &[],
        };
        assert_eq!(
            report.to_string(),
            "lazy_main: `main` ready after 4 polls (3 pending) in 251.3 ms\n\
             lazy_main: woken 3 times (2 from other threads, 1 during poll); parked 250.9 ms, polling 0.4 ms, tracing 0.1 ms"
        );
        let between = Report {
            stats: Stats {
                wakes_between_polls: 1,
                ..Stats::default()
            },
            ..report
        };
        assert!(between.to_string().ends_with(
            "woken 1 time (0 from other threads, 0 during poll, 1 between polls); parked 0.0 ms, polling 0.0 ms, tracing 0.0 ms"
        ));
        let waited = Report {
            suspensions: &[Suspension {
                site: FETCH,
                times: 3,
                parked: Duration::from_micros(250_100),
            }],
            ..report
        };
        assert!(waited.to_string().ends_with(
            "tracing 0.1 ms\nlazy_main:   waited at src/main.rs:8:22 (fetch(…).await): 3 times, parked 250.1 ms"
        ));
        assert_eq!(Ms(Duration::from_micros(1_260)).to_string(), "1.3 ms");
        assert_eq!(Plural(1, "poll").to_string(), "1 poll");
    }
}
