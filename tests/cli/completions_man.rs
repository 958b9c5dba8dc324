//! `credwiz completions SHELL` loads in each shell and `credwiz man`
//! renders without warnings. A shell or `man` that is missing is a failure
//! under CI=true (scripts/test installs them) and a visible skip elsewhere.

use crate::support::env::in_ci;
use std::path::Path;
use std::process::{Command, Output};

fn credwiz(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_credwiz"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("credwiz {args:?} did not start: {e}"));
    assert!(out.status.success(), "credwiz {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("not UTF-8: {e}"))
}

/// Whether `tool` is on PATH; under CI a missing tool fails the test.
fn have(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !found {
        assert!(
            !in_ci(),
            "{tool} is not installed (scripts/test installs it under CI)"
        );
        eprintln!("SKIPPED: {tool} is not installed");
    }
    found
}

fn write_script(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {path:?}: {e}"));
    path.display().to_string()
}

fn shell(program: &str, script: &str) -> Output {
    Command::new(program)
        .args(["-c", script])
        .env("HOME", std::env::temp_dir())
        .output()
        .unwrap_or_else(|e| panic!("{program} did not start: {e}"))
}

#[test]
fn bash_completion_registers_and_completes_subcommands() {
    if !have("bash") {
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = write_script(
        dir.path(),
        "credwiz.bash",
        &credwiz(&["completions", "bash"]),
    );
    // Registered, and asking it to complete `credwiz ch` offers `check`.
    let out = shell(
        "bash",
        &format!(
            "source {file} && complete -p credwiz && COMP_WORDS=(credwiz ch) COMP_CWORD=1 \
             && _credwiz credwiz ch credwiz && printf '%s\\n' \"${{COMPREPLY[@]}}\""
        ),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(
        stdout.lines().any(|l| l.starts_with("complete ")
            && l.contains("-F _credwiz")
            && l.ends_with(" credwiz")),
        "{stdout}"
    );
    assert!(stdout.lines().any(|l| l == "check"), "{stdout}");
}

#[test]
fn zsh_completion_loads() {
    if !have("zsh") {
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write_script(dir.path(), "_credwiz", &credwiz(&["completions", "zsh"]));
    let out = shell(
        "zsh",
        &format!(
            "fpath=({} $fpath); autoload -Uz compinit && compinit -u -d {}/zcompdump \
             && autoload -Uz _credwiz && print -r -- ${{_comps[credwiz]}}",
            dir.path().display(),
            dir.path().display()
        ),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(stdout.trim(), "_credwiz", "{out:?}");
}

#[test]
fn fish_completion_loads_and_completes_subcommands() {
    if !have("fish") {
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = write_script(
        dir.path(),
        "credwiz.fish",
        &credwiz(&["completions", "fish"]),
    );
    let out = shell("fish", &format!("source {file}; complete -C 'credwiz ch'"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout.lines().any(|l| l.starts_with("check")), "{stdout}");
}

#[test]
fn powershell_completion_is_generated() {
    // No PowerShell here: check the script registers the completer.
    let script = credwiz(&["completions", "powershell"]);
    assert!(script.contains("Register-ArgumentCompleter"), "{script}");
    assert!(script.contains("'credwiz'"), "{script}");
}

#[test]
fn man_page_renders_without_warnings() {
    if !have("man") {
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let page = write_script(dir.path(), "credwiz.1", &credwiz(&["man"]));
    let out = Command::new("man")
        .args(["--warnings", "-l", &page])
        .env("MANWIDTH", "80")
        .env("MAN_KEEP_FORMATTING", "0")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .unwrap_or_else(|e| panic!("man did not start: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{out:?}");
    assert!(stderr.trim().is_empty(), "man warned: {stderr}");
    assert!(stdout.contains("credwiz"), "{stdout}");
    for sub in ["check", "resolve", "completions"] {
        assert!(stdout.contains(sub), "no {sub} in the page: {stdout}");
    }
}
