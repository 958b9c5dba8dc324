//! SDK error text made short enough to read: the Debug tails the SDK
//! appends are cut.

/// Shortens an SDK error's display text: aws-smithy's `DisplayErrorContext`
/// ends with the whole error's Debug form, which repeats the message and
/// buries it in type names.
pub fn concise_error(text: &str) -> String {
    const DEBUG_TAILS: &[&str] = &[
        " (DispatchFailure(",
        " (TimeoutError(",
        " (ResponseError(",
        " (ConstructionFailure(",
        " (ServiceError(",
        " (ProviderError(",
        " (CredentialsNotLoaded(",
        " (InvalidConfiguration(",
        " (Unhandled(",
        " (ProviderTimedOut(",
    ];
    let cut = DEBUG_TAILS
        .iter()
        .filter_map(|tail| text.find(tail))
        .min()
        .unwrap_or(text.len());
    super::debug_dump::strip_debug_dumps(text[..cut].trim_end()).into_owned()
}
