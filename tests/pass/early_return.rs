// An early `return` leaves the async body.
#[lazy_main::main]
async fn main() -> Result<(), String> {
    if std::env::args().count() < 100 {
        return Ok(());
    }
    Err("unreachable in practice".to_owned())
}
