//! The thread's parkers: a wake-up signal and the waker that points at it,
//! built once per thread and reused by the `block_on` calls on it.
//!
//! A parker is reused only when no waker handed out by an earlier call is
//! alive: a late wake through such a waker would otherwise reach the new
//! call and poll its future for nothing. Two are kept, because the common
//! way to register a waker keeps one alive. A future that keeps the last
//! waker it was given and replaces it only when the new one does not
//! [`will_wake`](std::task::Waker::will_wake) the same task (as
//! `AtomicWaker`-style registrations and channels do) still holds the
//! previous call's waker when the next call starts. That call takes the
//! other parker; the future, given a waker that is not the one it keeps,
//! replaces it, which lets go of the first parker. Calls so alternate
//! between the two, and neither is ever rebuilt.

use std::cell::RefCell;
use std::mem;
use std::sync::Arc;
use std::task::Waker;

use crate::signal::Signal;

/// A signal and the waker that points at it, built once per thread and reused.
pub(crate) struct Parker {
    pub(crate) signal: Arc<Signal>,
    pub(crate) waker: Waker,
}

impl Parker {
    pub(crate) fn new() -> Self {
        let signal = Arc::new(Signal::new());
        let waker = Waker::from(Arc::clone(&signal));
        Self { signal, waker }
    }

    /// After a pending poll with no wake during it: whether nothing can wake
    /// this call's future any more (no wake recorded, no waker alive).
    #[inline]
    pub(crate) fn nothing_can_wake(&self) -> bool {
        self.signal
            .nothing_can_wake(Arc::strong_count(&self.signal))
    }

    /// Only our own field and our own waker refer to the signal. A `Relaxed`
    /// load: `Signal::reset` adds the fence that makes it safe to reuse.
    #[inline]
    fn is_unshared(&self) -> bool {
        Arc::strong_count(&self.signal) == 2
    }
}

/// A thread's two parkers: the one its last call used, and the other.
pub(crate) struct Parkers {
    current: Option<Parker>,
    spare: Option<Parker>,
}

impl Parkers {
    /// A parker fresh for this call: the current one, reset, if no waker of
    /// an earlier call holds it; otherwise the spare one, on the same terms;
    /// otherwise a new one.
    #[inline]
    pub(crate) fn reuse_or_replace(&mut self) -> &Parker {
        if !self.current.as_ref().is_some_and(Parker::is_unshared) {
            self.switch();
        }
        // The one construction site: the first call, or after `switch` found
        // both parkers held.
        let parker = self.current.get_or_insert_with(Parker::new);
        parker.signal.reset();
        parker
    }

    /// The current parker is missing or held by a waker: makes the spare one
    /// current, or none if a waker holds that one too.
    #[cold]
    #[inline(never)]
    fn switch(&mut self) {
        mem::swap(&mut self.current, &mut self.spare);
        if self
            .current
            .as_ref()
            .is_some_and(|parker| !parker.is_unshared())
        {
            // Both are held: give up the one used longer ago; the spare is
            // now the one the last call used, the likelier to be let go.
            self.current = None;
        }
    }
}

thread_local! {
    /// The thread's parkers, borrowed by the outermost `block_on` call.
    pub(crate) static IDLE: RefCell<Parkers> = const {
        RefCell::new(Parkers {
            current: None,
            spare: None,
        })
    };
}
