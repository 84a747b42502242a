// The trace levels are "summary" and "verbose".
#[lazy_main::main(trace = "loud")] //~ ERROR unknown trace level
async fn main() {}
