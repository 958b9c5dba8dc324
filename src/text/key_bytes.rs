//! Keys no SDK can send: a control character or a non-ASCII letter in an
//! access key id, secret or session token.
//!
//! The key id and the token travel in HTTP headers. aws-sigv4 builds those
//! headers with `expect`, so the Rust SDK panics while signing such a key
//! (release builds abort); other SDKs raise an error before the request leaves.
//! credwiz therefore never hands such credentials to a signer: the finding
//! says where the bad character is (by position, never the value) and STS is
//! reported as not called.

use aws_credential_types::Credentials;

/// Which part of a key pair holds the character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPart {
    AccessKeyId,
    SecretAccessKey,
    SessionToken,
}

impl KeyPart {
    /// The part as users name it.
    pub fn label(self) -> &'static str {
        match self {
            KeyPart::AccessKeyId => "access key id",
            KeyPart::SecretAccessKey => "secret access key",
            KeyPart::SessionToken => "session token",
        }
    }
}

/// The kind of character that cannot be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadChar {
    LineFeed,
    CarriageReturn,
    Tab,
    /// Any other control character, with its code point.
    Control(u32),
    /// A letter or symbol outside ASCII.
    NonAscii,
}

impl BadChar {
    fn of(c: char) -> Option<BadChar> {
        match c {
            '\n' => Some(BadChar::LineFeed),
            '\r' => Some(BadChar::CarriageReturn),
            '\t' => Some(BadChar::Tab),
            c if c.is_control() => Some(BadChar::Control(c as u32)),
            c if !c.is_ascii() => Some(BadChar::NonAscii),
            _ => None,
        }
    }

    /// The character described without showing the value around it.
    pub fn describe(self) -> String {
        match self {
            BadChar::LineFeed => "a line break (LF)".into(),
            BadChar::CarriageReturn => "a carriage return (CR)".into(),
            BadChar::Tab => "a tab".into(),
            BadChar::Control(code) => format!("a control character (U+{code:04X})"),
            BadChar::NonAscii => "a non-ASCII character".into(),
        }
    }

    /// True for control characters (whitespace-like), false for non-ASCII letters.
    pub fn is_control(self) -> bool {
        !matches!(self, BadChar::NonAscii)
    }
}

/// Where the first character no SDK can send sits in one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsendable {
    pub part: KeyPart,
    /// 1-based character position.
    pub position: usize,
    pub length: usize,
    pub kind: BadChar,
}

impl Unsendable {
    /// "a line break (LF) at character 21 of 21" — position only, never the value.
    pub fn where_text(&self) -> String {
        format!(
            "{} at character {} of {}",
            self.kind.describe(),
            self.position,
            self.length
        )
    }
}

/// The first unsendable character of `value`, if any.
pub fn first_bad_char(part: KeyPart, value: &str) -> Option<Unsendable> {
    let length = value.chars().count();
    value.chars().enumerate().find_map(|(index, c)| {
        BadChar::of(c).map(|kind| Unsendable {
            part,
            position: index + 1,
            length,
            kind,
        })
    })
}

/// The first unsendable character of resolved credentials, checked in the
/// order a signer reads them.
pub fn unsendable(credentials: &Credentials) -> Option<Unsendable> {
    first_bad_char(KeyPart::AccessKeyId, credentials.access_key_id())
        .or_else(|| first_bad_char(KeyPart::SecretAccessKey, credentials.secret_access_key()))
        .or_else(|| {
            credentials
                .session_token()
                .and_then(|token| first_bad_char(KeyPart::SessionToken, token))
        })
}

impl BadChar {
    /// What SDKs do with a key holding this character, for finding texts.
    pub fn sdk_behaviour(self) -> &'static str {
        if self.is_control() {
            "no SDK can send it: the Rust SDK panics while signing (release builds abort), others reject the request before it leaves"
        } else {
            "no AWS key holds such a character: AWS would answer InvalidClientTokenId or SignatureDoesNotMatch, so credwiz does not send it"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_bad_character_by_position() {
        let found = first_bad_char(KeyPart::AccessKeyId, "AKIAZ7VQXJ4PLM2RTW5Y\n");
        assert_eq!(
            found.map(|u| (u.position, u.length, u.kind)),
            Some((21, 21, BadChar::LineFeed))
        );
        let found = first_bad_char(KeyPart::AccessKeyId, "AKIAZ7VQ\u{1}XJ4PLM2RTW5Y");
        assert_eq!(found.map(|u| u.kind), Some(BadChar::Control(1)));
        let found = first_bad_char(KeyPart::AccessKeyId, "AKIAZ7VQXJ4PLMÄRTW5Y");
        assert_eq!(
            found.map(|u| (u.position, u.kind)),
            Some((15, BadChar::NonAscii))
        );
        assert_eq!(
            first_bad_char(KeyPart::AccessKeyId, "AKIAZ7VQXJ4PLM2RTW5Y"),
            None
        );
    }

    #[test]
    fn checks_id_secret_and_token() {
        let creds = Credentials::new(
            "AKIAZ7VQXJ4PLM2RTW5Y",
            "secret",
            Some("to\u{7f}k".into()),
            None,
            "t",
        );
        let found = unsendable(&creds).map(|u| (u.part, u.position));
        assert_eq!(found, Some((KeyPart::SessionToken, 3)));
        let text = unsendable(&creds)
            .map(|u| u.where_text())
            .unwrap_or_default();
        assert!(!text.contains("to"), "{text}");
    }
}
