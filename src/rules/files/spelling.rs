//! The known key a misspelt one most likely meant.

/// The known key meant by a misspelt one: within edit distance 3, or, for
/// the key names people mix up most (`aws_secret_key_id`), by the word that
/// gives them away.
pub(super) fn closest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    let squeezed: String = key.chars().filter(|c| !c.is_whitespace()).collect();
    let by_distance = known
        .iter()
        .map(|k| (edit_distance(&squeezed, k), *k))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, k)| k);
    by_distance.or_else(|| {
        let telling_words: [(&str, &str); 3] = [
            ("secret", "aws_secret_access_key"),
            ("token", "aws_session_token"),
            ("access", "aws_access_key_id"),
        ];
        telling_words
            .iter()
            .find(|(word, _)| squeezed.contains(word))
            .and_then(|(_, canonical)| known.iter().copied().find(|k| k == canonical))
    })
}

pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}
