// Nothing could choose the type parameter: the attribute calls the function itself.
#[lazy_main::main]
async fn main<T: Default>() { //~ ERROR cannot be generic
    let _value = T::default();
}
