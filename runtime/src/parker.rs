//! The thread's parker: a wake-up signal and the waker that points at it,
//! built once per thread and reused by every `block_on` call on it.

use std::cell::RefCell;
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

    /// The thread's parker, fresh for this call: the idle one, reset, if no
    /// waker of an earlier call is alive; otherwise a new one, so a late wake
    /// through such a waker cannot cause a spurious poll here.
    #[inline]
    pub(crate) fn reuse_or_replace(idle: &mut Option<Self>) -> &Self {
        if idle.as_ref().is_some_and(|parker| !parker.is_unshared()) {
            *idle = None; // a waker of an earlier call still holds its signal
        }
        // The one construction site: the first call, or after the line above.
        let parker = idle.get_or_insert_with(Self::new);
        parker.signal.reset();
        parker
    }

    /// Only our own field and our own waker refer to the signal. A `Relaxed`
    /// load: `Signal::reset` adds the fence that makes it safe to reuse.
    #[inline]
    fn is_unshared(&self) -> bool {
        Arc::strong_count(&self.signal) == 2
    }
}

thread_local! {
    /// The thread's parker, borrowed by the outermost `block_on` call.
    pub(crate) static IDLE: RefCell<Option<Parker>> = const { RefCell::new(None) };
}
