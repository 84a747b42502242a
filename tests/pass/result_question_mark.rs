// `?` on several error types in an async main returning `Result`.
use std::error::Error;

async fn number(text: &str) -> Result<u32, std::num::ParseIntError> {
    text.parse()
}

#[lazy_main::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let n = number("41").await?;
    let m: u32 = "1".parse()?;
    std::fs::metadata(".")?;
    assert_eq!(n + m, 42);
    Ok(())
}
