//! Access key ids as credwiz shows them: masked, always.

/// How many characters of a key id stay visible at each end.
const VISIBLE_ENDS: usize = 4;

/// Masks an access key id as `AKIA************WXYZ`: the prefix that tells the
/// key's kind and the tail that tells keys apart, nothing in between.
/// Values too short to keep anything secret are masked whole.
///
/// Whitespace and quotes around the id are not part of it: they are dropped
/// before masking, so the tail shown is always the key's own last four
/// characters, the ones the IAM console shows. That they were there is the
/// finding `key.whitespace`'s to say, not the mask's.
pub fn mask_key_id(key_id: &str) -> String {
    let key_id = key_id.trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    // A control character or non-ASCII letter in a pasted id is masked too:
    // it must not reach a terminal as itself, and the JSON contract allows
    // only A-Z, 0-9 and * here.
    let chars: Vec<char> = key_id
        .chars()
        .map(|c| {
            if c.is_control() || !c.is_ascii() {
                '*'
            } else {
                c
            }
        })
        .collect();
    if chars.len() < VISIBLE_ENDS * 3 {
        return "*".repeat(chars.len().max(4));
    }
    let head: String = chars[..VISIBLE_ENDS].iter().collect();
    let tail: String = chars[chars.len() - VISIBLE_ENDS..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 2 * VISIBLE_ENDS))
}

#[cfg(test)]
mod tests {
    use super::mask_key_id;

    #[test]
    fn surrounding_whitespace_and_quotes_are_not_key_characters() {
        for written in [
            "AKIAABCDEFGHIJKLWXYZ",
            "AKIAABCDEFGHIJKLWXYZ ",
            " AKIAABCDEFGHIJKLWXYZ",
            "\tAKIAABCDEFGHIJKLWXYZ\r\n",
            "\"AKIAABCDEFGHIJKLWXYZ\"",
            "'AKIAABCDEFGHIJKLWXYZ'",
            "\" AKIAABCDEFGHIJKLWXYZ \"",
            " 'AKIAABCDEFGHIJKLWXYZ' ",
            "\"AKIAABCDEFGHIJKLWXYZ",
            "\u{a0}AKIAABCDEFGHIJKLWXYZ\u{2003}",
        ] {
            assert_eq!(mask_key_id(written), "AKIA************WXYZ", "{written:?}");
        }
    }

    #[test]
    fn characters_inside_the_id_still_count() {
        assert_eq!(mask_key_id("AKIA ABCDEFGHIJKWXYZ"), "AKIA************WXYZ");
        assert_eq!(mask_key_id("AKIA\"BCDEFGHIJKLWXYZ"), "AKIA************WXYZ");
        assert_eq!(
            mask_key_id("AKIAABCDEFGHIJKLMWXYZ"),
            "AKIA*************WXYZ"
        );
        assert_eq!(mask_key_id("\" \""), "****");
        assert_eq!(
            mask_key_id("AKIAABCDEFGHIJKL\u{e9}XYZ"),
            "AKIA*************XYZ"
        );
    }
}
