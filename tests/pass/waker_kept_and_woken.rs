// A future that returns `Pending` keeps `cx.waker()` and wakes it when it can make progress: then it is polled again, and finishes.
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

struct Countdown {
    shared: Arc<Mutex<(u32, Option<Waker>, bool)>>,
}

impl Future for Countdown {
    type Output = &'static str;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        let mut shared = self.shared.lock().unwrap();
        if shared.0 == 0 {
            return Poll::Ready("lift-off");
        }
        shared.1 = Some(cx.waker().clone());
        if !std::mem::replace(&mut shared.2, true) {
            let counter = Arc::clone(&self.shared);
            thread::spawn(move || loop {
                thread::sleep(Duration::from_millis(5));
                let mut shared = counter.lock().unwrap();
                shared.0 -= 1;
                if shared.0 == 0 {
                    if let Some(waker) = shared.1.take() {
                        waker.wake();
                    }
                    return;
                }
            });
        }
        Poll::Pending
    }
}

#[lazy_main::main(timeout = "10s")]
async fn main() {
    let shared = Arc::new(Mutex::new((3, None, false)));
    println!("{}", Countdown { shared }.await);
}
