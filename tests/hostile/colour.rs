//! On a colour terminal credwiz paints its own marks with SGR codes; text
//! from outside (profile and region names, a helper's stderr) shaped like an
//! escape sequence, SGR included, must reach the terminal as visible text.
//! credwiz runs under `script`, so its standard output is a terminal and it
//! chooses colour as it would for a person.

use crate::harness::{run_command, Run};
use crate::sandbox::Sandbox;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Escape sequences planted in untrusted text: a screen wipe, an OSC 52
/// clipboard write and a colour change.
pub(crate) const WIPE: &str = "\u{1b}[2J";
pub(crate) const CLIPBOARD: &str = "\u{1b}]52;c;dG91Y2ggUFdORUQ=\u{7}";
pub(crate) const RED: &str = "\u{1b}[31m";

/// The only escape sequences credwiz itself writes: bold, dim, reset and
/// three colours.
const OWN_SGR: [&str; 6] = ["0", "1", "2", "31", "32", "33"];

/// credwiz on a pseudo-terminal (through `script`), without NO_COLOR.
pub(crate) fn on_colour_terminal(label: &str, sandbox: &Sandbox, args: &[&str]) -> Option<Run> {
    if Command::new("script").arg("--version").output().is_err() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "script (util-linux) is required for the colour tests in CI"
        );
        eprintln!("skipping: script is not installed");
        return None;
    }
    let mut words = vec![env!("CARGO_BIN_EXE_credwiz").to_string()];
    words.extend(args.iter().map(|a| a.to_string()));
    let line = shell_words::join(&words);
    let mut command = Command::new("script");
    command
        .args(["-q", "-e", "-c", &line, "/dev/null"])
        .env_clear()
        .envs(
            sandbox
                .env()
                .into_iter()
                .filter(|(name, _)| name != "NO_COLOR"),
        )
        .env("TERM", "xterm-256color")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    Some(run_command(
        label,
        sandbox,
        command,
        Duration::from_secs(30),
    ))
}

/// Every ESC in the output opens one of credwiz's own SGR codes, and there
/// is at least one of them (the report was coloured).
pub(crate) fn assert_only_own_colour(label: &str, out: &str, header: &str) {
    // credwiz's own red is `ESC[31m` too: a planted one is followed by "RED"/"red".
    let planted_red = [format!("{RED}RED"), format!("{RED}red")];
    for planted in [WIPE, "\u{1b}]52", "\u{7}"]
        .into_iter()
        .chain(planted_red.iter().map(String::as_str))
    {
        assert!(
            !out.contains(planted),
            "{label}: a planted {planted:?} reached the terminal:\n{out:?}"
        );
    }
    let mut own = 0;
    for (at, _) in out.match_indices('\u{1b}') {
        let rest = &out[at + 1..];
        let code = rest
            .strip_prefix('[')
            .and_then(|r| r.split_once('m'))
            .map(|(code, _)| code);
        assert!(
            code.is_some_and(|c| OWN_SGR.contains(&c)),
            "{label}: an escape sequence credwiz does not write: {:?}",
            out[at..].chars().take(12).collect::<String>()
        );
        own += 1;
    }
    assert!(own > 0, "{label}: the report was not coloured:\n{out}");
    assert!(
        out.contains(&format!("\u{1b}[1m{header}\u{1b}[0m")),
        "{label}: credwiz's own colour is missing:\n{out:?}"
    );
}

/// The planted text itself is still shown, as inert placeholders.
fn assert_placeholders_shown(label: &str, out: &str) {
    assert!(
        out.contains("␛[2J") && out.contains("␛]52;c;"),
        "{label}: the planted text is not shown:\n{out}"
    );
}

#[test]
fn escape_sequences_in_a_profile_and_region_name_do_not_reach_a_colour_terminal() {
    let profile = format!("dev{WIPE}{CLIPBOARD}{RED}RED");
    let sandbox = Sandbox::new()
        .var("AWS_PROFILE", &profile)
        .var("AWS_REGION", &format!("eu{WIPE}{RED}red"));
    let Some(run) = on_colour_terminal("hostile profile on a tty", &sandbox, &["check", "-v"])
    else {
        return;
    };
    assert_only_own_colour("hostile profile on a tty", &run.stdout(), "credwiz check:");
    assert_placeholders_shown("hostile profile on a tty", &run.stdout());
}

#[test]
fn escape_sequences_in_helper_stderr_do_not_reach_a_colour_terminal() {
    let sandbox = Sandbox::new().config(
        "[profile dev]\ncredential_process = printf 'helper failed\\033[2J\\033]52;c;eA==\\007\\033[31mred\\n' >&2; exit 3\n",
    );
    let Some(run) = on_colour_terminal(
        "helper stderr on a tty",
        &sandbox,
        &["check", "--profile", "dev"],
    ) else {
        return;
    };
    let out = run.stdout();
    assert!(
        out.contains("helper failed"),
        "the helper's stderr is not shown:\n{out}"
    );
    assert_only_own_colour("helper stderr on a tty", &out, "credwiz check:");
    assert_placeholders_shown("helper stderr on a tty", &out);
}
