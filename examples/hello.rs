async fn greet() -> &'static str {
    println!("greet is running");
    "hello"
}

#[lazy_main::main]
async fn main() {
    let future = greet();
    println!("made a future, nothing ran yet");
    println!("{}", future.await);
}
