// Twin of body_errors/syntax_error: the `let` has its expression.
#[lazy_main::main]
async fn main() {
    let x = 1;
    assert_eq!(x, 1);
}
