// `?` converts errors with `From`; there is no conversion from `ParseIntError` to `String`.
#[lazy_main::main]
async fn main() -> Result<(), String> {
    let _n: u32 = "1".parse()?;
    Ok(())
}
