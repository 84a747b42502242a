// Twin of body_errors/never_type_fallback: the type is named, in every edition.
fn make<T: Default>() -> Result<T, ()> {
    Ok(T::default())
}

#[lazy_main::main]
async fn main() -> Result<(), ()> {
    std::future::ready(()).await;
    make::<()>()?;
    Ok(())
}
