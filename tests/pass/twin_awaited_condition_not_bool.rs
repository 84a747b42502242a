// Twin of body_errors/awaited_condition_not_bool: the condition compares the output.
#[lazy_main::main]
async fn main() {
    if std::future::ready(1).await == 1 {
        println!("yes");
    }
}
