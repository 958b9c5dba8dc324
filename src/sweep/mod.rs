//! Every profile at once: one diagnosis per profile found in the config and
//! credentials files, run by a bounded number of workers, each bounded in
//! time, sharing what can be shared (one read and lint of the files, one
//! look at each SSO session's token, one GetCallerIdentity per distinct
//! credential). This module probes and returns values; it never prints.

pub mod source_kind;

use crate::diagnosis::{diagnose_sharing, DiagnoseRequest, Diagnosis, Inputs};
use crate::evidence::shared::{SharedCounts, SharedWork};
use crate::findings::{Finding, FindingId, Severity};
use crate::inputs::environment::EnvSnapshot;
use crate::inputs::files::AwsFiles;
use crate::inputs::gathered::known_secrets;
use crate::inputs::profile_plan;
use crate::inputs::profile_selection::{ProfileSelection, ProfileSource};
use crate::text::mask::Scrubber;
pub use source_kind::SourceKind;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Workers when `--jobs` is not given: enough to overlap network waits on a
/// laptop without opening a flood of connections.
pub const DEFAULT_JOBS: usize = 8;
/// How long one profile may take, all its waits together, by default.
pub const DEFAULT_PROFILE_TIMEOUT: Duration = Duration::from_secs(30);

/// How to sweep.
#[derive(Debug, Clone)]
pub struct SweepOptions {
    /// The request every profile's diagnosis starts from (region, offline,
    /// timeouts); its `profile` is replaced by each profile in turn.
    pub request: DiagnoseRequest,
    /// Profiles checked at once.
    pub jobs: usize,
    /// Time limit for one profile's whole diagnosis.
    pub profile_timeout: Duration,
}

/// How one profile fared, in the words of the doctor-style marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// ✗: an error finding, or no credentials.
    Problem,
    /// !: works, with warnings.
    Attention,
    /// ·: offline, and the profile needs the network or a program.
    Unverified,
    /// ✓: credentials resolved (and, online, STS knows who they are).
    Ok,
}

impl Verdict {
    /// The mark shown in tables.
    pub fn mark(self) -> &'static str {
        match self {
            Verdict::Problem => "✗",
            Verdict::Attention => "!",
            Verdict::Unverified => "·",
            Verdict::Ok => "✓",
        }
    }

    fn of(diagnosis: &Diagnosis) -> Verdict {
        let worst = crate::diagnosis::worst_severity(&diagnosis.findings);
        let unresolved_online = diagnosis.resolved.is_none() && !diagnosis.offline;
        if worst == Some(Severity::Error) || unresolved_online {
            Verdict::Problem
        } else if worst == Some(Severity::Warning) {
            Verdict::Attention
        } else if diagnosis.resolved.is_none() {
            Verdict::Unverified
        } else {
            Verdict::Ok
        }
    }
}

/// One profile's result.
#[derive(Debug, Clone)]
pub struct ProfileResult {
    pub profile: String,
    pub source_kind: SourceKind,
    pub verdict: Verdict,
    pub diagnosis: Diagnosis,
    /// How long its diagnosis took.
    pub took: Duration,
}

impl ProfileResult {
    /// The finding to show first: the worst (findings are sorted errors first).
    pub fn top_finding(&self) -> Option<&Finding> {
        self.diagnosis
            .findings
            .iter()
            .find(|f| f.severity != Severity::Info)
            .or_else(|| self.diagnosis.findings.first())
    }
}

/// The whole sweep, problems first.
#[derive(Debug, Clone)]
pub struct SweepReport {
    pub results: Vec<ProfileResult>,
    /// Findings about the files themselves, found once for all profiles.
    pub file_findings: Vec<Finding>,
    pub shared: SharedCounts,
    pub took: Duration,
    pub offline: bool,
    /// Every secret in the files and the environment, for the last scrub.
    scrubber: Arc<Scrubber>,
}

impl SweepReport {
    /// Text with every known secret hidden: the views' last pass.
    pub fn scrub<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        self.scrubber.scrub(text)
    }

    /// How many profiles got each verdict.
    pub fn count(&self, verdict: Verdict) -> usize {
        self.results.iter().filter(|r| r.verdict == verdict).count()
    }

    /// 1 when any profile (or the files) has an error finding, else 0.
    pub fn exit_code(&self) -> i32 {
        let errors = self
            .results
            .iter()
            .flat_map(|r| &r.diagnosis.findings)
            .chain(&self.file_findings)
            .any(|f| f.severity == Severity::Error);
        i32::from(errors || self.count(Verdict::Problem) > 0)
    }
}

/// Progress as profiles finish: (done, total).
pub type Progress = Arc<dyn Fn(usize, usize) + Send + Sync>;

/// Reads the files once and diagnoses every profile in them.
pub async fn sweep(env: EnvSnapshot, options: &SweepOptions, progress: Progress) -> SweepReport {
    let started = Instant::now();
    let files = Arc::new(AwsFiles::load(&env));
    let names = files.profile_names();
    let shared = Arc::new(SharedWork::new());
    // The files are linted once here and reported once, not per profile.
    let file_findings = crate::rules::files::findings(&files);
    let scrubber = Arc::new(known_secrets(&env, &files));
    let raw = crate::inputs::raw_files::RawFiles::load(&env);
    let sdk_files = Arc::new(crate::inputs::sdk_files::SdkFiles::load(&env, &raw));
    let context = Arc::new(SweepContext {
        raw: Arc::new(raw),
        sdk_files,
        env,
        files,
        shared: shared.clone(),
        scrubber: scrubber.clone(),
        options: options.clone(),
        names,
        next: AtomicUsize::new(0),
        done: AtomicUsize::new(0),
        progress,
    });
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..options.jobs.clamp(1, context.names.len().max(1)) {
        let context = context.clone();
        workers.spawn(async move { context.work().await });
    }
    let mut results = Vec::with_capacity(context.names.len());
    while let Some(finished) = workers.join_next().await {
        // A worker that panicked loses its current profile; the others go on.
        if let Ok(mut batch) = finished {
            results.append(&mut batch);
        }
    }
    results.sort_by(|a, b| (a.verdict, &a.profile).cmp(&(b.verdict, &b.profile)));
    SweepReport {
        results,
        file_findings,
        shared: shared.counts(),
        took: started.elapsed(),
        offline: options.request.offline,
        scrubber,
    }
}

/// What every worker reads.
struct SweepContext {
    env: EnvSnapshot,
    raw: Arc<crate::inputs::raw_files::RawFiles>,
    sdk_files: Arc<crate::inputs::sdk_files::SdkFiles>,
    files: Arc<AwsFiles>,
    shared: Arc<SharedWork>,
    scrubber: Arc<Scrubber>,
    options: SweepOptions,
    names: Vec<String>,
    next: AtomicUsize,
    done: AtomicUsize,
    progress: Progress,
}

impl SweepContext {
    /// Takes the next profile until none is left.
    async fn work(&self) -> Vec<ProfileResult> {
        let mut results = Vec::new();
        loop {
            let index = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(name) = self.names.get(index) else {
                return results;
            };
            results.push(self.one(name).await);
            let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
            (self.progress)(done, self.names.len());
        }
    }

    async fn one(&self, name: &str) -> ProfileResult {
        let started = Instant::now();
        let plan = profile_plan::plan(&self.files, name);
        let source_kind = SourceKind::of(&plan);
        let inputs = Inputs {
            env: self.env.clone(),
            files: self.files.clone(),
            selection: ProfileSelection {
                name: name.to_string(),
                source: ProfileSource::AllProfiles,
            },
            plan,
            scrubber: self.scrubber.clone(),
            raw: self.raw.clone(),
            sdk_files: self.sdk_files.clone(),
        };
        let request = DiagnoseRequest {
            profile: Some(name.to_string()),
            ..self.options.request.clone()
        };
        let limit = self.options.profile_timeout;
        let diagnosis = match tokio::time::timeout(
            limit,
            diagnose_sharing(&request, &inputs, Some(&self.shared)),
        )
        .await
        {
            Ok(diagnosis) => diagnosis,
            Err(_) => timed_out(name, limit, request.offline),
        };
        ProfileResult {
            profile: name.to_string(),
            source_kind,
            verdict: Verdict::of(&diagnosis),
            diagnosis,
            took: started.elapsed(),
        }
    }
}

/// The diagnosis of a profile that ran out of time.
fn timed_out(name: &str, limit: Duration, offline: bool) -> Diagnosis {
    let mut diagnosis = Diagnosis::pending(name);
    diagnosis.profile.source = ProfileSource::AllProfiles;
    diagnosis.offline = offline;
    diagnosis.findings.push(Finding::new(
        FindingId::SweepProfileTimedOut,
        format!(
            "checking profile '{name}' took longer than {} s",
            limit.as_secs()
        ),
        "its credential source or STS did not answer in time".to_string(),
        format!(
            "credwiz check --profile {}   # see which step hangs",
            shell_words::quote(name)
        ),
    ));
    diagnosis
}
