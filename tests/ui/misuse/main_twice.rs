// One attribute drives the body; a second one has nothing left to drive.
#[lazy_main::main]
#[lazy_main::main] //~ ERROR is applied twice
async fn main() {}
