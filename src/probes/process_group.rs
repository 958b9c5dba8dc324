//! Process groups, where the platform has them: every program credwiz starts
//! leads a group of its own, so that it, and whatever it starts in turn, can
//! be ended at once and cannot signal credwiz's group. Windows has no
//! process groups: there the child itself is killed on drop.

/// Starts the command in a new process group (its id is the group's).
pub fn lead_own_group(command: &mut tokio::process::Command) {
    #[cfg(unix)]
    command.process_group(0);
    #[cfg(not(unix))]
    let _ = command;
}

/// SIGKILL to the group led by `leader` (already gone is fine).
#[cfg(unix)]
pub fn kill_group(leader: Option<u32>) {
    if let Some(pid) = leader
        .and_then(|p| i32::try_from(p).ok())
        .and_then(rustix::process::Pid::from_raw)
    {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
}

/// No process groups on Windows: the child itself is killed on drop.
#[cfg(not(unix))]
pub fn kill_group(_leader: Option<u32>) {}

/// The signal that ended a process, where the platform has signals.
pub fn ended_by_signal(status: &std::process::ExitStatus) -> Option<i32> {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        status.signal()
    }
    #[cfg(not(unix))]
    {
        let _ = status;
        None
    }
}
