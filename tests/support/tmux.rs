//! The real credwiz binary in tmux, on a private socket: start it from the
//! sandbox's `env -i` environment, send keys and bracketed pastes, read the
//! screen (checked for Debug dumps), wait with a bound, and see how it
//! ended. Killed on drop.

use super::sandbox::Sandbox;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A private tmux server with one session, `w`.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// `command` in a `width`×`height` session; None when tmux is missing
    /// (a failure under CI).
    pub fn start(name: &str, cwd: &Path, command: &str, width: u16, height: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "tmux is required for the wizard's tmux tests in CI"
            );
            eprintln!("skipping: tmux is not installed");
            return None;
        }
        let tmux = Tmux {
            socket: format!("credwiz-{}-{name}", std::process::id()),
        };
        let status = tmux
            .cmd()
            .args(["-f", "/dev/null", "new-session", "-d", "-s", "w"])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .arg("-c")
            .arg(cwd)
            .arg(command)
            .status()
            .expect("run tmux");
        assert!(status.success(), "tmux new-session failed");
        Some(tmux)
    }

    pub fn cmd(&self) -> Command {
        let mut command = Command::new("tmux");
        command.args(["-L", &self.socket]).stdin(Stdio::null());
        command
    }

    /// A tmux format (`#{alternate_on}`, `#{pane_title}`) for the pane.
    pub fn query(&self, format: &str) -> String {
        let out = self
            .cmd()
            .args(["display-message", "-p", "-t", "w", format])
            .output()
            .expect("display-message");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "w"])
            .output()
            .expect("capture-pane");
        super::screens::checked(
            "the wizard in tmux",
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    }

    pub fn keys(&self, keys: &[&str]) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", "w"])
            .args(keys)
            .status()
            .expect("send-keys");
        assert!(status.success());
    }

    /// A bracketed paste, as a terminal sends it when text is pasted.
    pub fn paste(&self, text: &str) {
        let ok = self
            .cmd()
            .args(["set-buffer", "--", text])
            .status()
            .expect("set-buffer")
            .success()
            && self
                .cmd()
                .args(["paste-buffer", "-p", "-t", "w"])
                .status()
                .expect("paste-buffer")
                .success();
        assert!(ok, "tmux paste failed");
    }

    /// Waits until `done`, failing with the screen after `limit`.
    pub fn wait_until(&self, what: &str, limit: Duration, done: impl Fn(&Tmux) -> bool) {
        let deadline = Instant::now() + limit;
        while !done(self) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the screen is:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits (at most 20 s) until every text is on screen; returns the screen.
    pub fn wait_for(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("{texts:?}"), Duration::from_secs(20), |t| {
            let screen = t.screen();
            texts.iter().all(|text| screen.contains(text))
        });
        self.screen()
    }

    /// credwiz's exit code and whether the terminal was back in cooked mode,
    /// from the lines [`command_line`] prints after it (waits at most 10 s).
    pub fn ended(&self) -> (Option<i32>, bool, String) {
        self.wait_until("the exit line", Duration::from_secs(10), |t| {
            let screen = t.screen();
            screen.contains("EXIT=") && screen.contains("icanon")
        });
        let screen = self.screen();
        let code = screen
            .lines()
            .find_map(|l| l.trim().strip_prefix("EXIT="))
            .and_then(|c| c.trim().parse::<i32>().ok());
        let cooked = screen.lines().any(|l| l.trim() == "icanon");
        (code, cooked, screen)
    }

    /// The pid of credwiz, the pane shell's child.
    pub fn credwiz_pid(&self) -> u32 {
        let shell = self.query("#{pane_pid}");
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .expect("the pane shell's children");
        children
            .split_whitespace()
            .next()
            .and_then(|p| p.parse().ok())
            .expect("credwiz runs under the pane shell")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

/// `value` as one single-quoted shell word.
pub fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

/// `env -i VAR=… credwiz ARGS; echo EXIT=$?; stty …; sleep 60`, with the
/// sandbox's loopback-only environment (asserted by `Sandbox::env`).
pub fn command_line(sandbox: &Sandbox, args: &[&str]) -> String {
    let mut line = String::from("env -i TERM=xterm-256color");
    for (name, value) in sandbox.env() {
        line.push_str(&format!(" {name}={}", quote(&value)));
    }
    line.push(' ');
    line.push_str(&quote(env!("CARGO_BIN_EXE_credwiz")));
    for arg in args {
        line.push(' ');
        line.push_str(&quote(arg));
    }
    // After credwiz: its exit code, and whether the terminal is back in
    // cooked mode (`icanon`, not raw mode's `-icanon`).
    line.push_str(
        "; echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon; sleep 60",
    );
    line
}
