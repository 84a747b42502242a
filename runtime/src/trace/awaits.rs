//! Where a traced body is suspended. `#[lazy_main::main(trace)]` wraps each
//! `.await` it finds in the body in [`at`], with the [`Site`] of the
//! `.await`; when the awaited future is pending, `at` notes its site for
//! the [`Traced`](super::Traced) future being polled on this thread. Nothing
//! is noted while futures are ready: the bookkeeping stays on the pending
//! path.
//!
//! Each poll of a `Traced` future opens a frame; the awaits pending when the
//! poll ends are read from it, innermost first (an `.await` inside an async
//! block notes itself before the `.await` of the block does), and reported
//! outermost first. An `.await` that was pending and became ready within the
//! same poll (in a nested `block_on`, say) takes its note back.

use std::cell::RefCell;
use std::fmt;
use std::future::{poll_fn, Future, IntoFuture};
use std::pin::pin;

/// An `.await` in the source, as `#[lazy_main::main(trace)]` labels it.
///
/// ```
/// use lazy_main_runtime::trace::Site;
///
/// let site = Site { file: "src/main.rs", line: 12, column: 27, excerpt: "timer(…).await" };
/// assert_eq!(site.to_string(), "src/main.rs:12:27 (timer(…).await)");
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct Site {
    /// The source file, as `file!()` names it.
    pub file: &'static str,
    /// The line of the `await` keyword.
    pub line: u32,
    /// The column of the `await` keyword.
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

/// Awaits `future`; while it is pending, the [`Traced`](super::Traced)
/// future polled on this thread sees `site` as where its body waits.
///
/// ```
/// use lazy_main_runtime::trace::{at, Site, Traced};
///
/// static SITE: Site = Site { file: "doc.rs", line: 1, column: 1, excerpt: "ready(…).await" };
/// let traced = Traced::new("sited", async { at(std::future::ready(2), &SITE).await });
/// assert_eq!(lazy_main_runtime::block_on(traced), 2);
/// ```
pub async fn at<F: IntoFuture>(future: F, site: &'static Site) -> F::Output {
    let mut future = pin!(future.into_future());
    let mut note = Note(None);
    poll_fn(|cx| {
        let poll = future.as_mut().poll(cx);
        if poll.is_pending() {
            note.pending(site);
        }
        poll
    })
    .await
}

/// The note of one pending `at`: its frame and its number there.
struct Note(Option<(u64, u64)>);

impl Note {
    #[inline]
    fn pending(&mut self, site: &'static Site) {
        self.forget();
        self.0 = FRAMES
            .try_with(|frames| {
                let mut frames = frames.borrow_mut();
                let number = frames.number();
                let frame = frames.stack.last_mut()?;
                frame.notes.push((number, site));
                Some((frame.serial, number))
            })
            .ok()
            .flatten();
    }

    // Cold: kept out of `drop`, which a ready `.await` runs, so that the
    // drop stays one inlined check.
    #[cold]
    #[inline]
    fn forget(&mut self) {
        if let Some((serial, number)) = self.0.take() {
            let _ = FRAMES.try_with(|frames| {
                let mut frames = frames.borrow_mut();
                if let Some(frame) = frames.stack.iter_mut().find(|f| f.serial == serial) {
                    frame.notes.retain(|(noted, _)| *noted != number);
                }
            });
        }
    }
}

/// Ready, or dropped before: no longer pending.
impl Drop for Note {
    #[inline]
    fn drop(&mut self) {
        if self.0.is_some() {
            self.forget();
        }
    }
}

struct Frames {
    /// The last frame serial or note number handed out.
    next: u64,
    /// One frame per `Traced` poll under way on this thread, innermost last.
    stack: Vec<Frame>,
}

impl Frames {
    /// A number not handed out before on this thread, for a frame or a note.
    #[inline]
    fn number(&mut self) -> u64 {
        self.next += 1;
        self.next
    }
}

struct Frame {
    serial: u64,
    notes: Vec<(u64, &'static Site)>,
}

thread_local! {
    static FRAMES: RefCell<Frames> = const {
        RefCell::new(Frames {
            next: 0,
            stack: Vec::new(),
        })
    };
}

/// The frame of one poll of a `Traced` future; closed when dropped, also
/// while a panic unwinds.
pub(crate) struct Recording(Option<u64>);

impl Recording {
    #[inline]
    pub(crate) fn start() -> Self {
        let serial = FRAMES.try_with(|frames| {
            let mut frames = frames.borrow_mut();
            let serial = frames.number();
            frames.stack.push(Frame {
                serial,
                notes: Vec::new(),
            });
            serial
        });
        Self(serial.ok())
    }

    /// The awaits pending now, outermost first.
    #[inline]
    pub(crate) fn finish(mut self) -> Vec<&'static Site> {
        let mut sites = self.close();
        sites.reverse();
        sites
    }

    #[inline]
    fn close(&mut self) -> Vec<&'static Site> {
        let Some(serial) = self.0.take() else {
            return Vec::new();
        };
        FRAMES
            .try_with(|frames| {
                let mut frames = frames.borrow_mut();
                let position = frames.stack.iter().rposition(|f| f.serial == serial)?;
                let frame = frames.stack.remove(position);
                Some(frame.notes.into_iter().map(|(_, site)| site).collect())
            })
            .ok()
            .flatten()
            .unwrap_or_default()
    }
}

impl Drop for Recording {
    #[inline]
    fn drop(&mut self) {
        self.close();
    }
}
