// Twin of misuse/declaration_without_body: the function has a body for the attribute to drive.
#[lazy_main::main]
async fn fetch() -> u8 {
    std::future::ready(1).await
}

fn main() {
    let _ = fetch();
}
