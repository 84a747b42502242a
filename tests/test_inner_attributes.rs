//! Inner attributes at the top of an attributed body mean what they mean at
//! the top of a plain `async fn`'s body: attributes of the function, in
//! every shape. Any warning fails the build: each lint level below is
//! needed, or the body's own code would warn.

#![deny(warnings)]

use std::future::ready;

/// The program's `main` shape (an inner `async fn`).
#[lazy_main::main]
async fn main_shape() -> u8 {
    #![allow(unused_variables)]
    #![warn(unused_mut)]
    #![deny(unreachable_code)]
    #![forbid(unused_must_use)]
    let unused = ready(1).await;
    2
}

#[lazy_main::main]
async fn helper() -> u8 {
    //! A helper, with each lint level and the other kinds; this inner doc
    //! comment is the function's documentation.
    #![expect(unused_variables)]
    #![cfg_attr(all(), allow(unused_mut))]
    let mut unused = ready(1).await;
    ready(2).await
}

/// With `trace`: the labels do not get in the way.
#[lazy_main::main(trace)]
async fn traced() -> u8 {
    #![expect(unused_variables, reason = "a lint the body does trip")]
    let unused = ready(1).await;
    ready(3).await
}

struct Counter(u8);

impl Counter {
    #[lazy_main::main]
    async fn get(&self) -> u8 {
        #![allow(unused_variables)]
        let unused = ready(()).await;
        self.0
    }

    #[lazy_main::main]
    async fn new() -> Self {
        #![expect(unused_mut)]
        let mut four = ready(4).await;
        Self(four)
    }
}

struct Wrapper<T>(T);

impl<T: Clone> Wrapper<T> {
    #[lazy_main::main]
    async fn cloned(&self) -> T {
        #![allow(unused_variables)]
        let unused = ready(()).await;
        self.0.clone()
    }
}

#[test]
fn every_shape_takes_inner_attributes() {
    assert_eq!(main_shape(), 2);
    assert_eq!(helper(), 2);
    assert_eq!(lazy_main::trace::capture(traced).0, 3);
    assert_eq!(Counter::new().get(), 4);
    assert_eq!(Wrapper(5).cloned(), 5);
}

/// A test: the inner attributes of the body, as for a plain test.
#[lazy_main::test]
async fn in_a_test() {
    #![allow(unused_variables)]
    #![deny(clippy::semicolon_if_nothing_returned)]
    let unused = ready(()).await;
    std::hint::black_box(());
}

/// The issue's own case, with `trace` too.
#[lazy_main::test(trace)]
async fn semi() {
    #![allow(clippy::unit_arg)]
    #![deny(clippy::semicolon_if_nothing_returned)]
    std::hint::black_box(());
}
