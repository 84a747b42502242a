// A syntax error in the body is reported once, by rustc, at the token.
#[lazy_main::main]
async fn main() {
    let x = ; //~ ERROR expected expression, found `;`
}
