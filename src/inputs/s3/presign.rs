//! Query-string authentication: which presign version a URL uses, who signed
//! it for which region, and when it stops working.

use crate::inputs::s3::request::S3Request;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Which kind of signed URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresignVersion {
    SigV4,
    SigV4a,
    SigV2,
    /// CloudFront's own signed URLs: `Expires`/`Policy`, `Signature`, `Key-Pair-Id`.
    CloudFront,
}

/// What a presigned query says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presign {
    pub version: PresignVersion,
    /// Plain key id (mask before showing).
    pub key_id: Option<String>,
    /// The region in the credential scope (SigV4 only).
    pub scope_region: Option<String>,
    /// Seconds since the epoch when it was signed (SigV4 `X-Amz-Date`).
    pub signed_at: Option<u64>,
    /// Seconds since the epoch when it stops working.
    pub expires_at: Option<u64>,
    /// Values S3 rejects outright (SigV4 only).
    pub flaws: Vec<PresignFlaw>,
}

/// A presign value S3 cannot accept, with the value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PresignFlaw {
    /// `X-Amz-Expires` is not a whole number of seconds from 1 to 604800.
    ExpiresOutOfRange { value: String },
    /// `X-Amz-Date` is not a real `YYYYMMDDTHHMMSSZ` time.
    DateImpossible { value: String },
}

/// The longest `X-Amz-Expires` S3 accepts: seven days.
pub const MAX_PRESIGN_EXPIRES: u64 = 604_800;

/// Reads the presigned query parameters, if any, and whether SigV2 and SigV4
/// parameters appear together.
pub(crate) fn read_presign(request: &S3Request) -> (Option<Presign>, bool) {
    let has = |name: &str| request.query(name).is_some();
    let sigv4 = has("X-Amz-Algorithm") || has("X-Amz-Credential") || has("X-Amz-Signature");
    let cloudfront = has("Key-Pair-Id");
    let sigv2 = has("AWSAccessKeyId") || (!cloudfront && has("Signature") && has("Expires"));
    let presign = if sigv4 {
        Some(sigv4_presign(request))
    } else if sigv2 {
        Some(Presign {
            version: PresignVersion::SigV2,
            key_id: request.query("AWSAccessKeyId"),
            scope_region: None,
            signed_at: None,
            expires_at: request.query("Expires").and_then(|e| e.trim().parse().ok()),
            flaws: Vec::new(),
        })
    } else if cloudfront {
        Some(Presign {
            version: PresignVersion::CloudFront,
            key_id: None,
            scope_region: None,
            signed_at: None,
            // A custom policy (`Policy=`) carries its expiry inside; only the
            // canned form's `Expires` is readable here.
            expires_at: request.query("Expires").and_then(|e| e.trim().parse().ok()),
            flaws: Vec::new(),
        })
    } else {
        None
    };
    (presign, sigv4 && sigv2)
}

fn sigv4_presign(request: &S3Request) -> Presign {
    let version = match request.query("X-Amz-Algorithm") {
        Some(a) if a.eq_ignore_ascii_case("AWS4-ECDSA-P256-SHA256") => PresignVersion::SigV4a,
        _ => PresignVersion::SigV4,
    };
    let credential = request.query("X-Amz-Credential").unwrap_or_default();
    let parts: Vec<&str> = credential.split('/').collect();
    let key_id = parts
        .first()
        .filter(|k| !k.is_empty())
        .map(|k| k.to_string());
    // AKID/DATE/REGION/s3/aws4_request; SigV4A leaves the region out.
    let scope_region = (parts.len() == 5 && !parts[2].is_empty()).then(|| parts[2].to_string());
    let date = request.query("X-Amz-Date");
    let signed_at = date.as_deref().and_then(parse_amz_date);
    let expires = request.query("X-Amz-Expires");
    let expires_in = expires
        .as_deref()
        .and_then(|e| e.trim().parse::<u64>().ok())
        .filter(|secs| (1..=MAX_PRESIGN_EXPIRES).contains(secs));
    let mut flaws = Vec::new();
    if let (Some(value), None) = (&expires, expires_in) {
        flaws.push(PresignFlaw::ExpiresOutOfRange {
            value: value.clone(),
        });
    }
    if let (Some(value), None) = (&date, signed_at) {
        flaws.push(PresignFlaw::DateImpossible {
            value: value.clone(),
        });
    }
    Presign {
        version,
        key_id,
        scope_region,
        signed_at,
        expires_at: signed_at.zip(expires_in).map(|(at, secs)| at + secs),
        flaws,
    }
}

/// Parses `20260101T120000Z` into seconds since the epoch.
pub fn parse_amz_date(text: &str) -> Option<u64> {
    let text = text.trim();
    let bytes = text.as_bytes();
    if bytes.len() != 16 || bytes[8] != b'T' || bytes[15] != b'Z' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| text.get(range)?.parse::<u64>().ok();
    let (year, month, day) = (num(0..4)?, num(4..6)?, num(6..8)?);
    let (hour, minute, second) = (num(9..11)?, num(11..13)?, num(13..15)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = days_from_civil(year as i64, month as i64, day as i64);
    // 20240231 is no day at all.
    if civil_from_days(days) != (year as i64, month as i64, day as i64) {
        return None;
    }
    let days = u64::try_from(days).ok()?;
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `2026-01-01 12:00:00 UTC`.
pub fn format_utc(epoch_seconds: u64) -> String {
    let days = i64::try_from(epoch_seconds / 86_400).unwrap_or(i64::MAX / 2);
    let (year, month, day) = civil_from_days(days);
    let rest = epoch_seconds % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

/// Seconds since the epoch of a `SystemTime` (0 before the epoch).
pub fn epoch_seconds(now: SystemTime) -> u64 {
    now.duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs()
}

/// A rough, readable length of time: "3 days", "2 hours", "45 seconds".
pub fn human_duration(seconds: u64) -> String {
    let (amount, unit) = match seconds {
        s if s >= 2 * 86_400 => (s / 86_400, "days"),
        s if s >= 2 * 3_600 => (s / 3_600, "hours"),
        s if s >= 2 * 60 => (s / 60, "minutes"),
        s => (s, "seconds"),
    };
    if amount == 1 {
        format!("1 {}", unit.trim_end_matches('s'))
    } else {
        format!("{amount} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats_amz_dates() {
        let at = parse_amz_date("20260101T010203Z").expect("valid date");
        assert_eq!(format_utc(at), "2026-01-01 01:02:03 UTC");
        assert_eq!(parse_amz_date("19700101T000000Z"), Some(0));
        assert_eq!(format_utc(951_782_400), "2000-02-29 00:00:00 UTC");
        for bad in [
            "",
            "2026-01-01",
            "20261301T000000Z",
            "20260101T250000Z",
            "2026010XT000000Z",
        ] {
            assert_eq!(parse_amz_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(1), "1 second");
        assert_eq!(human_duration(90), "90 seconds");
        assert_eq!(human_duration(7_200), "2 hours");
        assert_eq!(human_duration(3 * 86_400 + 5), "3 days");
    }
}
