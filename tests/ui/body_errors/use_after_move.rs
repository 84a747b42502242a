// Ownership works as in any function body.
#[lazy_main::main]
async fn main() {
    let text = String::from("moved");
    drop(text);
    println!("{text}"); //~ ERROR E0382 borrow of moved value: `text`
}
