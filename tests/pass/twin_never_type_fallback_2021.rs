// Twin of lints/never_type_fallback_2021: the type is named, in every edition.
fn make<T: Default>() -> Result<T, ()> {
    Ok(T::default())
}

#[lazy_main::main]
async fn helper() -> Result<(), ()> {
    std::future::ready(()).await;
    make::<()>()?;
    Ok(())
}

fn main() {
    assert_eq!(helper(), Ok(()));
}
