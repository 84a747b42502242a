// A closure inside an async body is not async itself.
#[lazy_main::main]
async fn main() {
    let run = || std::future::ready(1).await; //~ ERROR E0728 only allowed inside `async`
    run();
}
