//! Which SDK the user's command uses, from what it runs: the program's name,
//! a script's shebang, or markers inside a native binary. Heuristics, and
//! said to be: `basis` names what decided, and a command nothing decides is
//! `unknown` with the reason.

use crate::inputs::program::Sdk;
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};

/// At most this much of a native binary is searched for Rust's markers.
const BINARY_SCAN_LIMIT: u64 = 256 * 1024 * 1024;

/// What credwiz concluded about the command's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Language {
    /// The lens that fits, or None ("others: say so").
    pub sdk: Option<Sdk>,
    /// What decided it, in a few words (`the program is python3`).
    pub basis: String,
    /// True when the command is the AWS CLI (its `--debug` log can be read).
    pub aws_cli: bool,
}

/// Detects the language of `argv` run with `path` (the `PATH` it gets).
pub fn detect(argv: &[String], path: Option<&str>) -> Language {
    let Some((program, rest)) = skip_wrappers(argv) else {
        return unknown("no command was given");
    };
    let name = base_name(program);
    if let Some(found) = by_name(&name, rest) {
        return found;
    }
    let Some(file) = locate(program, path) else {
        return unknown(&format!("{name} was not found on PATH"));
    };
    let mut head = [0u8; 256];
    let read = std::fs::File::open(&file)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = &head[..read];
    if let Some(interpreter) = shebang_interpreter(head) {
        return match by_name(&interpreter, &[]) {
            Some(mut found) => {
                found.basis = format!("{name} is a script run by {interpreter} (its #! line)");
                found
            }
            None => unknown(&format!(
                "{name} is a script run by {interpreter}, which has no lens"
            )),
        };
    }
    if head.starts_with(b"\x7fELF") || head.starts_with(&[0xcf, 0xfa, 0xed, 0xfe]) {
        return match rust_markers(&file) {
            Some(marker) => Language {
                sdk: Some(Sdk::Rust),
                basis: format!("{name} is a native program holding Rust's {marker}"),
                aws_cli: false,
            },
            None => unknown(&format!(
                "{name} is a native program without Rust's markers (Go, Java, C#? no lens)"
            )),
        };
    }
    unknown(&format!("nothing in {name} tells its language"))
}

fn unknown(reason: &str) -> Language {
    Language {
        sdk: None,
        basis: reason.to_string(),
        aws_cli: false,
    }
}

/// `env A=b prog …` and leading `A=b` words run `prog`.
fn skip_wrappers(argv: &[String]) -> Option<(&str, &[String])> {
    let mut rest = argv;
    loop {
        let (first, tail) = rest.split_first()?;
        let is_assignment = first.contains('=') && !first.starts_with('=') && !first.contains('/');
        if base_name(first) == "env"
            || is_assignment
            || first.starts_with('-') && rest.len() < argv.len()
        {
            rest = tail;
            continue;
        }
        return Some((first.as_str(), tail));
    }
}

fn base_name(program: &str) -> String {
    Path::new(program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The lens a program name decides, if any.
fn by_name(name: &str, rest: &[String]) -> Option<Language> {
    let found = |sdk: Sdk, aws_cli: bool| {
        Some(Language {
            sdk: Some(sdk),
            basis: format!("the program is {name}"),
            aws_cli,
        })
    };
    let version_free = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    match version_free {
        "python" | "pypy" | "ipython" | "uv" | "poetry" | "pipenv" => found(Sdk::Python, false),
        "aws" => found(Sdk::Python, true),
        "node" | "nodejs" | "npx" | "tsx" | "ts-node" | "bun" => found(Sdk::Node, false),
        "cargo" if rest.first().is_some_and(|a| a == "run") => found(Sdk::Rust, false),
        // A shell runs other programs: what it runs decides, and credwiz
        // does not read shell scripts.
        "sh" | "bash" | "dash" | "zsh" | "ksh" | "fish" => Some(Language {
            sdk: None,
            basis: format!("{name} is a shell; the language of what it runs is not known"),
            aws_cli: false,
        }),
        _ => None,
    }
}

/// `program` as `execvp` finds it.
fn locate(program: &str, path: Option<&str>) -> Option<PathBuf> {
    if program.contains('/') {
        let file = PathBuf::from(program);
        return file.is_file().then_some(file);
    }
    path.unwrap_or("/usr/bin:/bin")
        .split(':')
        .map(|dir| Path::new(if dir.is_empty() { "." } else { dir }).join(program))
        .find(|file| file.is_file())
}

/// The interpreter a `#!` line names (`/usr/bin/env -S node --x` → `node`).
fn shebang_interpreter(head: &[u8]) -> Option<String> {
    let line = head.strip_prefix(b"#!")?;
    let line = String::from_utf8_lossy(line.split(|b| *b == b'\n').next()?).into_owned();
    let mut words = line.split_whitespace();
    let first = base_name(words.next()?);
    if first != "env" {
        return Some(first);
    }
    words
        .find(|w| !w.starts_with('-') && !w.contains('='))
        .map(base_name)
}

/// A marker only Rust's standard library leaves in a program: the path of
/// its sources in panic locations (`/rustc/<commit>/library/…`, kept even
/// in stripped release builds), `RUST_BACKTRACE`, or the `rust_panic` symbol.
fn rust_markers(file: &Path) -> Option<&'static str> {
    const MARKERS: [(&str, &str); 3] = [
        ("/rustc/", "standard-library paths"),
        ("RUST_BACKTRACE", "RUST_BACKTRACE variable"),
        ("rust_panic", "rust_panic symbol"),
    ];
    let finder = aho_corasick::AhoCorasick::new(MARKERS.iter().map(|(m, _)| m)).ok()?;
    let reader = std::fs::File::open(file).ok()?.take(BINARY_SCAN_LIMIT);
    let found = finder
        .stream_find_iter(std::io::BufReader::new(reader))
        .next()?;
    let index = found.ok()?.pattern().as_usize();
    MARKERS.get(index).map(|(_, what)| *what)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn interpreters_decide_by_name() {
        let cases = [
            (&["python3", "app.py"][..], Some(Sdk::Python)),
            (&["/opt/venv/bin/python3.11", "app.py"], Some(Sdk::Python)),
            (&["env", "AWS_PROFILE=x", "node", "a.js"], Some(Sdk::Node)),
            (&["npx", "tsx", "a.ts"], Some(Sdk::Node)),
            (&["cargo", "run"], Some(Sdk::Rust)),
        ];
        for (words, sdk) in cases {
            assert_eq!(detect(&argv(words), None).sdk, sdk, "{words:?}");
        }
        let aws = detect(&argv(&["aws", "sts", "get-caller-identity"]), None);
        assert_eq!((aws.sdk, aws.aws_cli), (Some(Sdk::Python), true));
    }

    #[test]
    fn a_shebang_names_the_interpreter() {
        assert_eq!(
            shebang_interpreter(b"#!/usr/bin/env python3\nimport x"),
            Some("python3".into())
        );
        assert_eq!(
            shebang_interpreter(b"#!/usr/bin/env -S node --no-warnings\n"),
            Some("node".into())
        );
        assert_eq!(shebang_interpreter(b"#!/bin/sh\n"), Some("sh".into()));
        assert_eq!(shebang_interpreter(b"\x7fELF"), None);
    }

    #[test]
    fn a_shell_script_and_a_missing_program_are_unknown_with_a_reason() {
        let sh = detect(&argv(&["sh", "-c", "true"]), Some("/bin:/usr/bin"));
        assert_eq!(sh.sdk, None);
        assert!(!sh.basis.is_empty());
        let missing = detect(&argv(&["no-such-program-credwiz"]), Some("/nonexistent"));
        assert!(missing.basis.contains("not found"), "{}", missing.basis);
    }

    #[test]
    fn this_test_binary_is_a_rust_program() {
        let me = std::env::current_exe().expect("own path");
        assert!(rust_markers(&me).is_some());
    }
}
