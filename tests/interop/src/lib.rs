//! lazy-main's attributes stacked with the test attributes people put next
//! to async tests, in the orders their documentation gives for
//! `#[tokio::test]` and in the other order where that works. The tests are
//! in `tests/stacking.rs`; this library only records which test ran.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Marks that the test `label` ran: `every_generated_test_runs_once`
/// counts these lines in the output of a run of the other tests.
pub fn ran(label: &str) {
    println!("{MARK}{label}");
}

/// What [`ran`] prints before the label.
pub const MARK: &str = "interop ran: ";

/// Doubles `n` after one pending poll, so that the body really waits.
pub async fn double(n: u32) -> u32 {
    YieldOnce(false).await;
    n * 2
}

struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            context.waker().wake_by_ref();
            Poll::Pending
        }
    }
}
