//! Times as people and the JSON contract read them.

use std::time::SystemTime;

/// Formats a time as RFC 3339 (UTC, seconds).
pub fn rfc3339(time: SystemTime) -> String {
    aws_smithy_types::DateTime::from(time)
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .unwrap_or_else(|_| "invalid time".to_string())
}
