// A fn declared inside an async body is an ordinary sync fn.
#[lazy_main::main]
async fn main() {
    fn helper() -> u8 {
        std::future::ready(1).await //~ ERROR E0728 only allowed inside `async`
    }
    helper();
}
