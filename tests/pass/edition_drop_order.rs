// The body drops its locals and its tail's temporaries in the order of the
// user's edition, as the same plain `async fn` does in this crate, in every
// shape: in 2024 a tail temporary is dropped before the block's locals, in
// 2021 after them.
use std::cell::RefCell;
use std::future::ready;

thread_local! {
    static DROPPED: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

struct Noisy(&'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        DROPPED.with(|dropped| dropped.borrow_mut().push(self.0));
    }
}

impl Noisy {
    fn value(&self) -> u8 {
        1
    }
}

fn dropped() -> Vec<&'static str> {
    DROPPED.with(|dropped| std::mem::take(&mut *dropped.borrow_mut()))
}

async fn plain() -> u8 {
    let _local = Noisy("local");
    ready(Noisy("tail").value()).await
}

#[lazy_main::main]
async fn helper() -> u8 {
    let _local = Noisy("local");
    ready(Noisy("tail").value()).await
}

#[lazy_main::main(trace)]
async fn traced() -> u8 {
    let _local = Noisy("local");
    ready(Noisy("tail").value()).await
}

#[lazy_main::main(block_on = lazy_main::block_on)]
async fn driven() -> u8 {
    let _local = Noisy("local");
    ready(Noisy("tail").value()).await
}

struct Shapes;

impl Shapes {
    #[lazy_main::main]
    async fn method(&self) -> u8 {
        let _local = Noisy("local");
        ready(Noisy("tail").value()).await
    }

    #[lazy_main::main]
    async fn new() -> Self {
        let _local = Noisy("local");
        Self::from(ready(Noisy("tail").value()).await)
    }

    fn from(_: u8) -> Self {
        Self
    }
}

struct Generic<T>(T);

impl<T: Copy> Generic<T> {
    #[lazy_main::main]
    async fn get(&self) -> T {
        let _local = Noisy("local");
        let _ = ready(Noisy("tail").value()).await;
        self.0
    }
}

mod program {
    use super::{ready, Noisy};

    // The program's `main` shape: a function named `main`.
    #[lazy_main::main]
    async fn main() -> u8 {
        let _local = Noisy("local");
        ready(Noisy("tail").value()).await
    }

    pub fn run() -> u8 {
        main()
    }
}

fn main() {
    lazy_main::block_on(plain());
    let expected = dropped();
    assert_eq!(expected.len(), 2);
    let shapes: [(&str, fn()); 7] = [
        ("helper", || assert_eq!(helper(), 1)),
        ("traced", || assert_eq!(lazy_main::trace::capture(traced).0, 1)),
        ("block_on", || assert_eq!(driven(), 1)),
        ("method", || assert_eq!(Shapes.method(), 1)),
        ("-> Self", || drop(Shapes::new())),
        ("main", || assert_eq!(program::run(), 1)),
        ("generic", || assert_eq!(Generic(1).get(), 1)),
    ];
    for (shape, run) in shapes {
        run();
        let order = dropped();
        if shape == "generic" {
            // `let _ = …;` ends the tail's temporaries at its `;`.
            assert_eq!(order, ["tail", "local"], "{shape}");
        } else {
            assert_eq!(order, expected, "{shape}");
        }
    }
    println!("{expected:?}");
}
