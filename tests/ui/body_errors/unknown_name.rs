// An unknown name in the body is reported at the name.
#[lazy_main::main]
async fn main() {
    println!("{}", undefined_value); //~ ERROR E0425 cannot find value `undefined_value`
}
