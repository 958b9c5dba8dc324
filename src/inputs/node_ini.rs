//! The Node.js SDK's INI reader (`parseIni` and `getConfigData` in
//! `@smithy/core/config`): lenient (a line without `=` is skipped, a
//! byte-order mark is trimmed away like a space), key names keep their case,
//! a `#` or `;` starts a comment at the start of a line or after whitespace,
//! duplicate sections merge and a later key wins.

use std::collections::BTreeMap;

/// One profile's keys, exactly as written, with their values.
pub(crate) type NodeProfile = BTreeMap<String, String>;

/// Section name → keys, as `parseIni` returns them (`profile.dev`,
/// `sso-session.corp`, `default`, `dev`).
pub(crate) type NodeIni = BTreeMap<String, NodeProfile>;

const SECTION_TYPES: [&str; 3] = ["profile", "sso-session", "services"];

/// JavaScript's `String.prototype.trim` also removes U+FEFF.
fn js_trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// `iniLine.split(/(^|\s)[;#]/)[0]`.
fn cut_comment(line: &str) -> &str {
    let mut previous_is_space = true;
    for (index, ch) in line.char_indices() {
        if (ch == '#' || ch == ';') && previous_is_space {
            let cut = if index == 0 {
                0
            } else {
                line[..index].char_indices().last().map_or(0, |(i, _)| i)
            };
            return &line[..cut];
        }
        previous_is_space = ch.is_whitespace();
    }
    line
}

/// `/^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/` on a section name.
fn prefixed_name(section: &str) -> Option<(&str, &str)> {
    let (prefix, rest) = section.split_once(|c: char| c.is_whitespace())?;
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    if prefix.is_empty() || !prefix.chars().all(|c| word(c) || c == '-') {
        return None;
    }
    let name = match rest.chars().next() {
        Some(q @ ('"' | '\'')) => rest.strip_prefix(q)?.strip_suffix(q)?,
        _ => rest,
    };
    let allowed = |c: char| word(c) || "-@+.%:/".contains(c);
    (!name.is_empty() && name.chars().all(allowed)).then_some((prefix, name))
}

/// Parses one file like `parseIni`.
pub(crate) fn parse(text: &str) -> NodeIni {
    let mut map = NodeIni::new();
    let mut current: Option<String> = None;
    let mut sub_section: Option<String> = None;
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = js_trim(cut_comment(line));
        if trimmed.len() >= 2 && trimmed.starts_with('[') && trimmed.ends_with(']') {
            sub_section = None;
            let name = &trimmed[1..trimmed.len() - 1];
            current = match prefixed_name(name) {
                Some((prefix, name)) if SECTION_TYPES.contains(&prefix) => {
                    Some(format!("{prefix}.{name}"))
                }
                Some(_) => None,
                None => Some(name.to_string()),
            };
            continue;
        }
        let Some(section) = &current else { continue };
        let Some(at) = trimmed.find('=').filter(|at| *at > 0) else {
            continue;
        };
        let name = js_trim(&trimmed[..at]);
        let value = js_trim(&trimmed[at + 1..]);
        if value.is_empty() {
            sub_section = Some(name.to_string());
            continue;
        }
        if sub_section.is_some() && !line.starts_with(char::is_whitespace) {
            sub_section = None;
        }
        let key = match &sub_section {
            Some(sub) => format!("{sub}.{name}"),
            None => name.to_string(),
        };
        map.entry(section.clone())
            .or_default()
            .insert(key, value.to_string());
    }
    map
}

/// The config file's profiles (`getConfigData`): `[default]` and
/// `[profile x]`; a plain `[x]` is dropped, `[profile default]` replaces `[default]`.
pub(crate) fn config_profiles(parsed: &NodeIni) -> NodeIni {
    let mut profiles = NodeIni::new();
    if let Some(default) = parsed.get("default") {
        profiles.insert("default".into(), default.clone());
    }
    for (key, values) in parsed {
        if let Some(name) = key.strip_prefix("profile.") {
            profiles.insert(name.to_string(), values.clone());
        }
    }
    profiles
}

/// Config first, then credentials on top, key by key (`mergeConfigFiles`).
pub(crate) fn merge(config: NodeIni, credentials: NodeIni) -> NodeIni {
    let mut merged = config;
    for (name, values) in credentials {
        merged.entry(name).or_default().extend(values);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bom_and_lines_without_equals_are_skipped() {
        let ini = parse("\u{feff}[default]\njunk line\naws_access_key_id = AKIA\n");
        assert_eq!(ini["default"]["aws_access_key_id"], "AKIA");
    }

    #[test]
    fn keys_keep_their_case_and_comments_need_a_space() {
        let ini = parse("[default]\nAWS_ACCESS_KEY_ID = A#b ;c\n");
        assert_eq!(ini["default"]["AWS_ACCESS_KEY_ID"], "A#b");
        assert!(!ini["default"].contains_key("aws_access_key_id"));
    }

    #[test]
    fn config_sections_need_the_profile_prefix() {
        let parsed =
            parse("[dev]\na=1\n[profile prod]\nb=2\n[default]\nc=3\n[profile default]\nd=4\n");
        let profiles = config_profiles(&parsed);
        assert!(!profiles.contains_key("dev"));
        assert_eq!(profiles["prod"]["b"], "2");
        assert_eq!(profiles["default"].get("c"), None);
        assert_eq!(profiles["default"]["d"], "4");
    }

    #[test]
    fn duplicates_merge_and_credentials_win() {
        let config = config_profiles(&parse("[profile a]\nx=1\ny=1\n"));
        let credentials = parse("[a]\nx=2\n[a]\nx=3\n");
        let merged = merge(config, credentials);
        assert_eq!(merged["a"]["x"], "3");
        assert_eq!(merged["a"]["y"], "1");
    }
}
