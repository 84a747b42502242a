// After `?`, the body still has to end in a `Result`: the missing `Ok(())` is reported at the body.
#[lazy_main::main]
async fn main() -> Result<(), std::num::ParseIntError> { //~ ERROR E0308 mismatched types
    let _n: u32 = "1".parse()?;
}
