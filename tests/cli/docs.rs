//! The README and docs/ stay true: every relative link points at a file that
//! exists, every `credwiz …` command in a code block is accepted by the real
//! argument parser, and every example marked
//! `<!-- example: HOME=tests/fixtures/… -->` prints exactly what the page shows
//! when run offline in that HOME.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pages() -> Vec<PathBuf> {
    let mut pages = vec![repo().join("README.md")];
    let docs = std::fs::read_dir(repo().join("docs")).unwrap_or_else(|e| panic!("docs/: {e}"));
    for entry in docs.flatten() {
        if entry.path().extension().is_some_and(|e| e == "md") {
            pages.push(entry.path());
        }
    }
    pages.sort();
    pages
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A code block, with the HTML comment just before it (the example marker).
struct Block {
    marker: Option<String>,
    text: String,
}

fn parse(text: &str) -> (Vec<String>, Vec<Block>) {
    let (mut links, mut blocks) = (Vec::new(), Vec::new());
    let (mut last_html, mut current): (Option<String>, Option<String>) = (None, None);
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Html(html) => last_html = Some(html.to_string()),
            // An inline `credwiz …` is a command too (the README's table).
            Event::Code(code) if code.starts_with("credwiz ") && current.is_none() => {
                blocks.push(Block {
                    marker: None,
                    text: code.to_string(),
                })
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(lang) => lang.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                current = ["", "sh", "console", "bash"]
                    .contains(&lang.as_str())
                    .then(String::new);
            }
            Event::Text(t) => {
                if let Some(block) = current.as_mut() {
                    block.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(text) = current.take() {
                    blocks.push(Block {
                        marker: last_html.take(),
                        text,
                    });
                }
            }
            Event::Start(Tag::Paragraph) => last_html = None,
            _ => {}
        }
    }
    (links, blocks)
}

#[test]
fn every_relative_link_points_at_a_file() {
    let mut broken = Vec::new();
    for page in pages() {
        let (links, _) = parse(&read(&page));
        for link in links {
            if link.contains("://") || link.starts_with('#') || link.starts_with("mailto:") {
                continue;
            }
            let file = link.split('#').next().unwrap_or_default();
            let dir = page.parent().unwrap_or_else(|| Path::new("."));
            if !dir.join(file).exists() {
                broken.push(format!("{}: {link}", page.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// `credwiz …` as written on a line of a shell block, up to a pipe,
/// redirection, `&&` or comment; `$ ` prompts dropped.
fn commands(block: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    // In a transcript (`$ ` prompts) only the prompt lines are commands.
    let transcript = block.lines().any(|l| l.starts_with("$ "));
    for line in block.lines() {
        if transcript && !line.starts_with("$ ") {
            continue;
        }
        let line = line.trim().trim_start_matches("$ ");
        for part in line.split("&&").map(str::trim) {
            let words = shell_words::split(part).unwrap_or_default();
            let mut args = Vec::new();
            for word in words.iter().skip_while(|w| *w != "credwiz") {
                if word.starts_with('#') || ["|", ">", ">>", "2>&1", "<"].contains(&word.as_str()) {
                    break;
                }
                args.push(word.clone());
            }
            if args.first().is_some_and(|w| w == "credwiz") {
                found.push(args[1..].to_vec());
            }
        }
    }
    found
}

#[test]
fn every_command_example_parses() {
    let mut rejected = Vec::new();
    let mut count = 0;
    for page in pages() {
        for block in parse(&read(&page)).1 {
            for args in commands(&block.text) {
                count += 1;
                // --help after the arguments (before `--`, past which the
                // words are the user's command): clap rejects an unknown
                // subcommand or option before it reaches the help flag.
                let mut probe = args.clone();
                let at = probe.iter().position(|w| w == "--").unwrap_or(probe.len());
                probe.insert(at, "--help".into());
                let out = Command::new(env!("CARGO_BIN_EXE_credwiz"))
                    .args(&probe)
                    .output()
                    .unwrap_or_else(|e| panic!("credwiz did not start: {e}"));
                if !out.status.success() {
                    let stderr = String::from_utf8_lossy(&out.stderr);
                    rejected.push(format!(
                        "{}: credwiz {}\n{stderr}",
                        page.display(),
                        args.join(" ")
                    ));
                }
            }
        }
    }
    assert!(
        count >= 30,
        "only {count} command examples found: is the parser reading the pages?"
    );
    assert!(
        rejected.is_empty(),
        "commands the parser rejects:\n{}",
        rejected.join("\n")
    );
}

#[test]
fn marked_examples_print_what_the_page_shows() {
    let mut checked = 0;
    for page in pages() {
        for block in parse(&read(&page)).1 {
            let Some(marker) = block.marker.as_deref() else {
                continue;
            };
            let Some(home) = marker
                .split("HOME=")
                .nth(1)
                .and_then(|r| r.split_whitespace().next())
            else {
                continue;
            };
            let (command, expected) = block.text.split_once('\n').unwrap_or((&block.text, ""));
            let args = commands(command).pop().unwrap_or_default();
            assert!(
                args.iter().any(|a| a == "--offline"),
                "{}: examples run offline: {command}",
                page.display()
            );
            let out = Command::new(env!("CARGO_BIN_EXE_credwiz"))
                .args(&args)
                .env_clear()
                .env("HOME", repo().join(home))
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .env("AWS_EC2_METADATA_DISABLED", "true")
                .env("NO_COLOR", "1")
                .current_dir(repo())
                .output()
                .unwrap_or_else(|e| panic!("credwiz did not start: {e}"));
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert_eq!(
                stdout.trim_end(),
                expected.trim_end(),
                "{}: `{command}` no longer prints what the page shows",
                page.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 1, "no marked example found");
}
