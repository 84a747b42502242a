// `?` applies to the awaited output; a `u8` is not a `Result`.
#[lazy_main::main]
async fn main() -> Result<(), String> {
    let n = std::future::ready(5u8).await?; //~ ERROR E0277 the `?` operator can only be applied to values that implement `Try`
    println!("{n}");
    Ok(())
}
