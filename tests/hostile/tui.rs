//! The wizard under hostile conditions, in tmux on a private socket: every
//! terminating signal restores the terminal (alternate screen off, cooked
//! mode back) and exits 0–3; SIGTSTP/SIGCONT suspend and resume; `q` works
//! while a FIFO sits where the config file should be; escape sequences in
//! untrusted text stay visible text; typing 100 kB costs linear time.

use crate::harness::{assert_no_secret_anywhere, hash_tree};
use crate::sandbox::{Sandbox, KEY_ID, PLANTED_SECRET};
use crate::support::tmux::{command_line, Tmux as Session};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The wizard in tmux, with the digest of the sandbox HOME taken before it
/// started.
struct Tmux {
    session: Session,
    home: (PathBuf, String),
}

impl std::ops::Deref for Tmux {
    type Target = Session;
    fn deref(&self) -> &Session {
        &self.session
    }
}

impl Tmux {
    /// credwiz in the sandbox's environment; None when tmux is missing (a
    /// failure under CI).
    fn start(name: &str, cwd: &Path, sandbox: &Sandbox) -> Option<Tmux> {
        let home = (
            sandbox.home_path().to_path_buf(),
            hash_tree(sandbox.home_path()),
        );
        let line = command_line(sandbox, &[]);
        let session = Session::start(&format!("hostile-{name}"), cwd, &line, 100, 30)?;
        Some(Tmux { session, home })
    }

    fn wait_for(&self, text: &str) {
        self.session.wait_for(&[text]);
    }

    /// credwiz ended with exit 0–3, not a signal, and the terminal is back:
    /// the alternate screen is off and the tty is in cooked mode.
    fn assert_exited_and_restored(&self, label: &str) {
        let (code, cooked, screen) = self.ended();
        assert!(
            matches!(code, Some(0..=3)),
            "{label}: exit {code:?}:\n{screen}"
        );
        assert!(
            cooked,
            "{label}: the terminal was left in raw mode:\n{screen}"
        );
        assert_eq!(
            self.query("#{alternate_on}"),
            "0",
            "{label}: alternate screen on"
        );
        assert_no_secret_anywhere(label, &screen);
        let (home, before) = &self.home;
        assert_eq!(before, &hash_tree(home), "{label}: HOME changed");
    }
}

fn signal(pid: u32, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success(), "kill -{name} {pid}");
}

fn process_state(pid: u32) -> char {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, r)| r.trim_start().chars().next())
        })
        .flatten()
        .unwrap_or('?')
}

fn keyed_sandbox() -> Sandbox {
    Sandbox::new().credentials(&format!(
        "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
    ))
}

#[test]
fn every_terminating_signal_restores_the_terminal() {
    for name in ["INT", "QUIT", "HUP", "TERM", "USR1", "USR2", "ALRM"] {
        let sandbox = keyed_sandbox();
        let workdir = tempfile::tempdir().expect("work dir");
        let Some(tmux) = Tmux::start(&name.to_lowercase(), workdir.path(), &sandbox) else {
            return;
        };
        tmux.wait_for("Paste the error message");
        let started = Instant::now();
        signal(tmux.credwiz_pid(), name);
        tmux.assert_exited_and_restored(&format!("SIG{name}"));
        assert!(started.elapsed() < Duration::from_secs(5), "SIG{name}");
    }
}

#[test]
fn sigtstp_suspends_and_sigcont_resumes() {
    let sandbox = keyed_sandbox();
    let workdir = tempfile::tempdir().expect("work dir");
    let Some(tmux) = Tmux::start("tstp", workdir.path(), &sandbox) else {
        return;
    };
    tmux.wait_for("Paste the error message");
    let pid = tmux.credwiz_pid();
    signal(pid, "TSTP");
    tmux.wait_until("a stopped process", Duration::from_secs(5), |_| {
        process_state(pid) == 'T'
    });
    assert_eq!(
        tmux.query("#{alternate_on}"),
        "0",
        "suspended with the alternate screen on"
    );
    signal(pid, "CONT");
    tmux.wait_until("the screen back", Duration::from_secs(5), |t| {
        t.query("#{alternate_on}") == "1" && t.screen().contains("Paste the error message")
    });
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored("after SIGCONT");
}

#[test]
fn q_quits_while_a_fifo_stands_for_the_config_file() {
    let sandbox = keyed_sandbox();
    let config = sandbox.home_path().join(".aws/config");
    let made = Command::new("mkfifo")
        .arg(&config)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let workdir = tempfile::tempdir().expect("work dir");
    let Some(tmux) = Tmux::start("fifo", workdir.path(), &sandbox) else {
        return;
    };
    tmux.wait_for("Paste the error message");
    let started = Instant::now();
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored("q with a FIFO config");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn escape_sequences_in_untrusted_text_stay_text() {
    let title = "\u{1b}]2;PWNED-TITLE\u{7}";
    let wipe = "\u{1b}[2J";
    let sandbox = keyed_sandbox().var("AWS_PROFILE", &format!("dev{title}{wipe}x"));
    let workdir = tempfile::tempdir().expect("work dir");
    let Some(tmux) = Tmux::start("osc", workdir.path(), &sandbox) else {
        return;
    };
    tmux.wait_for("Paste the error message");
    tmux.wait_for("]2;PWNED-TITLE");
    // Typed and pasted text too.
    tmux.keys(&["p"]);
    tmux.wait_for("Enter: triage");
    tmux.keys(&["-l", "err \u{1b}]2;PWNED-TYPED\u{7} end"]);
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        !tmux.query("#{pane_title}").contains("PWNED"),
        "untrusted text set the window title: {}",
        tmux.query("#{pane_title}")
    );
    tmux.keys(&["Escape"]);
    // Esc and q in one read would be Alt-q.
    std::thread::sleep(Duration::from_millis(300));
    tmux.wait_until("the paste box closed", Duration::from_secs(5), |t| {
        !t.screen().contains("Enter: triage")
    });
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored("escape sequences");
}

#[test]
fn typing_100_kb_into_the_paste_box_costs_linear_time() {
    let sandbox = keyed_sandbox();
    let workdir = tempfile::tempdir().expect("work dir");
    let Some(tmux) = Tmux::start("typing", workdir.path(), &sandbox) else {
        return;
    };
    tmux.wait_for("Paste the error message");
    tmux.keys(&["p"]);
    tmux.wait_for("Enter: triage");
    let pid = tmux.credwiz_pid();
    let chunk: String = "AccessDenied when calling GetObject; ".repeat(55);
    let started = Instant::now();
    let mut sent = 0;
    while sent < 100_000 {
        tmux.keys(&["-l", &chunk]);
        sent += chunk.len();
    }
    // Triage runs on the whole text only once every key has been handled.
    tmux.keys(&["Enter"]);
    tmux.wait_until("triage of the typed text", Duration::from_secs(60), |t| {
        t.screen().contains("matches your error")
    });
    let took = started.elapsed();
    let cpu = cpu_seconds(pid);
    assert!(
        took < Duration::from_secs(30),
        "typing 100 kB took {took:?}"
    );
    assert!(cpu < 10.0, "typing 100 kB cost {cpu} s of CPU");
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored("after typing 100 kB");
}

/// User plus system CPU time of a live process, in seconds.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, r)| r.split_whitespace().collect())
        .unwrap_or_default();
    // Fields after the name: state is [0]; utime and stime are [11] and [12].
    let ticks: f64 =
        fields[11].parse::<f64>().unwrap_or(0.0) + fields[12].parse::<f64>().unwrap_or(0.0);
    ticks / 100.0
}
