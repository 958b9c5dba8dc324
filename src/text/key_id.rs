//! Access key ids as credwiz shows them: masked, always.

/// How many characters of a key id stay visible at each end.
const VISIBLE_ENDS: usize = 4;

/// Masks an access key id as `AKIA************WXYZ`: the prefix that tells the
/// key's kind and the tail that tells keys apart, nothing in between.
/// Values too short to keep anything secret are masked whole.
pub fn mask_key_id(key_id: &str) -> String {
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
