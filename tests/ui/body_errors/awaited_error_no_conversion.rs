// `x.await?` converts the awaited error with `From`; there is none from `u8` to `String`.
#[lazy_main::main]
async fn main() -> Result<(), String> {
    std::future::ready(Err::<(), u8>(1)).await?; //~ ERROR E0277 couldn't convert the error to `String`
    Ok(())
}
