//! No Rust `Debug` output reaches a person: every credwiz run of the hostile
//! suite is checked for the shapes a Debug dump leaves.

/// No Rust `Debug` output in what a person reads: `Some(`, or a type name
/// opening a struct (`Request { body: …`).
pub fn assert_no_debug_dump(label: &str, text: &str) {
    assert!(
        !text.contains("Some("),
        "{label}: a Debug dump in the output:\n{text}"
    );
    for (at, _) in text.match_indices(" { ") {
        let word: String = text[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = text[at + 3..].chars().take(40).collect();
        let field = after.split_once(':').is_some_and(|(name, _)| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        assert!(
            !(word.starts_with(|c: char| c.is_ascii_uppercase()) && field),
            "{label}: a Debug dump ({word} {{ …) in the output:\n{text}"
        );
    }
}
