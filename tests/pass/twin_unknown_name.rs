// Twin of body_errors/unknown_name: the name is declared before it is used.
#[lazy_main::main]
async fn main() {
    let defined_value = 42;
    println!("{}", defined_value);
}
