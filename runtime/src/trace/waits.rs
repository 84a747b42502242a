//! When a body waits too long, or for a wake that can never come: what the
//! attributes do, on the bundled executor.
//!
//! [`Waits`] says what to do: for a test, fail at once when nothing can wake
//! the body, and at a deadline; for a traced function, print a line when it
//! has waited 1, 2, 4, 8, … seconds. [`block_on_waits`] drives a future with
//! it, and names the labelled `.await`s (see [`at`](super::at)) where the
//! body waits in each message.

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::io::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::OnceLock;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use super::{emit, Chain, Chains, Forwarded, Ms, Recording};
use crate::watch::{drive, Watch};

/// The environment variable that gives every `#[lazy_main::test]` without
/// its own `timeout` a deadline: `LAZY_MAIN_TEST_TIMEOUT=30s`.
pub const TEST_TIMEOUT_VARIABLE: &str = "LAZY_MAIN_TEST_TIMEOUT";

/// What [`block_on_waits`] does while its future waits.
///
/// ```
/// use lazy_main_runtime::trace::{block_on_waits, Waits};
/// use std::pin::pin;
/// use std::time::Duration;
///
/// let mut waits = Waits::test("answers").within(Some(Duration::from_secs(5)));
/// assert_eq!(block_on_waits(pin!(async { 42 }), &mut waits), 42);
/// ```
#[derive(Debug)]
pub struct Waits {
    label: &'static str,
    test: bool,
    stalls: bool,
    deadline: Option<Deadline>,
    started: Instant,
    /// When the current wait for a wake began, and the next stall line's
    /// time since then.
    waiting: Option<(Instant, Duration)>,
}

/// A deadline and where it came from, for the message.
#[derive(Clone, Copy, Debug)]
struct Deadline {
    after: Duration,
    from: Source,
}

#[derive(Clone, Copy, Debug)]
enum Source {
    Argument,
    Variable,
}

impl Waits {
    /// For `#[lazy_main::test]`: a wake that can never come fails the test
    /// at once; so does the deadline of [`TEST_TIMEOUT_VARIABLE`], if set
    /// (see [`within`](Waits::within) for the test's own). The variable is
    /// read only where it is needed: by a test without its own deadline,
    /// once its body waits. Empty, it is unset; a bad value ends the process
    /// with a message naming it (a panic would pass a `#[should_panic]` test
    /// whose body never ran).
    #[must_use]
    pub fn test(label: &'static str) -> Self {
        Self {
            label,
            test: true,
            stalls: false,
            deadline: None,
            started: Instant::now(),
            waiting: None,
        }
    }

    /// For any other function: a body that waits forever may mean to (a
    /// `main` that lets other threads work), so nothing fails it but a
    /// deadline, if given; with one, a wake that can never come fails it at
    /// once.
    #[must_use]
    pub fn function(label: &'static str) -> Self {
        Self {
            label,
            test: false,
            stalls: false,
            deadline: None,
            started: Instant::now(),
            waiting: None,
        }
    }

    /// The function's own deadline (`timeout = "5s"`), counted from now:
    /// when it passes while the body waits, panic, naming where it waits and
    /// for how long. `None` keeps what [`test`](Waits::test) took from the
    /// environment.
    #[must_use]
    pub fn within(mut self, timeout: Option<Duration>) -> Self {
        if let Some(after) = timeout {
            self.deadline = Some(Deadline {
                after,
                from: Source::Argument,
            });
        }
        self
    }

    /// With `trace`: a line on stderr when the body has waited 1 s for a
    /// wake, naming where, and again at 2, 4, 8, … s.
    #[must_use]
    pub fn traced(mut self) -> Self {
        self.stalls = true;
        self
    }

    /// The function's own deadline, or for a test without one, the
    /// variable's.
    fn deadline(&self) -> Option<Deadline> {
        self.deadline.or_else(|| {
            let after = variable_timeout().filter(|_| self.test)?;
            Some(Deadline {
                after,
                from: Source::Variable,
            })
        })
    }

    /// Where the body waits, for a message.
    fn at<'a>(&self, chains: &'a [Chain]) -> At<'a> {
        let timeout = matches!(
            self.deadline,
            Some(Deadline {
                from: Source::Argument,
                ..
            })
        );
        At {
            chains,
            labelled: self.stalls || timeout,
        }
    }

    fn deadline_at(&self) -> Option<Instant> {
        self.deadline()
            .and_then(|deadline| self.started.checked_add(deadline.after))
    }
}

/// Runs a pinned future to completion on the current thread, as
/// [`block_on_watched`](crate::block_on_watched) does, doing what `waits`
/// says while it waits; each message names the labelled `.await`s where the
/// body waits.
///
/// ```should_panic
/// use lazy_main_runtime::trace::{block_on_waits, Waits};
/// use std::pin::pin;
///
/// // `pending` keeps no waker: nothing can wake it, and the test fails.
/// block_on_waits(pin!(std::future::pending::<()>()), &mut Waits::test("stuck"));
/// ```
///
/// # Panics
///
/// When `waits` fails the call (a lost wake, a deadline), with its message,
/// at the caller of this function, which is `#[track_caller]`: the
/// "panicked at" line names the caller's code. A panic of the future's own
/// goes on as it is.
#[allow(clippy::must_use_candidate)] // as for `block_on`: a future may be run for its effects
#[track_caller]
pub fn block_on_waits<F: Future + ?Sized>(mut future: Pin<&mut F>, waits: &mut Waits) -> F::Output {
    let mut output = None;
    let failed = drive_waits(
        &mut |cx| match future.as_mut().poll(cx) {
            Poll::Ready(ready) => {
                output = Some(ready);
                true
            }
            Poll::Pending => false,
        },
        waits,
    );
    if let Err(Failed(message)) = failed {
        panic!("{message}");
    }
    match output {
        Some(output) => output,
        None => unreachable!("`drive_waits` returns once the future is ready"),
    }
}

/// [`block_on_waits`] with [`Waits::test`]: what `#[lazy_main::test]` runs a
/// test's body with. A function of its own, so that each test's code
/// passes its name on and nothing more.
///
/// # Panics
///
/// As [`block_on_waits`], but here: not `#[track_caller]`, which would cost
/// every test that calls it a location to build.
///
/// ```
/// use std::pin::pin;
///
/// assert_eq!(lazy_main_runtime::trace::block_on_test("adds", pin!(async { 1 + 1 })), 2);
/// ```
#[allow(clippy::must_use_candidate)] // as for `block_on`: a future may be run for its effects
pub fn block_on_test<F: Future + ?Sized>(
    label: &'static str,
    mut future: Pin<&mut F>,
) -> F::Output {
    let mut output = None;
    let failed = drive_test(label, &mut |cx| match future.as_mut().poll(cx) {
        Poll::Ready(ready) => {
            output = Some(ready);
            true
        }
        Poll::Pending => false,
    });
    if let Err(Failed(message)) = failed {
        panic!("{message}");
    }
    match output {
        Some(output) => output,
        None => unreachable!("`drive_test` returns once the future is ready"),
    }
}

/// `drive_waits` for a test: built here, not in each test.
#[cfg_attr(not(debug_assertions), inline)]
fn drive_test(
    label: &'static str,
    poll: &mut dyn FnMut(&mut Context<'_>) -> bool,
) -> Result<(), Failed> {
    drive_waits(poll, &mut Waits::test(label))
}

/// The part of `block_on_waits` that does not depend on the future: in a
/// debug build compiled once, here, and not again by every crate whose
/// tests use it (as `crate::drive`).
#[cfg_attr(not(debug_assertions), inline)]
fn drive_waits(
    poll: &mut dyn FnMut(&mut Context<'_>) -> bool,
    waits: &mut Waits,
) -> Result<(), Failed> {
    let latest = RefCell::new(Latest::default());
    let mut forwarded = Forwarded::default();
    let mut watch = Watching {
        waits,
        latest: &latest,
    };
    // A failure unwinds to here, and the caller panics with its message.
    let driven = panic::catch_unwind(AssertUnwindSafe(|| {
        drive(
            &mut |cx| {
                let recording = Recording::start(&mut forwarded);
                let ready = poll(cx);
                let chains = recording.finish(&mut forwarded);
                if !ready {
                    *latest.borrow_mut() = Latest {
                        waiting_at: chains,
                        polled: true,
                    };
                }
                ready
            },
            &mut watch,
        );
    }));
    driven.or_else(|payload| match payload.downcast::<Failed>() {
        Ok(failed) => Err(*failed),
        // The body's own panic, reported already: on its way.
        Err(payload) => panic::resume_unwind(payload),
    })
}

/// Why a watched call failed: the message its caller panics with.
struct Failed(String);

/// Ends the watched call with `message`. Unwound without a panic, so that
/// no "panicked at" line names this file; the caller of `block_on_waits`
/// panics with it. Where panics abort, a panic here is the only way to say it.
fn fail(message: String) -> ! {
    if cfg!(panic = "unwind") {
        panic::resume_unwind(Box::new(Failed(message)))
    }
    panic!("{message}")
}

/// The earlier of two instants, either of which may be missing.
fn earliest(a: Option<Instant>, b: Option<Instant>) -> Option<Instant> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// How often a waiting test checks again that a waker is left.
const RECHECK: Duration = Duration::from_millis(100);

/// `Waits`, with what the latest poll left.
struct Watching<'a> {
    waits: &'a mut Waits,
    latest: &'a RefCell<Latest>,
}

/// What the latest pending poll left.
#[derive(Default)]
struct Latest {
    /// Where the body waits.
    waiting_at: Vec<Chain>,
    /// Not yet seen by the watch: a new wait for a wake begins.
    polled: bool,
}

impl Watch for Watching<'_> {
    fn lost_wake(&mut self) {
        // A test, or a function with a deadline, would only wait for it to
        // pass: fail now, saying why. Any other function may mean to wait
        // forever (`std::future::pending()`).
        if self.waits.test || self.waits.deadline.is_some() {
            let latest = self.latest.borrow(); // bound: Rust 1.74 extends no temporary here
            let at = self.waits.at(&latest.waiting_at);
            let message = format!(
                "{}`{}` can never finish: its body is pending{at}, and nothing can wake it: \
                 the poll returned `Pending` and kept no waker. A future that returns \
                 `Pending` must keep `cx.waker()` and wake it when it can make progress.",
                if self.waits.test { "test " } else { "" },
                self.waits.label
            );
            drop(latest);
            fail(message);
        }
    }

    fn next_check(&mut self) -> Option<Instant> {
        let waits = &mut *self.waits;
        if std::mem::take(&mut self.latest.borrow_mut().polled) {
            waits.waiting = None; // a new wait: stall lines start again
        }
        let stall = if waits.stalls {
            let (since, next) = *waits
                .waiting
                .get_or_insert_with(|| (Instant::now(), Duration::from_secs(1)));
            Some(since + next)
        } else {
            None
        };
        // A test looks again now and then: the last waker may be dropped,
        // unwoken, after the check that followed the poll.
        let recheck = waits.test.then(|| Instant::now() + RECHECK);
        earliest(earliest(stall, waits.deadline_at()), recheck)
    }

    fn waiting(&mut self, parked: Duration) {
        let waits = &mut *self.waits;
        let latest = self.latest.borrow();
        let at = waits.at(&latest.waiting_at);
        if let Some(deadline) = waits.deadline() {
            if waits.started.elapsed() >= deadline.after {
                let kind = if waits.test { "test " } else { "" };
                let message = format!(
                    "{kind}`{}` timed out after {} ({}): its body was pending{at}, parked for {}. \
                     The deadline is checked while the body waits; a poll that computes is \
                     checked when it returns.",
                    waits.label,
                    Human(deadline.after),
                    deadline.from,
                    Ms(parked),
                );
                drop(latest);
                fail(message);
            }
        }
        if let Some((since, next)) = &mut waits.waiting {
            if since.elapsed() >= *next {
                emit(&format!(
                    "lazy_main: `{}` still pending after {}{at}",
                    waits.label,
                    Human(parked)
                ));
                *next *= 2;
            }
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Argument => f.write_str("its `timeout`"),
            Source::Variable => write!(f, "{TEST_TIMEOUT_VARIABLE}"),
        }
    }
}

/// ` at <chains>`, or how to learn where.
struct At<'a> {
    chains: &'a [Chain],
    /// Whether the body's `.await`s are labelled (`trace` or `timeout`).
    labelled: bool,
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.chains.is_empty() {
            write!(f, " at {}", Chains(self.chains))
        } else if self.labelled {
            f.write_str(
                " (at an `.await` that cannot be labelled: inside a macro other than std's \
                 formatting ones, or after a `match`, `if` or struct literal)",
            )
        } else {
            f.write_str(" (add `trace` or `timeout` to the attribute to see at which `.await`)")
        }
    }
}

/// `1.0 s`, `300 ms`.
struct Human(Duration);

impl fmt::Display for Human {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 >= Duration::from_secs(1) {
            write!(f, "{:.1} s", self.0.as_secs_f64())
        } else {
            write!(f, "{} ms", self.0.as_millis())
        }
    }
}

/// The deadline [`TEST_TIMEOUT_VARIABLE`] gives, read once per process;
/// empty is unset.
fn variable_timeout() -> Option<Duration> {
    static READ: OnceLock<Option<Duration>> = OnceLock::new();
    *READ.get_or_init(|| {
        let value = std::env::var(TEST_TIMEOUT_VARIABLE).ok()?;
        if trimmed(value.as_bytes()).is_empty() {
            return None;
        }
        if let Some(duration) = parse_duration(&value) {
            return Some(duration);
        }
        // Not a panic: one in a `#[should_panic]` test would pass it. Not
        // `eprintln!`, which the test harness captures, and would lose.
        let _ = writeln!(
            std::io::stderr(),
            "lazy_main: {TEST_TIMEOUT_VARIABLE}={value:?} is not a duration: write a whole \
             number followed by `ms`, `s` or `m`, as in `{TEST_TIMEOUT_VARIABLE}=30s`, or \
             leave it empty"
        );
        std::process::exit(101)
    })
}

/// `bytes` without ASCII whitespace at either end.
fn trimmed(mut bytes: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = bytes {
        if !first.is_ascii_whitespace() {
            break;
        }
        bytes = rest;
    }
    while let [rest @ .., last] = bytes {
        if !last.is_ascii_whitespace() {
            break;
        }
        bytes = rest;
    }
    bytes
}

/// `300ms`, `5s`, `2m`: a whole number and a unit, as `timeout = "…"` takes.
///
/// ```
/// use lazy_main_runtime::trace::parse_duration;
/// use std::time::Duration;
///
/// assert_eq!(parse_duration("300ms"), Some(Duration::from_millis(300)));
/// assert_eq!(parse_duration("2m"), Some(Duration::from_secs(120)));
/// assert_eq!(parse_duration(" 5s\n"), Some(Duration::from_secs(5)));
/// for bad in ["5", "s", "", "5 s", "1.5s", "-1s", "5h", "99999999999999999999ms"] {
///     assert_eq!(parse_duration(bad), None, "{bad:?}");
/// }
/// ```
#[must_use]
pub fn parse_duration(text: &str) -> Option<Duration> {
    // By hand, byte by byte: `trim`, `find` and `str::parse` would each be
    // compiled into this crate, for every user of it.
    let bytes = trimmed(text.as_bytes());
    let mut number: u64 = 0;
    let mut digits = 0;
    while let Some(&byte) = bytes.get(digits) {
        if !byte.is_ascii_digit() {
            break;
        }
        number = number
            .checked_mul(10)?
            .checked_add(u64::from(byte - b'0'))?;
        digits += 1;
    }
    if digits == 0 {
        return None;
    }
    match &bytes[digits..] {
        b"ms" => Some(Duration::from_millis(number)),
        b"s" => Some(Duration::from_secs(number)),
        b"m" => number.checked_mul(60).map(Duration::from_secs),
        _ => None,
    }
}
