// Twin of body_errors/use_after_move: `drop` gets a clone, so `text` is still there to print.
#[lazy_main::main]
async fn main() {
    let text = String::from("moved");
    drop(text.clone());
    println!("{text}");
}
