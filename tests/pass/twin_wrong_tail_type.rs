// Twin of body_errors/wrong_tail_type: the tail is the declared `Result`.
#[lazy_main::main]
async fn main() -> Result<(), String> {
    Ok(())
}
