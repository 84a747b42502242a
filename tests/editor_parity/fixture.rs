//! The bodies that `tests/editor_parity.rs` asks rust-analyzer about, at
//! the same lines and columns in every variant: as written here, with each
//! attribute given `trace` or `timeout`, and as plain `async fn`s (each
//! attribute replaced by a comment as long as the longest attribute).

use std::future::ready;

fn double(x: u32) -> u32 {
    x * 2
}

async fn fetch(x: u32) -> u32 {
    ready(x).await
}

struct Counter {
    count: u32,
}

impl Counter {
    fn bump(&self, by: u32) -> u32 {
        self.count + by
    }
}

struct Wrapper<T> {
    inner: T,
}

#[lazy_main::main] async fn main() {
    let value = double(21);
    let fetched = fetch(value).await;
    let counter = Counter { count: fetched };
    let bumped = counter.bump(value);
    let add = |x: u32| x + bumped;
    let nested = async { fetch(add(1)).await };
    let total = nested.await + std::future::ready(value).await;
    println!("{total} {}", counter.count);
}

#[lazy_main::main] pub async fn answer() -> u32 {
    let base = double(21);
    fetch(base).await
}

#[lazy_main::main] pub async fn quiet() -> u32 {
    #![allow(unused_variables)]
    let unused = double(1);
    fetch(2).await
}

impl Counter {
    #[lazy_main::main] async fn current(&self) -> u32 {
        let by = fetch(self.count).await;
        self.bump(by)
    }

    #[lazy_main::main] async fn fresh() -> Self {
        let count = std::future::ready(double(1)).await;
        Self { count }
    }
}

impl<T: Clone + std::fmt::Debug> Wrapper<T> {
    #[lazy_main::main] async fn get(&self) -> T {
        let inner = self.inner.clone();
        let echoed = ready(inner).await;
        println!("{echoed:?}");
        echoed
    }
}

#[cfg(test)]
mod tests {
    use super::{double, fetch};

    #[lazy_main::test] async fn doubles() {
        let doubled = fetch(double(2)).await;
        assert_eq!(doubled, 4);
    }
}
