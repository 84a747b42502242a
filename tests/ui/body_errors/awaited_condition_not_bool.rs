// An awaited output used as a condition must be a `bool`.
#[lazy_main::main]
async fn main() {
    if std::future::ready(1).await { //~ ERROR E0308 mismatched types
        println!("yes");
    }
}
