// edition: 2021
// before rustc: 1.100
// In 2021 rustc denies code that depends on `!` falling back to `()`, and points at the function, as for a plain async fn.
fn make<T: Default>() -> Result<T, ()> {
    Ok(T::default())
}

#[lazy_main::main]
async fn helper() -> Result<(), ()> { //~ ERROR dependency_on_unit_never_type_fallback depends on never type fallback
    std::future::ready(()).await;
    make()?;
    Ok(())
}

fn main() {
    let _ = helper();
}
