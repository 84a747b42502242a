//! Where a traced body waits. `#[lazy_main::main(trace)]` wraps each
//! `.await` it labels in [`at`], with the [`Site`] of the `.await`; when the
//! awaited future is pending, `at` records the site for the poll under way
//! on this thread. Nothing is recorded while futures are ready: a ready
//! `.await` reads one thread-local counter and no more.
//!
//! Each poll of a [`Traced`](super::Traced) future (or of another recorder)
//! opens a *frame*; what the body waits at when the poll ends is read from
//! it as *chains*, built from the nesting of the polls themselves: an `at`
//! whose inner poll returned `Pending` without any labelled `.await` pending
//! below it starts a chain (a leaf); an `at` whose inner poll left chains
//! behind adds itself to each of them, as their parent. So two futures
//! polled side by side give two chains, never one nested in the other, and
//! an `.await` inside a nested async block is its block's child.
//!
//! An `.await` that was pending and is polled again within the same frame
//! (under a nested `block_on`, or polled twice by a `poll_fn`), or dropped
//! there, takes its chain back. Frames are told apart by serial numbers
//! unique to the whole process, so a future moved to another thread
//! between polls never touches another frame's chains.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::{poll_fn, Future, IntoFuture};
use std::ops::Range;
use std::pin::pin;
use std::sync::atomic::{AtomicU64, Ordering};

/// An `.await` in the source, as `#[lazy_main::main(trace)]` labels it:
/// where the `.` of `.await` is, as `#[track_caller]` gives it.
///
/// ```
/// use lazy_main_runtime::trace::Site;
///
/// let site = Site { file: "src/main.rs", line: 12, column: 27, excerpt: "timer(…).await" };
/// assert_eq!(site.to_string(), "src/main.rs:12:27 (timer(…).await)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Site {
    /// The source file, as `file!()` names it.
    pub file: &'static str,
    /// The line of the `.` of `.await`.
    pub line: u32,
    /// The column of the `.` of `.await`, from 1.
    pub column: u32,
    /// The awaited expression, shortened: `timer(…).await`.
    pub excerpt: &'static str,
}

impl fmt::Display for Site {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self {
            file,
            line,
            column,
            excerpt,
        } = self;
        write!(f, "{file}:{line}:{column} ({excerpt})")
    }
}

/// Where a body waits: the labelled `.await`s it is suspended in, outermost
/// first (`[block.await, fetch(…).await]` for a `fetch(…).await` inside an
/// async block that is awaited).
pub type Chain = Vec<Site>;

/// Awaits `future`, converted with `into_future()` at once, as `.await`
/// does; while it is pending, the [`Traced`](super::Traced) future polled on
/// this thread sees `site` as where its body waits.
///
/// ```
/// use lazy_main_runtime::trace::{at, Site, Traced};
///
/// static SITE: Site = Site { file: "doc.rs", line: 1, column: 1, excerpt: "ready(…).await" };
/// let traced = Traced::new("sited", async { at(std::future::ready(2), SITE).await });
/// assert_eq!(lazy_main_runtime::block_on(traced), 2);
/// ```
#[inline]
pub fn at<F: IntoFuture>(future: F, site: Site) -> impl Future<Output = F::Output> {
    labelled(future.into_future(), site)
}

async fn labelled<F: Future>(future: F, site: Site) -> F::Output {
    let mut future = pin!(future);
    let mut leaf = Leaf(None);
    poll_fn(|cx| {
        if leaf.0.is_some() {
            leaf.retract();
        }
        let mark = RECORDED.with(Cell::get);
        let poll = future.as_mut().poll(cx);
        if poll.is_pending() {
            leaf.pending(site, mark);
        }
        poll
    })
    .await
}

/// The chain an `at` started, if it is the leaf of one: the frame's serial
/// and the chain's place in it.
struct Leaf(Option<(u64, usize)>);

impl Leaf {
    /// The inner poll returned `Pending`: start a chain, or be the parent of
    /// those recorded below since `mark`.
    #[cold]
    fn pending(&mut self, site: Site, mark: usize) {
        let _ = FRAMES.try_with(|frames| {
            let mut frames = frames.borrow_mut();
            let Some(frame) = frames.last_mut() else {
                return; // not polled by a recorder: nothing to say
            };
            let mut parent = false;
            for chain in frame.chains.get_mut(mark..).unwrap_or_default() {
                if chain.live {
                    chain.sites.push(site);
                    parent = true;
                }
            }
            if !parent {
                frame.chains.push(Recorded {
                    sites: vec![site],
                    live: true,
                });
                RECORDED.with(|recorded| recorded.set(frame.chains.len()));
                self.0 = Some((frame.serial, frame.chains.len() - 1));
            }
        });
    }

    /// Polled again or dropped: if that is within the frame that holds its
    /// chain, the chain no longer says where the body waits.
    #[cold]
    fn retract(&mut self) {
        if let Some((serial, index)) = self.0.take() {
            retract(serial, index..index + 1);
        }
    }
}

impl Drop for Leaf {
    #[inline]
    fn drop(&mut self) {
        if self.0.is_some() {
            self.retract();
        }
    }
}

/// Marks the chains at `range` of the open frame `serial`, if any, as no
/// longer pending.
fn retract(serial: u64, range: Range<usize>) {
    let _ = FRAMES.try_with(|frames| {
        let mut frames = frames.borrow_mut();
        if let Some(position) = position(&frames, serial) {
            for chain in frames[position].chains.get_mut(range).unwrap_or_default() {
                chain.live = false;
            }
        }
    });
}

/// Where the open frame `serial` is in `frames`, searched from the
/// innermost.
fn position(frames: &[Frame], serial: u64) -> Option<usize> {
    let mut index = frames.len();
    while index > 0 {
        index -= 1;
        if frames[index].serial == serial {
            return Some(index);
        }
    }
    None
}

/// A chain as recorded: innermost site first.
struct Recorded {
    sites: Vec<Site>,
    live: bool,
}

/// One recorder's poll under way on this thread.
struct Frame {
    serial: u64,
    /// `RECORDED` of the enclosing frame, given back when this one closes.
    enclosing: usize,
    chains: Vec<Recorded>,
}

thread_local! {
    /// Open frames, innermost last.
    static FRAMES: RefCell<Vec<Frame>> = const { RefCell::new(Vec::new()) };
    /// How many chains the innermost open frame holds: an `at` reads it
    /// before its inner poll, to know afterwards which chains are below it.
    static RECORDED: Cell<usize> = const { Cell::new(0) };
}

/// Frame serials, unique to the process: a future polled on several threads
/// meets frames of several threads.
static SERIALS: AtomicU64 = AtomicU64::new(0);

/// The chains a recorder passed on to the frame around it, so that it can
/// take them back if it is polled again within that frame.
#[derive(Debug, Default)]
pub(crate) struct Forwarded(Option<(u64, Range<usize>)>);

/// The frame of one poll of a recorder (a `Traced` future, a watched body);
/// closed when finished or dropped, also while a panic unwinds.
pub(crate) struct Recording(Option<u64>);

impl Recording {
    /// Opens a frame; first takes back what `forwarded` passed on to the
    /// frame around this one in an earlier poll, if that frame is still open.
    #[inline]
    pub(crate) fn start(forwarded: &mut Forwarded) -> Self {
        if let Some((serial, range)) = forwarded.0.take() {
            retract(serial, range);
        }
        let serial = SERIALS.fetch_add(1, Ordering::Relaxed) + 1;
        let opened = FRAMES.try_with(|frames| {
            frames.borrow_mut().push(Frame {
                serial,
                enclosing: RECORDED.with(Cell::get),
                chains: Vec::new(),
            });
            RECORDED.with(|recorded| recorded.set(0));
        });
        Self(opened.ok().map(|()| serial))
    }

    /// Closes the frame: the chains pending now, each outermost first. They
    /// are also passed on to the frame around this one, where the `.await`
    /// that polls this recorder adds itself as their parent.
    #[inline]
    pub(crate) fn finish(mut self, forwarded: &mut Forwarded) -> Vec<Chain> {
        let Some(chains) = self.close() else {
            return Vec::new();
        };
        // Loops, not iterator adapters: each adapter would be compiled into
        // this crate, for every user of it.
        let mut live: Vec<Chain> = Vec::new();
        for Recorded {
            mut sites,
            live: is_live,
        } in chains
        {
            if is_live {
                sites.reverse();
                live.push(sites);
            }
        }
        let chains = live;
        if !chains.is_empty() {
            let _ = FRAMES.try_with(|frames| {
                let mut frames = frames.borrow_mut();
                if let Some(frame) = frames.last_mut() {
                    let start = frame.chains.len();
                    for chain in &chains {
                        let mut sites = chain.clone();
                        sites.reverse();
                        frame.chains.push(Recorded { sites, live: true });
                    }
                    RECORDED.with(|recorded| recorded.set(frame.chains.len()));
                    forwarded.0 = Some((frame.serial, start..frame.chains.len()));
                }
            });
        }
        chains
    }

    fn close(&mut self) -> Option<Vec<Recorded>> {
        let serial = self.0.take()?;
        FRAMES
            .try_with(|frames| {
                let mut frames = frames.borrow_mut();
                let position = position(&frames, serial)?;
                // Frames close innermost first; one left open by a future
                // that leaked its poll is closed with this one.
                frames.truncate(position + 1);
                let frame = frames.pop()?;
                RECORDED.with(|recorded| recorded.set(frame.enclosing));
                Some(frame.chains)
            })
            .ok()
            .flatten()
    }
}

impl Drop for Recording {
    #[inline]
    fn drop(&mut self) {
        self.close();
    }
}
