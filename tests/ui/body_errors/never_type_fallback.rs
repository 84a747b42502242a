// edition: 2024
// In 2024 an unconstrained type next to a diverging `?` falls back to `!`, in an attributed body as in a plain async fn.
fn make<T: Default>() -> Result<T, ()> {
    Ok(T::default())
}

#[lazy_main::main]
async fn main() -> Result<(), ()> {
    std::future::ready(()).await;
    make()?; //~ ERROR E0277 the trait bound `!: Default` is not satisfied
    Ok(())
}
