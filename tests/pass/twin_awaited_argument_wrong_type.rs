// Twin of body_errors/awaited_argument_wrong_type: the future's output is a `u32`.
fn shout(count: u32) {
    println!("{count}!");
}

#[lazy_main::main]
async fn main() {
    shout(std::future::ready(3).await);
}
