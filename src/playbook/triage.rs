//! Triage: which playbook a pasted error opens, and why.
//!
//! The error's words decide first: a playbook whose `matches` occur in the
//! text, else one whose `generic_matches` do (library order within each).
//! When no playbook knows the text, the diagnosis decides: the playbook with
//! an end that explains its first error finding, else [`DEFAULT_PLAYBOOK`],
//! which starts by asking where credentials come from. The wizard and
//! `credwiz run` both call [`choose`] (or its two halves), so one paste
//! walks the same playbook in both.

use crate::diagnosis::Diagnosis;
use crate::findings::{Finding, Severity};
use crate::playbook::load::Library;
use crate::playbook::model::{matched_words, Playbook};
use serde::Serialize;

/// The playbook a walk starts with when neither the text nor an error
/// finding decides: it looks at every source of credentials from the start.
pub const DEFAULT_PLAYBOOK: &str = "no-credentials";

/// What chose the playbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Words of the error matched the playbook's `matches`.
    ErrorText,
    /// Only words many families share matched (`generic_matches`).
    GenericWords,
    /// No playbook knew the text: the end that explains the diagnosis's
    /// first error finding.
    Diagnosis,
    /// Neither the text nor an error finding decided.
    Default,
}

/// Triage's verdict: the playbook, what decided it, and why in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Triage {
    /// The playbook id.
    pub playbook: String,
    pub title: String,
    pub basis: Basis,
    /// The words of the error that decided (empty when the diagnosis did).
    pub words: Vec<String>,
    /// Other playbooks the text matches, best first.
    pub also: Vec<String>,
    /// The finding id the fallback followed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
    /// Why, in words for people (titles, never ids).
    pub reason: String,
}

/// A playbook the text matches, with the words that matched.
pub struct TextMatch<'a> {
    pub playbook: &'a Playbook,
    pub words: Vec<&'a str>,
    /// Only `generic_matches` occurred.
    pub generic: bool,
}

/// Every playbook whose words occur in `text`, best first: those whose
/// `matches` occur, then those with only `generic_matches`, each group in
/// library order.
pub fn by_text<'a>(library: &'a Library, text: &str) -> Vec<TextMatch<'a>> {
    let lower = text.to_lowercase();
    let mut found: Vec<TextMatch<'a>> = library
        .iter()
        .filter_map(|playbook| {
            let words = matched_words(&playbook.matches, &lower);
            if !words.is_empty() {
                return Some(TextMatch {
                    playbook,
                    words,
                    generic: false,
                });
            }
            let words = matched_words(&playbook.generic_matches, &lower);
            (!words.is_empty()).then_some(TextMatch {
                playbook,
                words,
                generic: true,
            })
        })
        .collect();
    found.sort_by_key(|m| m.generic);
    found
}

impl Library {
    /// The playbooks whose words occur in an error text, best first (see
    /// [`by_text`]).
    pub fn triage(&self, error_text: &str) -> Vec<&Playbook> {
        by_text(self, error_text)
            .into_iter()
            .map(|m| m.playbook)
            .collect()
    }
}

/// The playbook the error's words choose, if any.
pub fn from_text(library: &Library, text: &str) -> Option<Triage> {
    let found = by_text(library, text);
    let (best, others) = found.split_first()?;
    let quoted: Vec<String> = best.words.iter().map(|w| format!("\"{w}\"")).collect();
    let also_titles: Vec<String> = others
        .iter()
        .map(|m| format!("\"{}\"", m.playbook.title))
        .collect();
    let also = if also_titles.is_empty() {
        String::new()
    } else {
        format!(" (also matches: {})", also_titles.join(", "))
    };
    let shared = if best.generic {
        ", words that errors of several families share (no playbook knows a more telling part of it)"
    } else {
        ""
    };
    Some(Triage {
        playbook: best.playbook.id.clone(),
        title: best.playbook.title.clone(),
        basis: if best.generic {
            Basis::GenericWords
        } else {
            Basis::ErrorText
        },
        words: best.words.iter().map(|w| w.to_string()).collect(),
        also: others.iter().map(|m| m.playbook.id.clone()).collect(),
        finding: None,
        reason: format!(
            "Picked \"{}\": the error mentions {}{shared}{also}.",
            best.playbook.title,
            quoted.join(", ")
        ),
    })
}

/// The playbook the diagnosis chooses for an error no playbook knows: the
/// first whose end explains the first error finding, else the default.
pub fn from_diagnosis(library: &Library, diagnosis: &Diagnosis) -> Option<Triage> {
    let first_error = diagnosis
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error);
    let explaining = first_error.and_then(|finding| {
        library
            .iter()
            .find(|p| p.explains(finding.id.as_str()))
            .map(|p| (p, finding))
    });
    if let Some((playbook, finding)) = explaining {
        return Some(fallback(
            playbook,
            Basis::Diagnosis,
            Some(finding),
            format!(
                "No playbook matched the text of your error, so credwiz chose the walk from what it found on this machine: \"{}\" explains the first problem there ({}).",
                playbook.title,
                finding.title.trim_end_matches('.')
            ),
        ));
    }
    let playbook = library
        .get(DEFAULT_PLAYBOOK)
        .or_else(|| library.iter().next())?;
    let found = match first_error {
        Some(finding) => format!(
            "no playbook explains what credwiz found (\"{}\")",
            finding.title.trim_end_matches('.')
        ),
        None => "credwiz found no error on this machine".to_string(),
    };
    Some(fallback(
        playbook,
        Basis::Default,
        None,
        format!(
            "No playbook matched the text of your error and {found}, so the walk starts with \"{}\", which looks at every source of credentials.",
            playbook.title
        ),
    ))
}

/// Triage of a pasted error: its words, else the diagnosis.
pub fn choose(library: &Library, text: &str, diagnosis: &Diagnosis) -> Option<Triage> {
    from_text(library, text).or_else(|| from_diagnosis(library, diagnosis))
}

fn fallback(
    playbook: &Playbook,
    basis: Basis,
    finding: Option<&Finding>,
    reason: String,
) -> Triage {
    Triage {
        playbook: playbook.id.clone(),
        title: playbook.title.clone(),
        basis,
        words: Vec::new(),
        also: Vec::new(),
        finding: finding.map(|f| f.id.as_str().to_string()),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Library {
        Library::shipped().unwrap_or_else(|report| panic!("{report}"))
    }

    #[test]
    fn telling_words_outrank_a_wrapper_every_family_shares() {
        let library = shipped();
        let text = "CredentialsProviderError: Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.";
        let ids: Vec<&str> = library.triage(text).iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["expired-token", "no-credentials"]);
        let found = from_text(&library, text).unwrap_or_else(|| panic!("no triage"));
        assert_eq!(found.basis, Basis::ErrorText);
        assert_eq!(found.also, ["no-credentials"]);
        assert!(found
            .reason
            .contains("(also matches: \"No credentials found\")"));
    }

    #[test]
    fn a_wrapper_alone_still_picks_its_playbook() {
        let library = shipped();
        let found = from_text(
            &library,
            "CredentialsProviderError: Profile x could not be parsed",
        )
        .unwrap_or_else(|| panic!("no triage"));
        assert_eq!(found.playbook, "no-credentials");
        assert_eq!(found.basis, Basis::GenericWords);
        assert_eq!(found.words, ["CredentialsProviderError", "ProviderError"]);
    }

    #[test]
    fn text_no_playbook_knows_is_left_to_the_diagnosis() {
        let library = shipped();
        assert!(from_text(&library, "ThrottlingException: Rate exceeded").is_none());
        let found = from_diagnosis(&library, &Diagnosis::pending("default"))
            .unwrap_or_else(|| panic!("no fallback"));
        assert_eq!(found.playbook, DEFAULT_PLAYBOOK);
        assert_eq!(found.basis, Basis::Default);
        assert!(found
            .reason
            .starts_with("No playbook matched the text of your error"));
    }
}
