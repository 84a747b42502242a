// Twin of body_errors/await_inside_println: a future awaited inside `println!` prints its output.
#[lazy_main::main]
async fn main() {
    println!("{}", std::future::ready(7u8).await);
}
