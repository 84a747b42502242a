// An awaited output passed to a function must have the parameter's type.
fn shout(count: u32) {
    println!("{count}!");
}

#[lazy_main::main]
async fn main() {
    shout(std::future::ready("three").await); //~ ERROR E0308 mismatched types
}
