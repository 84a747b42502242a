// Twin of body_errors/question_mark_no_conversion: `map_err` turns the error into the `String` the body returns.
#[lazy_main::main]
async fn main() -> Result<(), String> {
    let _n: u32 = "1".parse().map_err(|e: std::num::ParseIntError| e.to_string())?;
    Ok(())
}
