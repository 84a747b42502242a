// An `if let` scrutinee's temporaries live into the `else` block in 2021 and
// not in 2024; the attributed body follows its crate's edition, as the same
// plain `async fn` does.
use std::future::ready;
use std::sync::Mutex;

static VALUE: Mutex<Option<u8>> = Mutex::new(None);

/// Whether the lock was free inside the `else` block.
async fn plain() -> bool {
    if let Some(value) = *VALUE.lock().unwrap() {
        ready(value == 0).await
    } else {
        ready(VALUE.try_lock().is_ok()).await
    }
}

#[lazy_main::main]
async fn helper() -> bool {
    if let Some(value) = *VALUE.lock().unwrap() {
        ready(value == 0).await
    } else {
        ready(VALUE.try_lock().is_ok()).await
    }
}

#[lazy_main::main(trace)]
async fn traced() -> bool {
    if let Some(value) = *VALUE.lock().unwrap() {
        ready(value == 0).await
    } else {
        ready(VALUE.try_lock().is_ok()).await
    }
}

fn main() {
    let free = lazy_main::block_on(plain());
    assert_eq!(helper(), free);
    assert_eq!(lazy_main::trace::capture(traced).0, free);
    println!("lock free in else: {free}");
}
