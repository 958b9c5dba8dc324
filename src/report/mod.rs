//! Renders a diagnosis for people (human), tickets (markdown) and scripts (json).

pub mod blocks;
pub mod command;
pub mod error_facts;
pub mod file_fix;
pub mod fix;
pub mod human;
pub mod json;
pub mod lenses;
pub mod markdown;
pub mod runbook;
pub mod s3;
pub mod style;
pub mod sweep;

use crate::probes::chain::SlotStatus;

/// The doctor-style mark of a chain slot.
pub fn slot_mark(status: SlotStatus) -> &'static str {
    match status {
        SlotStatus::Resolved => "✓",
        SlotStatus::NotConfigured => "·",
        SlotStatus::Failed => "✗",
        SlotStatus::NotTried => "-",
    }
}

/// The words for a slot status.
pub fn slot_status_text(status: SlotStatus) -> &'static str {
    match status {
        SlotStatus::Resolved => "resolved",
        SlotStatus::NotConfigured => "not configured",
        SlotStatus::Failed => "failed",
        SlotStatus::NotTried => "not tried",
    }
}
