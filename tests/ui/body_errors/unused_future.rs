// A future that is never awaited does nothing; the lint says so.
#![deny(unused_must_use)]

async fn work() {}

#[lazy_main::main]
async fn main() {
    work(); //~ ERROR unused_must_use unused implementer of `Future`
}
