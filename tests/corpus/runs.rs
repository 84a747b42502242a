//! Running what compiled: each executable under a watchdog, its output
//! split by body and stripped of what may differ (the trace's report, the
//! variant's file name, the test harness's timing).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// A run that takes longer hangs.
const WATCHDOG: Duration = Duration::from_secs(60);

/// What a run printed, and how it ended.
pub struct Output {
    pub status: String,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `exe` with `args`; kills it, and says so, after [`WATCHDOG`].
pub fn run(exe: &Path, args: &[&str]) -> Result<Output, String> {
    let mut child = Command::new(exe)
        .args(args)
        .env("RUST_BACKTRACE", "0")
        .env_remove("RUST_LIB_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", exe.display()))?;
    let read = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut text = Vec::new();
            let _ = pipe.read_to_end(&mut text);
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = read(Box::new(child.stdout.take().expect("piped")));
    let stderr = read(Box::new(child.stderr.take().expect("piped")));
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > WATCHDOG => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{} {args:?} still ran after {WATCHDOG:?}; killed",
                    exe.display()
                ));
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("{}: {e}", exe.display())),
        }
    };
    Ok(Output {
        status: status.to_string(),
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// `text` without the trace's report lines, with the file's path (it names
/// the variant) replaced, and the harness's timing left out.
pub fn normalize(text: &str, file: &str) -> String {
    let mut normalized = String::new();
    for line in text.lines() {
        if line.starts_with("lazy_main:") {
            continue;
        }
        let mut line = without_thread_id(&line.replace(file, "<corpus>"));
        if let Some(start) = line.find("; finished in ") {
            line.truncate(start);
        }
        normalized.push_str(&line);
        normalized.push('\n');
    }
    normalized
}

/// `thread 'main' (12044) panicked at …` without the thread's id, which
/// differs from run to run.
fn without_thread_id(line: &str) -> String {
    let Some(rest) = line.strip_prefix("thread '") else {
        return line.to_owned();
    };
    let Some((name, after)) = rest.split_once("' (") else {
        return line.to_owned();
    };
    match after.split_once(") ") {
        Some((id, tail)) if id.chars().all(|c| c.is_ascii_digit()) => {
            format!("thread '{name}' {tail}")
        }
        _ => line.to_owned(),
    }
}

/// The output of a driver, by body: from its `==== name` marker to the next.
pub fn by_body(text: &str) -> BTreeMap<String, String> {
    let mut sections: BTreeMap<String, String> = BTreeMap::new();
    let mut current = String::from("(before the first body)");
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("==== ") {
            if !name.contains(' ') {
                name.clone_into(&mut current);
            }
        }
        let section = sections.entry(current.clone()).or_default();
        section.push_str(line);
        section.push('\n');
    }
    sections
}
