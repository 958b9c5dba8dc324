//! How long credwiz waits for anything on the network, in one place. Each
//! wait has a connect bound, a read bound and a bound on the whole operation,
//! since a server that drips a byte at a time never trips a read timeout.
//! The README states these numbers.

use std::time::Duration;

/// Container endpoint and IMDS: connect bound.
pub const METADATA_CONNECT: Duration = Duration::from_millis(300);
/// Container endpoint and IMDS: read bound.
pub const METADATA_READ: Duration = Duration::from_millis(700);
/// Container endpoint and IMDS: the whole probe.
pub const METADATA_TOTAL: Duration = Duration::from_secs(2);
/// Container endpoint and IMDS with `--sdk-timeouts`: the whole probe.
pub const METADATA_TOTAL_SDK: Duration = Duration::from_secs(30);

/// STS and the SSO portal, called by a profile's or web identity's
/// provider: connect bound.
pub const STS_CONNECT: Duration = Duration::from_secs(2);
/// The same: each call, from the request to the last byte.
pub const STS_OPERATION: Duration = Duration::from_secs(5);
/// A whole profile or web-identity slot (a role chain makes one call per
/// hop), not counting the credential_process limit.
pub const PROFILE_SLOT_TOTAL: Duration = Duration::from_secs(10);

/// `credwiz resolve`: the SDK's own chain, untouched, stopped after this long.
pub const RESOLVE_DEFAULT_SECS: u64 = 30;

/// The sentence for a slot stopped at its bound.
pub fn stopped_after(bound: Duration) -> String {
    format!(
        "no answer within {} (credwiz's bound); the program would still be waiting here",
        human(bound)
    )
}

/// `300 ms`, `2 s`.
pub fn human(duration: Duration) -> String {
    if duration.subsec_millis() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{} ms", duration.as_millis())
    }
}

/// The longest time limit a user may ask for, in seconds (one day): every
/// `--…timeout` option is held to it when parsed, so a limit added to
/// credwiz's own bounds or to the clock can never overflow a `Duration` or
/// an `Instant` (`--process-timeout 18446744073709551615` panicked).
pub const USER_LIMIT_MAX_SECS: u64 = 86_400;
