//! `region.invalid`: a region value no AWS endpoint answers to. An
//! availability zone (`us-east-1a`) where a region belongs sends every call
//! to a host that does not exist; a value that is not a host label
//! (`us east 1`, `x;y`) stops the SDK before it sends anything.

use crate::findings::{Finding, FindingId, Severity};
use crate::inputs::region::RegionChoice;

/// What a region value looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegionShape {
    /// `us-east-1`, `us-gov-west-1`, `eusc-de-east-1`.
    Region,
    /// An availability zone: the region it belongs to.
    AvailabilityZone(String),
    /// Not a DNS host label: the SDK cannot build an endpoint from it.
    NotAHostLabel,
    /// A host label, but not the shape of an AWS region (a custom endpoint
    /// may still accept it).
    Unusual,
}

/// The shape of `value`.
pub fn shape(value: &str) -> RegionShape {
    let label = !value.is_empty()
        && value.len() <= 63
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-');
    if !label {
        return RegionShape::NotAHostLabel;
    }
    if is_region(value) {
        return RegionShape::Region;
    }
    match value.strip_suffix(|c: char| c.is_ascii_lowercase()) {
        Some(region) if is_region(region) => RegionShape::AvailabilityZone(region.to_string()),
        _ => RegionShape::Unusual,
    }
}

/// `<2–4 letters>(-<letters>)+-<1–2 digits>`, all lower case.
fn is_region(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let [first, middle @ .., last] = parts.as_slice() else {
        return false;
    };
    let letters = |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase());
    (2..=4).contains(&first.len())
        && letters(first)
        && !middle.is_empty()
        && middle.iter().all(letters)
        && (1..=2).contains(&last.len())
        && last.bytes().all(|b| b.is_ascii_digit())
}

/// `region.invalid`, when the region in use is not a region name.
pub fn findings(region: Option<&RegionChoice>, profile: &str) -> Option<Finding> {
    let region = region?;
    let quote = crate::text::shell::quote;
    let (title, severity, suggested) = match shape(&region.value) {
        RegionShape::Region => return None,
        RegionShape::AvailabilityZone(parent) => (
            format!("the region is an availability zone; the region is {parent}"),
            Severity::Error,
            Some(parent),
        ),
        RegionShape::NotAHostLabel => (
            "the region is not a region name, so the SDK cannot build an endpoint from it"
                .to_string(),
            Severity::Error,
            None,
        ),
        RegionShape::Unusual => (
            "the region does not look like an AWS region name".to_string(),
            Severity::Warning,
            None,
        ),
    };
    let to = suggested
        .as_deref()
        .map_or("<region>".to_string(), |r| quote(r).into_owned());
    Some(
        Finding::new(
            FindingId::RegionInvalid,
            title,
            format!(
                "region {} from {}; AWS regions look like us-east-1 or eu-west-2",
                quote(&region.value),
                region.source
            ),
            format!(
                "aws configure set region {to} --profile {}   # or: export AWS_REGION={to}, wherever the value above is set",
                quote(profile)
            ),
        )
        .with_severity(severity),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_zones_and_other_values_are_told_apart() {
        for region in [
            "us-east-1",
            "us-gov-west-1",
            "eusc-de-east-1",
            "ap-southeast-7",
            "cn-northwest-1",
        ] {
            assert_eq!(shape(region), RegionShape::Region, "{region}");
        }
        assert_eq!(
            shape("us-east-1a"),
            RegionShape::AvailabilityZone("us-east-1".into())
        );
        assert_eq!(
            shape("eu-west-2c"),
            RegionShape::AvailabilityZone("eu-west-2".into())
        );
        for value in [
            "us east 1",
            "x;touch PWNED $(id)",
            "-us-east-1",
            "",
            "us-east-1\u{1b}[2J",
        ] {
            assert_eq!(shape(value), RegionShape::NotAHostLabel, "{value:?}");
        }
        for value in ["US-EAST-1", "useast1", "local", "eu-west"] {
            assert_eq!(shape(value), RegionShape::Unusual, "{value}");
        }
    }

    #[test]
    fn a_zone_gets_its_region_in_the_fix_and_a_hostile_value_stays_quoted() {
        let zone = RegionChoice {
            value: "us-east-1a".into(),
            source: "AWS_REGION".into(),
        };
        let finding = findings(Some(&zone), "dev").expect("a finding");
        assert_eq!(finding.severity, Severity::Error);
        assert!(
            finding
                .fix
                .starts_with("aws configure set region us-east-1 --profile dev"),
            "{}",
            finding.fix
        );
        let hostile = RegionChoice {
            value: "x;touch PWNED $(id)".into(),
            source: "AWS_REGION".into(),
        };
        let finding = findings(Some(&hostile), "dev").expect("a finding");
        assert!(
            finding.evidence.contains("'x;touch PWNED $(id)'"),
            "{}",
            finding.evidence
        );
        let ok = RegionChoice {
            value: "eu-west-1".into(),
            source: "AWS_REGION".into(),
        };
        assert!(findings(Some(&ok), "dev").is_none());
        assert!(findings(None, "dev").is_none());
    }
}
