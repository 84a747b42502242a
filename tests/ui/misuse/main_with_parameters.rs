// The attribute calls the function with no arguments, so it cannot take any.
#[lazy_main::main]
async fn main(count: u32) { //~ ERROR cannot take parameters
    println!("{count}");
}
