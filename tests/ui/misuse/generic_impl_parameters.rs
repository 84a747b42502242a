// In a generic impl too, a parameter is one error: the body is still checked, where `T` is in scope.
pub struct Cell<T>(T);

impl<T: Default> Cell<T> {
    #[lazy_main::main]
    pub async fn with(value: T) -> T //~ ERROR cannot take parameters
    where
        T: Clone,
    {
        value.clone()
    }
}

fn main() {
    let _ = Cell::<u8>::with(1);
}
