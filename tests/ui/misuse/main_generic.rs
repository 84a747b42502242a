// Nothing could choose the type parameter: the attribute calls the function itself.
#[lazy_main::main]
async fn main<T: Default>() {
    let _value = T::default();
}
