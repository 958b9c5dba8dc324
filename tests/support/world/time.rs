//! Dates as AWS writes them, and clocks set off by a chosen offset.

use std::time::{Duration, SystemTime};

/// RFC 3339 (`2026-01-02T03:04:05Z`), as IMDS, ECS and STS write expirations.
pub fn rfc3339(time: SystemTime) -> String {
    aws_smithy_types::DateTime::from(time)
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .expect("format date")
}

/// An HTTP `Date` header value (`Mon, 02 Jan 2026 03:04:05 GMT`).
pub fn http_date(time: SystemTime) -> String {
    aws_smithy_types::DateTime::from(time)
        .fmt(aws_smithy_types::date_time::Format::HttpDate)
        .expect("format date")
}

pub(super) fn offset_now(offset_secs: i64) -> SystemTime {
    let now = SystemTime::now();
    let magnitude = Duration::from_secs(offset_secs.unsigned_abs());
    if offset_secs >= 0 {
        now + magnitude
    } else {
        now - magnitude
    }
}
