// Twin of body_errors/awaited_error_no_conversion: the error is converted by hand.
#[lazy_main::main]
async fn main() -> Result<(), String> {
    std::future::ready(Ok::<(), u8>(())).await.map_err(|code| format!("code {code}"))?;
    Ok(())
}
