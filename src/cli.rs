//! Command-line definitions (clap). No logic here.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Diagnoses AWS credential errors: which credentials your program really
/// picks up, why, and the exact command that fixes what is wrong.
#[derive(Debug, Parser)]
#[command(name = "credwiz", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Extra directory of playbooks for the wizard.
    #[arg(long, global = true, value_name = "DIR")]
    pub playbooks: Vec<PathBuf>,
    /// Wizard: stop at every check, also those that found nothing wrong
    /// (by default they pass by as one line of the path).
    #[arg(long)]
    pub every_step: bool,
    /// Wizard: where `e` writes the transcript (default
    /// $XDG_STATE_HOME/credwiz, else ~/.local/state/credwiz; never under ~/.aws).
    #[arg(long, value_name = "DIR")]
    pub export_dir: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub user_command: UserCommandArgs,
}

/// `-- COMMAND [ARGS…]`: the user's own failing command, run by credwiz.
#[derive(Debug, Args, Clone, Default)]
pub struct UserCommandArgs {
    /// Your failing command, after `--`: credwiz runs it (same environment
    /// and directory, bounded), reads its error and knows its language.
    #[arg(last = true, value_name = "COMMAND")]
    pub command: Vec<String>,
    /// Time limit for COMMAND (and each replay), in seconds; its whole
    /// process group is killed after it.
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = user_limit)]
    pub command_timeout: u64,
    /// Where the fix is a change of environment, replay COMMAND with exactly
    /// that change and say whether it then succeeds (never without this flag).
    #[arg(long)]
    pub verify: bool,
    /// When COMMAND is the AWS CLI, run it again with --debug and show the
    /// credential source it logged beside credwiz's prediction.
    #[arg(long)]
    pub aws_debug: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check everything non-interactively: the chain slot by slot, the files, STS.
    Check(CheckArgs),
    /// Ask the AWS SDK's default chain exactly as your program would (SDK
    /// timeouts and retries included) and print what it returns.
    Resolve(ResolveArgs),
    /// Walk a playbook without the TUI (for runbooks and scripts).
    Run(RunArgs),
    /// S3 request analysis and a live S3 probe.
    S3 {
        #[command(subcommand)]
        command: S3Command,
    },
    /// Repair a finding in your AWS files: shows the change as a diff and
    /// writes it only with --yes (a backup is kept; the undo command is printed).
    Fix(FixArgs),
    /// Work with playbooks.
    Playbooks {
        #[command(subcommand)]
        command: PlaybooksCommand,
    },
    /// credwiz's own worker: one SDK provider in a process group of its own.
    #[command(name = "__sdk-profile-slot", hide = true)]
    SdkWorker { request: String },
    /// Print a shell completion script: `source <(credwiz completions bash)`.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `credwiz man > credwiz.1; man -l credwiz.1`.
    Man,
}

#[derive(Debug, Subcommand)]
pub enum PlaybooksCommand {
    /// Validate playbook files or directories (the shipped ones when none given);
    /// prints every problem and exits 1 if there is any.
    Check { paths: Vec<PathBuf> },
    /// List the playbooks credwiz knows.
    List,
}

#[derive(Debug, Subcommand)]
pub enum S3Command {
    /// Analyse an S3 URL or a pasted curl command offline: endpoint class,
    /// presigned and mixed authentication, expiry, region.
    Inspect(S3InspectArgs),
    /// Call S3 with the resolved credentials (ListBuckets, HeadBucket,
    /// HeadObject) and say which rejection it is, if any.
    Probe(S3ProbeArgs),
}

#[derive(Debug, Args, Clone, Default)]
pub struct S3InspectArgs {
    /// The request URL (quote it: it usually holds '&').
    #[arg(required_unless_present = "curl", conflicts_with = "curl")]
    pub url: Option<String>,
    /// A request header, as curl takes it: -H 'Name: value' (repeatable).
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,
    /// A whole curl command, pasted as one argument.
    #[arg(long, value_name = "COMMAND")]
    pub curl: Option<String>,
    #[command(flatten)]
    pub format: OutputFormat,
}

#[derive(Debug, Args, Clone, Default)]
pub struct S3ProbeArgs {
    /// Bucket to HeadBucket.
    #[arg(long)]
    pub bucket: Option<String>,
    /// Key to HeadObject (needs --bucket).
    #[arg(long, requires = "bucket")]
    pub key: Option<String>,
    #[command(flatten)]
    pub selection: Selection,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args, Clone, Default)]
pub struct RunArgs {
    /// The playbook id (see `credwiz playbooks list`). Optional with
    /// --error-text: triage then picks it from the error, as the wizard does.
    pub playbook: Option<String>,
    /// Answer a question: NODE=OPTION (repeatable).
    #[arg(long = "answer", value_name = "NODE=OPTION")]
    pub answers: Vec<String>,
    /// Take the answer credwiz detected where no --answer is given.
    #[arg(long)]
    pub accept_detected: bool,
    #[command(flatten)]
    pub selection: Selection,
    #[command(flatten)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub situation: Situation,
    #[command(flatten)]
    pub user_command: UserCommandArgs,
}

/// What the failing program saw, for the commands that diagnose it.
#[derive(Debug, Args, Clone, Default)]
pub struct Situation {
    /// No network I/O at all: slots that need it are reported as not tried.
    #[arg(long)]
    pub offline: bool,
    /// The error message your program printed (e.g. an AccessDenied).
    #[arg(long, value_name = "TEXT")]
    pub error_text: Option<String>,
    /// Let the SDK refresh a cached SSO token that is about to expire (it
    /// rewrites the file under ~/.aws/sso/cache); without this credwiz only
    /// says that your program would.
    #[arg(long)]
    pub allow_refresh: bool,
    /// The SDK your program uses; the report leads with its answer
    /// (default: what --error-text reveals, else rust).
    #[arg(long, value_name = "rust|python|node", value_parser = parse_sdk)]
    pub sdk: Option<crate::inputs::program::Sdk>,
    /// Run the SDK installed here (python3's botocore, or node with
    /// --project-dir's node_modules) as ground truth, bounded to 20 s. It may
    /// run a credential_process or call AWS, as your program would.
    #[arg(long, value_name = "python|node", value_parser = parse_sdk, conflicts_with = "offline")]
    pub probe_sdk: Option<crate::inputs::program::Sdk>,
    /// The Node.js project whose node_modules --probe-sdk node uses.
    #[arg(long, value_name = "DIR")]
    pub project_dir: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub s3: S3Inputs,
}

/// Selection shared by the commands that resolve credentials.
#[derive(Debug, Args, Clone, Default)]
pub struct Selection {
    /// Profile to diagnose, as `--profile` of the AWS CLI (wins over AWS_PROFILE).
    #[arg(long)]
    pub profile: Option<String>,
    /// Region to use (wins over AWS_REGION and the profile's region).
    #[arg(long)]
    pub region: Option<String>,
}

/// S3 inputs for the checks that look at a request or a bucket.
#[derive(Debug, Args, Clone, Default)]
pub struct S3Inputs {
    /// The S3 request your program sent: a URL or a whole curl command
    /// (a URL inside --error-text is picked up too).
    #[arg(long, value_name = "URL_OR_CURL")]
    pub s3_request: Option<String>,
    /// Probe this bucket live with the resolved credentials.
    #[arg(long, value_name = "BUCKET")]
    pub s3_bucket: Option<String>,
    /// And this key in it.
    #[arg(long, value_name = "KEY", requires = "s3_bucket")]
    pub s3_key: Option<String>,
}

/// How to print a report.
#[derive(Debug, Args, Clone, Default)]
pub struct OutputFormat {
    /// Print the JSON report (stable contract, see README).
    #[arg(long, conflicts_with = "markdown")]
    pub json: bool,
    /// Print a Markdown report for a ticket or runbook.
    #[arg(long)]
    pub markdown: bool,
}

#[derive(Debug, Args, Clone, Default)]
pub struct CheckArgs {
    #[command(flatten)]
    pub selection: Selection,
    #[command(flatten)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub situation: Situation,
    /// Show every slot's detail and the AWS_* variables (masked).
    #[arg(short, long)]
    pub verbose: bool,
    /// The account these credentials should belong to.
    #[arg(long, value_name = "ACCOUNT_ID")]
    pub expect_account: Option<String>,
    /// Wait as long as the SDK would for IMDS and the container endpoint
    /// (1 s per attempt, several attempts) instead of credwiz's short probes.
    #[arg(long)]
    pub sdk_timeouts: bool,
    /// Time limit for a profile's credential_process, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = user_limit)]
    pub process_timeout: u64,
    #[command(flatten)]
    pub sweep: SweepArgs,
    #[command(flatten)]
    pub user_command: UserCommandArgs,
}

/// `check --all-profiles`: every profile of the config and credentials files.
#[derive(Debug, Args, Clone, Default)]
pub struct SweepArgs {
    /// Check every profile found in the config and credentials files, at once
    /// (--json prints one object per profile, as JSON Lines).
    #[arg(long, conflicts_with = "profile")]
    pub all_profiles: bool,
    /// With --all-profiles: how many profiles to check at the same time.
    #[arg(long, value_name = "N", requires = "all_profiles", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
    /// With --all-profiles: time limit for one profile's whole check, in seconds.
    #[arg(
        long,
        value_name = "SECONDS",
        requires = "all_profiles",
        default_value_t = 30,
        value_parser = user_limit
    )]
    pub profile_timeout: u64,
}

/// `credwiz fix FINDING_ID`: the one way credwiz writes under ~/.aws.
#[derive(Debug, Args, Clone, Default)]
pub struct FixArgs {
    /// The finding to repair, as `check` names it (key.whitespace,
    /// files.credentials_profile_prefix, region.missing, ...).
    #[arg(value_name = "FINDING_ID")]
    pub finding: String,
    /// Only this profile's sections (default: every section the finding names).
    #[arg(long)]
    pub profile: Option<String>,
    /// The region region.missing writes.
    #[arg(long)]
    pub region: Option<String>,
    /// Write the change (a backup of each file is kept). Without it credwiz
    /// only shows the diff.
    #[arg(long, conflicts_with = "dry_run")]
    pub yes: bool,
    /// Show the diff and write nothing (the default without --yes).
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args, Clone, Default)]
pub struct ResolveArgs {
    /// Profile, as the SDK's `profile_name` (wins over AWS_PROFILE).
    #[arg(long)]
    pub profile: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Stop waiting for the SDK's chain after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = crate::probes::bounds::RESOLVE_DEFAULT_SECS, value_parser = user_limit)]
    pub timeout: u64,
}

/// A time limit in seconds, at most [`USER_LIMIT_MAX_SECS`] (one day).
///
/// [`USER_LIMIT_MAX_SECS`]: crate::probes::bounds::USER_LIMIT_MAX_SECS
fn user_limit(text: &str) -> Result<u64, String> {
    let max = crate::probes::bounds::USER_LIMIT_MAX_SECS;
    match text.parse::<u64>() {
        Ok(secs) if secs <= max => Ok(secs),
        _ => Err(format!("expected a number of seconds from 0 to {max}")),
    }
}

fn parse_sdk(text: &str) -> Result<crate::inputs::program::Sdk, String> {
    crate::inputs::program::Sdk::parse(text)
        .ok_or_else(|| format!("unknown SDK {text:?}: expected rust, python or node"))
}
