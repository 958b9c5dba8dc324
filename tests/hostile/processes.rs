//! credential_process runs in its own process group; at the time limit the
//! whole group is killed, so a helper started by `sh -c` (and whatever the
//! helper started) does not outlive credwiz's report that it was killed.

use crate::harness::run_hostile_allowing;
use crate::sandbox::Sandbox;
use std::time::{Duration, Instant};

fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // A zombie has ended; only its parent has not collected it yet.
        Ok(stat) => !stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
        Err(_) => false,
    }
}

#[test]
fn a_hanging_helper_and_its_child_are_killed_at_the_limit() {
    let sandbox = Sandbox::new();
    let helper = sandbox.home_path().join("helper.sh");
    let pids = sandbox.home_path().join("pids");
    std::fs::write(
        &helper,
        format!("sleep 300 &\necho $$ $! > '{}'\nwait\n", pids.display()),
    )
    .expect("helper");
    let sandbox = sandbox.config(&format!(
        "[default]\ncredential_process = /bin/sh {}\n",
        helper.display()
    ));
    let started = Instant::now();
    // The pid file is the helper's own write, not credwiz's.
    let run = run_hostile_allowing(
        "credential_process that hangs with a child",
        &sandbox,
        &["check", "--process-timeout", "1"],
        Duration::from_secs(20),
        &[&pids],
    );
    assert!(started.elapsed() < Duration::from_secs(15));
    assert_eq!(run.code(), Some(1), "{}", run.all());
    assert!(
        run.stdout().contains("was killed after 1s"),
        "{}",
        run.stdout()
    );
    let text = std::fs::read_to_string(&pids).expect("the helper ran");
    let ids: Vec<u32> = text
        .split_whitespace()
        .map(|p| p.parse().expect("pid"))
        .collect();
    assert_eq!(ids.len(), 2, "{text}");
    let deadline = Instant::now() + Duration::from_secs(3);
    while ids.iter().any(|pid| alive(*pid)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    for pid in ids {
        assert!(!alive(pid), "process {pid} outlived the time limit");
    }
}
