// The attribute goes on an `async fn`, not on other items.
#[lazy_main::main]
struct Main; //~ ERROR can only be used on an `async fn`

fn main() {}
