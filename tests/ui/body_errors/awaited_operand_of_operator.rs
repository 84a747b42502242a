// `-x.await` negates the awaited output, not the future: `.await` binds tighter.
#[lazy_main::main]
async fn main() {
    let n = -std::future::ready("7").await; //~ ERROR E0600 cannot apply unary operator `-`
    println!("{n}");
}
