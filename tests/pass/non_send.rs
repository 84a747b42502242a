// The future may hold `!Send` values across `.await`: it never leaves the thread.
use std::rc::Rc;

#[lazy_main::main]
async fn main() {
    let shared = Rc::new(5);
    std::future::ready(()).await;
    assert_eq!(*shared, 5);
}
