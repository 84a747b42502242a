// Twin of misuse/on_struct: the attribute goes on the `async fn`.
struct Main;

#[lazy_main::main]
async fn main() {
    let _ = Main;
}
