// Twin of lazy_futures/dropped_future: `block_on` drives the future, so the body runs.
#![deny(unused_must_use)]

async fn compute() -> u32 {
    println!("computing!");
    42
}

fn main() {
    assert_eq!(lazy_main::block_on(compute()), 42);
}
