// The attribute drives a body; a declaration has none.
#[lazy_main::main]
async fn fetch() -> u8; //~ ERROR needs a body to drive

fn main() {
    let _ = fetch();
}
