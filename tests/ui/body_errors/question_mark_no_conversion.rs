// `?` converts errors with `From`; there is no conversion from `ParseIntError` to `String`.
#[lazy_main::main]
async fn main() -> Result<(), String> {
    let _n: u32 = "1".parse()?; //~ ERROR E0277 couldn't convert the error to `String`
    Ok(())
}
