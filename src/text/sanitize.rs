//! Untrusted text (file values, environment values, helper output, server
//! messages, pasted text) is made inert before it reaches a terminal or a
//! report: every control character, and with it every escape sequence, is
//! replaced by a visible placeholder, so an OSC 52 clipboard write, a
//! window-title change or a screen wipe shows as text instead of happening.

use std::borrow::Cow;

/// True for characters a terminal may act on instead of showing: C0 and C1
/// controls, DEL, and the bidirectional overrides that reorder what is shown.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// The visible stand-in for an unsafe character, one column wide: the Unicode
/// control picture for C0 controls and DEL (`␛` for ESC), `�` for the rest.
pub fn placeholder(c: char) -> char {
    match c as u32 {
        code @ 0..=0x1F => char::from_u32(0x2400 + code).unwrap_or('\u{FFFD}'),
        0x7F => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

/// One line of untrusted text: every unsafe character, line breaks and tabs
/// included, replaced by its placeholder.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    replace_where(text, is_unsafe)
}

/// Text as people paste it, with its line breaks as `\n`: terminals send a
/// pasted line break as `\r`, Windows files end lines in `\r\n`, and a
/// line break turned into a placeholder would glue the words of two lines.
pub fn unix_line_ends(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// A block of untrusted text: like [`sanitize_line`] but keeps line breaks
/// and tabs.
pub fn sanitize_block(text: &str) -> Cow<'_, str> {
    replace_where(text, |c| c != '\n' && c != '\t' && is_unsafe(c))
}

/// Text about to be written to a terminal by credwiz. With `colour`, the few
/// SGR sequences credwiz's own painter writes (`ESC [ digits m`, colour and
/// weight only) are kept; every other control character is replaced.
pub fn sanitize_output(text: &str, colour: bool) -> Cow<'_, str> {
    if !colour {
        return sanitize_block(text);
    }
    if !text.chars().any(|c| c != '\n' && c != '\t' && is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}' {
            if let Some(len) = sgr_length(rest) {
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
        }
        if c != '\n' && c != '\t' && is_unsafe(c) {
            out.push(placeholder(c));
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// The byte length of a colour-only SGR sequence at the start of `text`.
fn sgr_length(text: &str) -> Option<usize> {
    let body = text.strip_prefix("\u{1b}[")?;
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && digits <= 2 && body.as_bytes().get(digits) == Some(&b'm')).then_some(digits + 3)
}

fn replace_where(text: &str, unsafe_char: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if unsafe_char(c) { placeholder(c) } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_text() {
        let osc52 = "dev\u{1b}]52;c;dG91Y2ggUFdORUQ=\u{7}";
        assert_eq!(sanitize_line(osc52), "dev␛]52;c;dG91Y2ggUFdORUQ=␇");
        assert_eq!(sanitize_line("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(sanitize_line("a\u{9b}2Jb"), "a�2Jb");
        assert_eq!(sanitize_line("x\r\ny\tz"), "x␍␊y␉z");
        assert_eq!(sanitize_block("x\r\ny\tz"), "x␍\ny\tz");
        assert_eq!(sanitize_line("abc\u{202E}cod.exe"), "abc�cod.exe");
    }

    #[test]
    fn plain_text_is_borrowed_untouched() {
        assert!(matches!(sanitize_line("profile 'dev' ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn colour_output_keeps_only_credwizs_own_sgr() {
        let text = "\u{1b}[1mcredwiz\u{1b}[0m \u{1b}]0;title\u{7} \u{1b}[2J \u{1b}[31m✗\u{1b}[0m";
        assert_eq!(
            sanitize_output(text, true),
            "\u{1b}[1mcredwiz\u{1b}[0m ␛]0;title␇ ␛[2J \u{1b}[31m✗\u{1b}[0m"
        );
        assert_eq!(sanitize_output("\u{1b}[1mx", false), "␛[1mx");
    }

    #[test]
    fn pasted_line_breaks_become_newlines() {
        assert_eq!(unix_line_ends("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert!(matches!(unix_line_ends("a\nb"), Cow::Borrowed(_)));
    }
}
