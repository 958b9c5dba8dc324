//! Outcomes of the checks on the key pair itself: environment keys, the
//! session token, the shape of the key, expiry.

use super::{has_any, Outcome};
use crate::diagnosis::Diagnosis;
use crate::findings::FindingId;
use crate::probes::chain::{Slot, SlotStatus};
use std::time::{Duration, SystemTime};

pub(crate) fn env_keys(d: &Diagnosis) -> Outcome {
    let env_slot = d.slot(Slot::Environment);
    if has_any(d, &[FindingId::EnvPartialKeys]) && env_slot.status != SlotStatus::Resolved {
        return ("partial", env_slot.detail());
    }
    match env_slot.status {
        SlotStatus::Resolved if has_any(d, &[FindingId::EnvPlaceholderKey, FindingId::KeyWhitespace, FindingId::KeyMalformedId, FindingId::KeyMalformedSecret, FindingId::EnvMissingSessionToken, FindingId::EnvStaleSessionToken]) => {
            ("suspicious", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set, but something about them is wrong".into())
        }
        SlotStatus::Resolved => ("complete", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set; they win over every profile".into()),
        _ => ("none", env_slot.detail()),
    }
}

pub(crate) fn session_token(d: &Diagnosis) -> Outcome {
    if has_any(d, &[FindingId::EnvMissingSessionToken]) {
        (
            "missing",
            "a temporary ASIA key without AWS_SESSION_TOKEN".into(),
        )
    } else if has_any(d, &[FindingId::EnvStaleSessionToken]) {
        (
            "stale",
            "a long-term AKIA key with a leftover AWS_SESSION_TOKEN".into(),
        )
    } else if let Some(id) = d.resolved.as_ref().map(|r| r.access_key_id.as_str()) {
        match id.get(..4).unwrap_or_default() {
            "ASIA" => ("ok", "a temporary (ASIA) key with its session token".into()),
            "AKIA" => (
                "ok",
                "a long-term (AKIA) key, which needs no session token, and none is set".into(),
            ),
            _ => ("not_applicable", "no key to match a token against".into()),
        }
    } else {
        ("not_applicable", "no key to match a token against".into())
    }
}

pub(crate) fn key_shape(d: &Diagnosis) -> Outcome {
    if d.resolved.is_none() {
        return ("no_keys", "no key resolved to look at".into());
    }
    if has_any(d, &[FindingId::EnvPlaceholderKey]) {
        ("placeholder", "the key is placeholder text".into())
    } else if has_any(d, &[FindingId::KeyWhitespace]) {
        (
            "whitespace",
            "the key carries spaces, quotes or line breaks".into(),
        )
    } else if has_any(
        d,
        &[FindingId::KeyMalformedId, FindingId::KeyMalformedSecret],
    ) {
        ("malformed", "the key is not shaped like an AWS key".into())
    } else {
        (
            "ok",
            "the key id and secret have the shape AWS issues".into(),
        )
    }
}

pub(crate) fn expiry(d: &Diagnosis) -> Outcome {
    let now = d.facts.checked_at.unwrap_or(SystemTime::UNIX_EPOCH);
    let Some(_) = &d.resolved else {
        return ("unknown", "nothing resolved".into());
    };
    match d.facts.expires_at {
        None => (
            "no_expiry",
            "long-term credentials; they do not expire".into(),
        ),
        Some(at) if at <= now => ("expired", "the credentials have expired".into()),
        Some(at) if at.duration_since(now).unwrap_or_default() < Duration::from_secs(15 * 60) => (
            "expiring_soon",
            "the credentials expire within 15 minutes".into(),
        ),
        Some(_) => ("valid", "temporary credentials, still valid".into()),
    }
}
