// An unknown name in the body is reported at the name.
#[lazy_main::main]
async fn main() {
    println!("{}", undefined_value);
}
