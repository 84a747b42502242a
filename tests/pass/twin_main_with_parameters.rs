// Twin of misuse/main_with_parameters: the value comes from inside the body.
#[lazy_main::main]
async fn main() {
    let count: u32 = 1;
    println!("{count}");
}
