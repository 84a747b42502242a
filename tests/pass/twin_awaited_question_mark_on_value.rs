// Twin of body_errors/awaited_question_mark_on_value: the output is used as it is.
#[lazy_main::main]
async fn main() -> Result<(), String> {
    let n = std::future::ready(5u8).await;
    println!("{n}");
    Ok(())
}
