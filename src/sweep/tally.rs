//! The sweep's running summary: how many profiles got each verdict, and the
//! profiles that need attention grouped by cause (the same top finding and
//! the same fix), so that one `aws sso login` fixing eight profiles shows as
//! one line. It grows with distinct causes, never with profiles that are
//! fine.

use crate::findings::{FindingId, Severity};
use crate::sweep::row::{ProfileRow, Verdict};
use std::collections::HashMap;

/// How many profile names a group keeps to show (the count is exact).
pub const NAMES_KEPT: usize = 3;

/// Profiles sharing one cause and one fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CauseGroup {
    pub verdict: Verdict,
    pub id: FindingId,
    pub severity: Severity,
    /// The first profile's finding title (it may name that profile).
    pub title: String,
    pub fix: String,
    /// How many profiles share it.
    pub count: usize,
    /// The first few of them, in the order they were added.
    pub profiles: Vec<String>,
}

/// Counts per verdict and the cause groups.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    counts: [usize; 4],
    groups: Vec<CauseGroup>,
    index: HashMap<(FindingId, String), usize>,
    /// Any profile with an error finding.
    pub any_error: bool,
}

impl Tally {
    /// Adds one finished profile.
    pub fn add(&mut self, row: &ProfileRow, has_error: bool) {
        self.counts[row.verdict as usize] += 1;
        self.any_error |= has_error;
        let Some(top) = row
            .top
            .as_ref()
            .filter(|_| matches!(row.verdict, Verdict::Problem | Verdict::Attention))
        else {
            return;
        };
        // Profiles whose one fix is shared (one SSO login) group by it.
        let fix = top.shared_fix.clone().unwrap_or_else(|| top.fix.clone());
        let key = (top.id, fix.clone());
        let at = *self.index.entry(key).or_insert_with(|| {
            self.groups.push(CauseGroup {
                verdict: row.verdict,
                id: top.id,
                severity: top.severity,
                title: top.title.clone(),
                fix,
                count: 0,
                profiles: Vec::new(),
            });
            self.groups.len() - 1
        });
        if let Some(group) = self.groups.get_mut(at) {
            group.count += 1;
            group.verdict = group.verdict.min(row.verdict);
            if group.profiles.len() < NAMES_KEPT {
                group.profiles.push(row.profile.clone());
            }
        }
    }

    /// How many profiles got this verdict.
    pub fn count(&self, verdict: Verdict) -> usize {
        self.counts[verdict as usize]
    }

    /// Every profile counted.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// The groups, problems first, then the largest.
    pub fn groups(&self) -> Vec<&CauseGroup> {
        let mut groups: Vec<&CauseGroup> = self.groups.iter().collect();
        groups.sort_by(|a, b| {
            (a.verdict, std::cmp::Reverse(a.count), &a.profiles).cmp(&(
                b.verdict,
                std::cmp::Reverse(b.count),
                &b.profiles,
            ))
        });
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::row::TopFinding;
    use crate::sweep::source_kind::{BaseKind, SourceKind};

    fn row(name: &str, verdict: Verdict, fix: &str) -> ProfileRow {
        ProfileRow {
            profile: name.to_string(),
            source_kind: SourceKind {
                base: BaseKind::Sso,
                role_hops: 0,
            },
            verdict,
            expires_at: None,
            account: None,
            arn: None,
            top: Some(TopFinding {
                id: FindingId::SsoTokenExpired,
                severity: Severity::Error,
                title: format!("the SSO login of profile '{name}' expired"),
                fix: fix.to_string(),
                shared_fix: None,
            }),
        }
    }

    #[test]
    fn profiles_of_one_sso_session_group_by_its_login() {
        let mut tally = Tally::default();
        for i in 0..8 {
            let mut r = row(
                &format!("sso-{i}"),
                Verdict::Problem,
                &format!(
                    "aws sso login --sso-session corp   # or: aws sso login --profile sso-{i}"
                ),
            );
            if let Some(top) = r.top.as_mut() {
                top.shared_fix = Some("aws sso login --sso-session corp".into());
            }
            tally.add(&r, true);
        }
        let groups = tally.groups();
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].count, 8);
        assert_eq!(groups[0].fix, "aws sso login --sso-session corp");
    }

    #[test]
    fn one_fix_for_many_profiles_is_one_group() {
        let mut tally = Tally::default();
        for i in 0..8 {
            tally.add(
                &row(&format!("p{i}"), Verdict::Problem, "aws sso login"),
                true,
            );
        }
        tally.add(&row("other", Verdict::Problem, "aws sso login --x"), true);
        let groups = tally.groups();
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].count, 8);
        assert_eq!(groups[0].profiles, ["p0", "p1", "p2"]);
        assert_eq!(tally.count(Verdict::Problem), 9);
        assert!(tally.any_error);
    }
}
