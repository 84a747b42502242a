// An `=` with nothing after it: the error is at the `=`, the last token
// written, not on the whole attribute.
#[lazy_main::test(timeout =)] //~ ERROR `timeout` needs a value after `=`
async fn answers() {}

fn main() {}
