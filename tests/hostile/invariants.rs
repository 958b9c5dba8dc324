//! The invariants every run of credwiz keeps, whatever its input: one
//! function per invariant, each returning the violations it sees. The
//! whole-program fuzzer (`fuzz.rs`) and its regressions use them; any
//! hostile test may.

use std::time::Duration;

/// What a finished (or killed) run left to judge.
pub struct Observed {
    pub status: Option<std::process::ExitStatus>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub took: Duration,
    /// Killed at the wall-time limit.
    pub timed_out: bool,
    pub home_changed: bool,
    /// Processes carrying the run's marker still alive after it ended,
    /// each with its process group (`group N`).
    pub survivors: Vec<String>,
    /// credwiz's own process group: a survivor in it was started by the
    /// SDK inside credwiz, one in another group by credwiz's own probe.
    pub group: u32,
    /// The report format: Markdown makes ```sh blocks commands.
    pub markdown: bool,
}

impl Observed {
    pub fn all_text(&self) -> String {
        format!(
            "{}\n{}",
            String::from_utf8_lossy(&self.stdout),
            String::from_utf8_lossy(&self.stderr)
        )
    }
}

/// An invariant broken, with what shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub invariant: &'static str,
    pub detail: String,
}

fn violation(invariant: &'static str, detail: impl Into<String>) -> Violation {
    Violation {
        invariant,
        detail: detail.into(),
    }
}

/// Exit code 0, 1, 2 or 3: never a signal, never a panic message.
pub fn exit_code(run: &Observed) -> Vec<Violation> {
    let mut found = Vec::new();
    if run.timed_out {
        return found;
    }
    match run.status.and_then(|s| s.code()) {
        Some(0..=3) => {}
        other => found.push(violation(
            "exit",
            format!("exit {other:?} (status {:?})", run.status),
        )),
    }
    let stderr = String::from_utf8_lossy(&run.stderr);
    if stderr.contains("panicked") {
        found.push(violation("exit", first_lines(&stderr, 3)));
    }
    found
}

/// The run ended by itself within its limit.
pub fn wall_time(run: &Observed) -> Vec<Violation> {
    if run.timed_out {
        vec![violation(
            "time",
            format!("still running after {:?}; killed", run.took),
        )]
    } else {
        Vec::new()
    }
}

/// No planted secret in any output, in any encoding.
pub fn no_secret(run: &Observed, secrets: &[&str]) -> Vec<Violation> {
    let text = run.all_text();
    let mut found = Vec::new();
    for secret in secrets {
        let forms = [
            secret.to_string(),
            crate::harness::url_encode(secret),
            crate::harness::json_escape(secret),
            crate::harness::base64(secret.as_bytes()),
            serde_json::to_string(secret)
                .unwrap_or_default()
                .trim_matches('"')
                .to_string(),
        ];
        for form in forms {
            if let Some(at) = text.find(&form) {
                found.push(violation(
                    "secret",
                    format!("{form:?} in: {}", line_at(&text, at)),
                ));
            }
        }
    }
    found
}

/// HOME byte for byte the same after the run.
pub fn home_unchanged(run: &Observed) -> Vec<Violation> {
    if run.home_changed {
        vec![violation("home", "HOME changed")]
    } else {
        Vec::new()
    }
}

/// No control character in any output but `\n` and `\t` (colour is off
/// under NO_COLOR): C0, DEL and C1 would let input drive the terminal.
pub fn no_control_bytes(run: &Observed) -> Vec<Violation> {
    let mut found = Vec::new();
    for (stream, bytes) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        if let Some((at, c)) = text
            .char_indices()
            .find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\t'))
        {
            found.push(violation(
                "control",
                format!("{stream}: {c:?} in: {:?}", line_at(&text, at)),
            ));
        }
    }
    found
}

/// No process the run started is still alive after it.
pub fn no_survivors(run: &Observed) -> Vec<Violation> {
    run.survivors
        .iter()
        .map(|s| violation("survivor", s.clone()))
        .collect()
}

/// No line of output was started by the input: values carrying a newline
/// and `FORGED` must not begin a line (of the text report, a Markdown
/// heading or a fenced block).
pub fn no_forged_line(run: &Observed) -> Vec<Violation> {
    let text = run.all_text();
    text.lines()
        .filter(|line| {
            line.trim_start_matches([' ', '\t', '#', '>', '-', '*', '`'])
                .starts_with("FORGED")
        })
        .take(1)
        .map(|line| violation("forged", format!("{line:?}")))
        .collect()
}

/// Every printed command parses as one inert command: no operator, command
/// substitution or redirection outside quotes that came from the input
/// (input fragments all carry `PWN`). credwiz's own placeholders such as
/// `<region>` are known exceptions, returned apart.
pub fn inert_commands(run: &Observed) -> (Vec<Violation>, Vec<String>) {
    let mut found = Vec::new();
    let mut known = Vec::new();
    let stdout = String::from_utf8_lossy(&run.stdout);
    for command in printed_commands(&stdout, run.markdown) {
        if shell_words::split(&command).is_err() {
            found.push(violation("command", format!("does not parse: {command}")));
            continue;
        }
        for word in live_words(&command) {
            if word.contains("PWN") {
                found.push(violation(
                    "command",
                    format!("{word:?} is live in: {command}"),
                ));
            } else {
                known.push(word);
            }
        }
    }
    known.sort();
    known.dedup();
    (found, known)
}

/// The command lines of a report: `fix:` and `$ ` lines, and the lines of
/// ```` ```sh ```` blocks in Markdown.
pub fn printed_commands(text: &str, markdown: bool) -> Vec<String> {
    let mut commands = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if markdown && trimmed.starts_with("```") {
            in_block = !in_block && trimmed == "```sh";
            continue;
        }
        if in_block {
            commands.push(trimmed.to_string());
            continue;
        }
        if let Some(rest) = trimmed
            .strip_prefix("fix: ")
            .or_else(|| trimmed.strip_prefix("$ "))
            .filter(|rest| is_command(rest))
        {
            commands.push(rest.to_string());
        }
        // Commands quoted in prose: `aws sso login --profile dev`.
        let mut parts = trimmed.split('`');
        parts.next();
        while let (Some(inside), Some(_)) = (parts.next(), parts.next()) {
            if is_command(inside) {
                commands.push(inside.to_string());
            }
        }
    }
    commands
}

/// A line that starts with a program's name rather than prose.
fn is_command(line: &str) -> bool {
    const PROGRAMS: &[&str] = &[
        "aws", "export", "unset", "chmod", "chown", "touch", "credwiz", "rm", "mv", "cp", "mkdir",
        "cat", "ln", "env", "sudo", "curl", "python3", "node", "iconv", "sed",
    ];
    line.split_whitespace()
        .next()
        .is_some_and(|first| PROGRAMS.contains(&first))
}

/// The raw words of `command` that hold a shell operator, command
/// substitution or redirection the shell would act on.
pub fn live_words(command: &str) -> Vec<String> {
    #[derive(PartialEq)]
    enum Quote {
        None,
        Single,
        Double,
    }
    let chars: Vec<char> = command.chars().collect();
    let mut quote = Quote::None;
    let mut live = Vec::new();
    let mut word_start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match quote {
            Quote::Single if c == '\'' => quote = Quote::None,
            Quote::Single => {}
            _ if c == '\\' => i += 1,
            Quote::Double if c == '"' => quote = Quote::None,
            Quote::None if c == '\'' => quote = Quote::Single,
            Quote::None if c == '"' => quote = Quote::Double,
            Quote::None if c.is_whitespace() => word_start = i + 1,
            Quote::None if c == '#' && word_start == i => break,
            _ => {
                let substitution = c == '`' || (c == '$' && chars.get(i + 1) == Some(&'('));
                let operator = quote == Quote::None && matches!(c, ';' | '|' | '&' | '<' | '>');
                if substitution || operator {
                    live.push(raw_word(&chars, word_start));
                }
            }
        }
        i += 1;
    }
    live.dedup();
    live
}

fn raw_word(chars: &[char], start: usize) -> String {
    chars[start..]
        .iter()
        .take_while(|c| !c.is_whitespace())
        .collect()
}

fn line_at(text: &str, at: usize) -> String {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[start..end];
    line.chars().take(240).collect()
}

fn first_lines(text: &str, n: usize) -> String {
    text.lines().take(n).collect::<Vec<_>>().join(" | ")
}

/// credwiz accepts what the SDK accepts: a helper's Expiration that
/// aws-config parses is never called "not an RFC 3339 time".
pub fn accepts_sdk_times(run: &Observed, sdk_accepts_the_time: bool) -> Vec<Violation> {
    let text = run.all_text();
    match text.find("is not an RFC 3339 time") {
        Some(at) if sdk_accepts_the_time => vec![violation("sdk_time", line_at(&text, at))],
        _ => Vec::new(),
    }
}

/// Every invariant; the known exceptions to the command rule apart.
pub fn check_all(run: &Observed, secrets: &[&str]) -> (Vec<Violation>, Vec<String>) {
    let mut found = Vec::new();
    found.extend(exit_code(run));
    found.extend(wall_time(run));
    found.extend(no_secret(run, secrets));
    found.extend(home_unchanged(run));
    found.extend(no_control_bytes(run));
    found.extend(no_survivors(run));
    found.extend(no_forged_line(run));
    let (commands, known) = inert_commands(run);
    found.extend(commands);
    (found, known)
}

#[test]
fn live_words_see_operators_outside_quotes_only() {
    assert!(live_words("aws configure --profile 'x;PWN $(id)'").is_empty());
    assert_eq!(live_words("aws configure --profile x;PWN"), ["x;PWN"]);
    assert_eq!(live_words("aws s3 ls \"$(PWN)\""), ["\"$(PWN)\""]);
    assert_eq!(
        live_words("aws configure set region <region>   # or: x;y"),
        ["<region>"]
    );
    assert!(live_words("aws sso login --profile it\\'s").is_empty());
}
