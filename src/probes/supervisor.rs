//! Every process credwiz starts, or the SDK starts on its behalf, ends
//! before credwiz does. credwiz's own run of a `credential_process` has its
//! own process group and a time limit (`credential_process.rs`); the SDK's
//! run of the same helper cannot be told either, so this module takes the
//! mechanism one level up:
//!
//! - credwiz becomes a child subreaper, so a helper that double-forks or
//!   loses its parent is re-parented to credwiz instead of escaping to init;
//! - its standard input is `/dev/null` once nothing of credwiz reads it (the
//!   wizard reads keys from `/dev/tty`), so a helper that prompts gets
//!   end-of-file instead of the user's keystrokes;
//! - on the way out (normal exit, error, a signal) every descendant still
//!   alive is killed.
//!
//! All three are Unix (the tree walk reads Linux's `/proc`). Elsewhere
//! (Windows) they do nothing: helpers credwiz runs itself are still killed
//! on drop, but one the SDK starts is not tracked (that would take a Job
//! Object; see docs/install.md).

#[cfg(unix)]
use rustix::process::{getpid, kill_process, Pid, Signal};
#[cfg(unix)]
use std::collections::HashMap;

/// Makes credwiz the reaper of everything it starts. Called once, first.
pub fn adopt_descendants() {
    // Without it (an old kernel, a sandbox) orphans go to init as before.
    // Linux only (macOS has no subreaper; there, and without /proc,
    // end_descendants finds nothing, and helpers end with their group).
    #[cfg(target_os = "linux")]
    let _ = rustix::process::set_child_subreaper(Some(getpid()));
}

/// Points standard input at `/dev/null`, so no helper reads the terminal.
pub fn detach_stdin() {
    #[cfg(unix)]
    if let Ok(null) = std::fs::File::open("/dev/null") {
        // Failing leaves stdin as it was: nothing worse than before.
        let _ = rustix::stdio::dup2_stdin(&null);
    }
}

/// Kills every process descended from credwiz that is still alive and
/// returns how many there were. Bounded: a few passes over `/proc`.
#[cfg(unix)]
pub fn end_descendants() -> usize {
    let me = getpid().as_raw_nonzero().get();
    let mut ended = 0;
    // A helper may fork while it is being killed: look again a few times.
    for _ in 0..4 {
        let found = descendants_of(me);
        if found.is_empty() {
            break;
        }
        for pid in &found {
            if let Some(pid) = Pid::from_raw(*pid) {
                // Already gone is fine.
                let _ = kill_process(pid, Signal::KILL);
            }
        }
        ended += found.len();
    }
    ended
}

/// Without `/proc` and Unix signals there is no tree to walk here.
#[cfg(not(unix))]
pub fn end_descendants() -> usize {
    0
}

/// Live (non-zombie) descendants of `root`, read from `/proc/*/stat`.
#[cfg(unix)]
fn descendants_of(root: i32) -> Vec<i32> {
    let mut children: HashMap<i32, Vec<i32>> = HashMap::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<i32>().ok())
        else {
            continue;
        };
        if let Some((parent, state)) = parent_and_state(pid) {
            if state != 'Z' {
                children.entry(parent).or_default().push(pid);
            }
        }
    }
    let mut found = Vec::new();
    let mut queue = vec![root];
    while let Some(pid) = queue.pop() {
        for child in children.get(&pid).into_iter().flatten() {
            found.push(*child);
            queue.push(*child);
        }
    }
    found
}

/// The state letter of a process (`R`, `S`, `T` stopped, `Z` …), if it exists.
pub(crate) fn state_of(pid: i32) -> Option<char> {
    parent_and_state(pid).map(|(_, state)| state)
}

/// The parent pid and state letter from `/proc/PID/stat` (`pid (comm) S ppid …`;
/// the command name may itself hold spaces and parentheses).
fn parent_and_state(pid: i32) -> Option<(i32, char)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace();
    let state = fields.next()?.chars().next()?;
    let parent = fields.next()?.parse().ok()?;
    Some((parent, state))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_command_name_with_parentheses_and_spaces_is_read() {
        let me = getpid().as_raw_nonzero().get();
        let (parent, state) = parent_and_state(me).expect("own stat");
        assert!(parent > 0);
        assert!(matches!(state, 'R' | 'S' | 'D'));
    }

    #[test]
    fn a_sleeping_child_is_found_among_the_descendants() {
        // Ending them all here would end other tests' children too: the
        // binary's own tests (tests/hostile/processes.rs) do that part.
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .expect("sleep starts");
        let me = getpid().as_raw_nonzero().get();
        let pid = i32::try_from(child.id()).expect("pid");
        assert!(descendants_of(me).contains(&pid));
        child.kill().expect("killed");
        child.wait().expect("reaped");
        assert!(!descendants_of(me).contains(&pid));
    }
}
