// Twin of body_errors/missing_ok_tail: the body ends in `Ok(())`, the `Result` its signature promises.
#[lazy_main::main]
async fn main() -> Result<(), std::num::ParseIntError> {
    let _n: u32 = "1".parse()?;
    Ok(())
}
