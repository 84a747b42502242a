//! Futures the attribute tests await: a timer woken from another thread, a
//! doubling, a failure.

#![allow(dead_code)] // each test file uses a part
#![allow(clippy::unused_async)] // stand-ins for real async work

use std::fmt;
use std::task::Poll;
use std::thread;
use std::time::Duration;

/// Pending once; a helper thread wakes it after `delay`.
pub async fn sleep(delay: Duration) {
    let mut started = false;
    std::future::poll_fn(|cx| {
        if started {
            return Poll::Ready(());
        }
        started = true;
        let waker = cx.waker().clone();
        thread::spawn(move || {
            thread::sleep(delay);
            waker.wake();
        });
        Poll::Pending
    })
    .await;
}

pub async fn double(x: u32) -> u32 {
    sleep(Duration::from_millis(1)).await;
    x * 2
}

#[derive(Debug)]
pub struct Oops;

impl fmt::Display for Oops {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("oops")
    }
}

impl std::error::Error for Oops {}

pub fn parse(text: &str) -> Result<u32, std::num::ParseIntError> {
    text.parse()
}

pub async fn fail(fail: bool) -> Result<(), Oops> {
    if fail {
        Err(Oops)
    } else {
        Ok(())
    }
}

/// Where the `.await` on the line of `source` (the file `file`) that ends
/// with `// at: <marker>` is, as the trace names it: `file:line:column`, the
/// column of its `.`.
pub fn site_in(source: &str, file: &str, marker: &str) -> String {
    let tag = format!("// at: {marker}");
    let (index, line) = source
        .lines()
        .enumerate()
        .find(|(_, line)| line.ends_with(&tag))
        .unwrap_or_else(|| panic!("no line ends with {tag}"));
    let column = line.find(".await").expect("the marked line awaits") + 1;
    format!("{file}:{}:{column}", index + 1)
}
