// Calling an async fn only builds a future; dropping it means the body never runs.
#![deny(unused_must_use)]

async fn compute() -> u32 {
    println!("computing!");
    42
}

fn main() {
    compute(); //~ ERROR unused_must_use unused implementer of `Future`
}
