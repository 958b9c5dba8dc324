//! Every profile at once: one diagnosis per profile found in the config and
//! credentials files, run by a bounded number of workers, each bounded in
//! time, sharing what can be shared (one read and lint of the files, one
//! look at each SSO session's token, one GetCallerIdentity per distinct
//! credential). This module probes and returns values; it never prints.

mod closure;
mod row;
pub mod source_kind;
mod tally;

use crate::diagnosis::{diagnose_sharing, DiagnoseRequest, Diagnosis, Inputs};
use crate::evidence::shared::{SharedCounts, SharedWork};
use crate::findings::{Finding, FindingId, Severity};
use crate::inputs::environment::EnvSnapshot;
use crate::inputs::files::AwsFiles;
use crate::inputs::gathered::known_secrets;
use crate::inputs::profile_plan;
use crate::inputs::profile_selection::{ProfileSelection, ProfileSource};
use crate::text::mask::Scrubber;
use closure::Closures;
pub use row::{ProfileResult, ProfileRow, TopFinding, Verdict};
pub use source_kind::SourceKind;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
pub use tally::{CauseGroup, Tally};

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

/// The whole sweep once it is over: the summary, and the rows when the
/// caller asked to keep them (the wizard's table).
#[derive(Debug, Clone)]
pub struct SweepReport {
    /// One row per profile, problems first; empty unless `keep_rows`.
    pub rows: Vec<ProfileRow>,
    /// Counts per verdict and the profiles needing attention by cause.
    pub tally: Tally,
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
        self.tally.count(verdict)
    }

    /// 1 when any profile (or the files) has an error finding, else 0.
    pub fn exit_code(&self) -> i32 {
        let file_errors = self
            .file_findings
            .iter()
            .any(|f| f.severity == Severity::Error);
        i32::from(self.tally.any_error || file_errors || self.count(Verdict::Problem) > 0)
    }
}

/// Progress as profiles finish: (done, total).
pub type Progress = Arc<dyn Fn(usize, usize) + Send + Sync>;

/// A sweep whose files are read, linted and cut, ready to run.
pub struct Sweep {
    context: Arc<SweepContext>,
    file_findings: Vec<Finding>,
    started: Instant,
}

impl Sweep {
    /// Reads and lints the files once and cuts them into each profile's
    /// closure for aws-config.
    pub async fn prepare(env: EnvSnapshot, options: &SweepOptions) -> Sweep {
        let started = Instant::now();
        let files = Arc::new(AwsFiles::load(&env));
        let names = files.profile_names();
        // The files are linted once here and reported once, not per profile.
        let file_findings = crate::rules::files::findings(&files);
        let scrubber = Arc::new(known_secrets(&env, &files));
        let raw = crate::inputs::raw_files::RawFiles::load(&env);
        let closures = Closures::new(&files, &raw).await;
        let sdk_files = Arc::new(crate::inputs::sdk_files::SdkFiles::load(&env, &raw));
        let context = Arc::new(SweepContext {
            raw: Arc::new(raw),
            sdk_files,
            closures,
            env,
            files,
            shared: Arc::new(SharedWork::new()),
            scrubber,
            options: options.clone(),
            names,
            next: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
        });
        Sweep {
            context,
            file_findings,
            started,
        }
    }

    /// The scrubber that knows every secret in the files and environment.
    pub fn scrubber(&self) -> Arc<Scrubber> {
        self.context.scrubber.clone()
    }

    /// The profiles it will check, in the order their results come.
    pub fn names(&self) -> &[String] {
        &self.context.names
    }

    /// The source kinds of every profile, for sizing a table before it runs.
    pub fn source_kinds(&self) -> impl Iterator<Item = SourceKind> + '_ {
        let files = &self.context.files;
        self.context
            .names
            .iter()
            .map(|name| SourceKind::of(&profile_plan::plan(files, name)))
    }

    /// Diagnoses every profile, `jobs` at a time, and hands each result to
    /// `sink` in profile order as soon as it and those before it are done;
    /// afterwards only its row (if `keep_rows`) and the tally remain.
    pub async fn run(
        self,
        progress: Progress,
        keep_rows: bool,
        mut sink: impl FnMut(&ProfileResult),
    ) -> SweepReport {
        let context = self.context;
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let mut workers = tokio::task::JoinSet::new();
        for _ in 0..context.options.jobs.clamp(1, context.names.len().max(1)) {
            let (context, tx) = (context.clone(), tx.clone());
            workers.spawn(async move { context.work(tx).await });
        }
        drop(tx);
        let mut tally = Tally::default();
        let mut rows = Vec::new();
        let mut finish = |result: ProfileResult| {
            sink(&result);
            let row = ProfileRow::of(&result);
            tally.add(
                &row,
                crate::findings::has_errors(&result.diagnosis.findings),
            );
            if keep_rows {
                rows.push(row);
            }
        };
        // Results that finished before an earlier profile: held until it is done.
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        while let Some((index, result)) = rx.recv().await {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&next) {
                finish(result);
                next += 1;
            }
            let done = context.done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(done, context.names.len());
        }
        // A worker that panicked lost its profile; the rest still count.
        for (_, result) in std::mem::take(&mut waiting) {
            finish(result);
        }
        while workers.join_next().await.is_some() {}
        rows.sort_by(|a, b| (a.verdict, &a.profile).cmp(&(b.verdict, &b.profile)));
        SweepReport {
            rows,
            tally,
            file_findings: self.file_findings,
            shared: context.shared.counts(),
            took: self.started.elapsed(),
            offline: context.options.request.offline,
            scrubber: context.scrubber.clone(),
        }
    }
}

/// Reads the files once and diagnoses every profile in them, keeping rows.
pub async fn sweep(env: EnvSnapshot, options: &SweepOptions, progress: Progress) -> SweepReport {
    Sweep::prepare(env, options)
        .await
        .run(progress, true, |_| {})
        .await
}

/// What every worker reads.
struct SweepContext {
    env: EnvSnapshot,
    raw: Arc<crate::inputs::raw_files::RawFiles>,
    sdk_files: Arc<crate::inputs::sdk_files::SdkFiles>,
    closures: Closures,
    files: Arc<AwsFiles>,
    shared: Arc<SharedWork>,
    scrubber: Arc<Scrubber>,
    options: SweepOptions,
    names: Vec<String>,
    next: AtomicUsize,
    done: AtomicUsize,
}

type Finished = (usize, ProfileResult);

impl SweepContext {
    /// Takes the next profile until none is left.
    async fn work(&self, tx: tokio::sync::mpsc::UnboundedSender<Finished>) {
        loop {
            let index = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(name) = self.names.get(index) else {
                return;
            };
            let result = self.one(name).await;
            if tx.send((index, result)).is_err() {
                return;
            }
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
            profile_files: self.closures.for_profile(name),
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
