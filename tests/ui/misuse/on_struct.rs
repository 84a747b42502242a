// The attribute goes on an `async fn`, not on other items.
#[lazy_main::main]
struct Main;

fn main() {}
