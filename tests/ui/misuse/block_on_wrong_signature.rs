// The function must take the future and return its output.
fn run(count: u32) -> u32 {
    count
}

#[lazy_main::main(block_on = run)] //~ ERROR E0631 type mismatch in function arguments
async fn main() {}
