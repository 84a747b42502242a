// `.await` gives the future's output: its type must fit where it is used, as any value's.
#[lazy_main::main]
async fn main() {
    let text: String = std::future::ready(1u8).await; //~ ERROR E0308 mismatched types
    println!("{text}");
}
