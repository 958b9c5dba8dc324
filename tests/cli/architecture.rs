//! The shape of `src/`, checked from its `use` lines and paths: data flows one
//! way (a module refers only to layers before its own), no two files depend
//! on each other in a cycle, and no file grows past 400 lines. ARCHITECTURE.md
//! explains the layers; this test keeps it true.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The layers in the order data flows; a module may refer to its own
/// top-level module and to any earlier layer, never to a later one. Modules
/// on one line are the same layer but may not refer to each other.
const LAYERS: &[&[&str]] = &[
    &["text"],
    &["findings"],
    &["inputs"],
    &["probes"],
    &["evidence"],
    &["lenses"],
    &["rules"],
    &["fixes"],
    &["diagnosis"],
    &["sweep"],
    &["checks"],
    &["playbook"],
    &["engine"],
    &["report"],
    &["cli"],
    &["commands", "tui"],
];

const MAX_FILE_LINES: usize = 400;

fn rank(top: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&top))
}

/// `src/a/b.rs` → `a::b`; `src/a/mod.rs` → `a`.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code a file ships: comments and the trailing test module removed.
fn shipped_code(text: &str) -> String {
    let code = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    };
    code.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Expands a path tail after `prefix::` into full paths, following braces:
/// `{a::b, c::{d, e}}` → `a::b`, `c::d`, `c::e`.
fn expand(prefix: &str, rest: &str, out: &mut Vec<String>) {
    let rest = rest.trim_start();
    if let Some(inner) = rest.strip_prefix('{') {
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    expand(prefix, &inner[start..i], out);
                    return;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(prefix, &inner[start..i], out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        return;
    }
    let ident: String = rest.chars().take_while(|c| is_ident(*c)).collect();
    if ident.is_empty() || ident == "self" {
        out.push(prefix.to_string());
        return;
    }
    let path = if prefix.is_empty() {
        ident.clone()
    } else {
        format!("{prefix}::{ident}")
    };
    match rest[ident.len()..].strip_prefix("::") {
        Some(tail) => expand(&path, tail, out),
        None => out.push(path),
    }
}

/// Every module path a file's code names through `crate::` or `super::`.
fn references(module: &str, code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        if at > 0 && code[..at].ends_with(|c: char| is_ident(c)) {
            continue;
        }
        expand("", &code[at + "crate::".len()..], &mut out);
    }
    // `super` of `a::b` is `a`, whether it lives in a/b.rs or a/b/mod.rs.
    let parent = module.rsplit_once("::").map(|(p, _)| p).unwrap_or("");
    for (at, _) in code.match_indices("super::") {
        if at > 0 && code[..at].ends_with(|c: char| is_ident(c) || c == ':') {
            continue;
        }
        expand(parent, &code[at + "super::".len()..], &mut out);
    }
    out
}

/// The longest known module that `path` starts with.
fn resolve<'a>(path: &str, modules: &'a BTreeSet<String>) -> Option<&'a String> {
    let mut candidate = path.to_string();
    loop {
        if let Some(found) = modules.get(&candidate) {
            return Some(found);
        }
        candidate = candidate.rsplit_once("::")?.0.to_string();
    }
}

struct Source {
    file: PathBuf,
    module: String,
    text: String,
}

fn sources() -> Vec<Source> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .filter(|f| !f.ends_with("main.rs") && !f.ends_with("lib.rs"))
        .map(|file| Source {
            module: module_of(&src, &file),
            text: fs::read_to_string(&file).unwrap_or_default(),
            file,
        })
        .collect()
}

/// File-to-file dependencies, without a folder's mod.rs naming its own content.
fn dependency_graph(sources: &[Source]) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = sources.iter().map(|s| s.module.clone()).collect();
    let mut graph = BTreeMap::new();
    for source in sources {
        let is_mod_file = source.file.ends_with("mod.rs");
        let code = shipped_code(&source.text);
        let targets: BTreeSet<String> = references(&source.module, &code)
            .iter()
            .filter_map(|path| resolve(path, &modules))
            .filter(|target| **target != source.module)
            .filter(|target| !(is_mod_file && target.starts_with(&format!("{}::", source.module))))
            .cloned()
            .collect();
        graph.insert(source.module.clone(), targets);
    }
    graph
}

#[test]
fn every_module_belongs_to_a_layer() {
    for source in sources() {
        let top = source.module.split("::").next().unwrap_or("");
        assert!(
            rank(top).is_some(),
            "{}: top-level module '{top}' is in no layer; add it to LAYERS here and to ARCHITECTURE.md",
            source.file.display()
        );
    }
}

#[test]
fn no_module_refers_to_a_later_layer() {
    let sources = sources();
    let mut wrong = Vec::new();
    for (module, targets) in dependency_graph(&sources) {
        let top = module.split("::").next().unwrap_or("");
        for target in targets {
            let target_top = target.split("::").next().unwrap_or("");
            if target_top == top {
                continue;
            }
            if let (Some(from), Some(to)) = (rank(top), rank(target_top)) {
                if to >= from {
                    wrong.push(format!("{module} → {target}"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the flow of data:\n{}",
        wrong.join("\n")
    );
}

/// Tarjan's strongly connected components; any with two or more files is a cycle.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(node: &'a str, state: &mut State<'a>) {
        let next = state.index.len();
        state.index.insert(node, next);
        state.low.insert(node, next);
        state.stack.push(node);
        state.on_stack.insert(node);
        for target in state.graph.get(node).into_iter().flatten() {
            let target = target.as_str();
            if !state.index.contains_key(target) {
                visit(target, state);
                let low = state.low[node].min(state.low[target]);
                state.low.insert(node, low);
            } else if state.on_stack.contains(target) {
                let low = state.low[node].min(state.index[target]);
                state.low.insert(node, low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut component = Vec::new();
            while let Some(member) = state.stack.pop() {
                state.on_stack.remove(member);
                component.push(member.to_string());
                if member == node {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                state.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node.as_str()) {
            visit(node, &mut state);
        }
    }
    state.found
}

#[test]
fn no_two_files_depend_on_each_other() {
    let found = cycles(&dependency_graph(&sources()));
    assert!(
        found.is_empty(),
        "files in a dependency cycle:\n{}",
        found
            .iter()
            .map(|c| c.join(" ↔ "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn no_source_file_is_over_400_lines() {
    let long: Vec<String> = sources()
        .iter()
        .map(|s| (s.file.display().to_string(), s.text.lines().count()))
        .filter(|(_, lines)| *lines > MAX_FILE_LINES)
        .map(|(file, lines)| format!("{file}: {lines} lines"))
        .collect();
    assert!(long.is_empty(), "split these files:\n{}", long.join("\n"));
}

#[test]
fn the_checker_sees_what_it_should() {
    let mut out = Vec::new();
    expand("", "probes::{chain::{Slot, SlotStatus}, sts}, x", &mut out);
    assert_eq!(
        out,
        [
            "probes::chain::Slot",
            "probes::chain::SlotStatus",
            "probes::sts"
        ]
    );
    let refs = references(
        "checks::outcomes::chain",
        "use super::{has_any, Outcome};\nuse crate::diagnosis::Diagnosis;",
    );
    assert!(refs.contains(&"checks::outcomes::has_any".to_string()));
    assert!(refs.contains(&"diagnosis::Diagnosis".to_string()));
    let mut graph = BTreeMap::new();
    graph.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    graph.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(cycles(&graph), vec![vec!["a".to_string(), "b".to_string()]]);
}
