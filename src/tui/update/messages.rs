//! What the wizard's loop hands `update` ([`Msg`]) and what `update` asks
//! the runtime to do ([`Cmd`]): async results come back as messages.

use super::file_fix;
use crate::checks::runner::Evidence;
use crate::diagnosis::{DiagnoseRequest, Diagnosis};
use crossterm::event::KeyEvent;
use std::path::PathBuf;

/// Everything that can happen to the wizard.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    /// A bracketed paste.
    Paste(String),
    Resize(u16, u16),
    /// Spinner clock.
    Tick,
    /// A diagnosis run finished.
    Diagnosed {
        generation: u64,
        diagnosis: Box<Diagnosis>,
    },
    /// The local facts of a run (its offline twin) are in.
    LocalDiagnosed {
        generation: u64,
        diagnosis: Box<Diagnosis>,
    },
    /// A diagnosis run could not even start.
    DiagnosisFailed {
        generation: u64,
        error: String,
    },
    /// A check of the walk reported, for the session and diagnosis generations
    /// it was started with.
    Checked {
        session_generation: u64,
        diagnosis_generation: u64,
        evidence: Evidence,
    },
    /// The every-profile sweep moved on: (done, total).
    SweepProgress(usize, usize),
    /// The every-profile sweep finished.
    Swept(Box<crate::sweep::SweepReport>),
    /// The transcript was written (or why not).
    Exported(Result<PathBuf, String>),
    /// The file fix `f` asked for was planned (or why not, in words).
    FixPlanned(Result<Box<crate::fixes::FixPlan>, String>),
    /// The confirmed file fix was written: what, and how to undo (or why not).
    FixApplied(Result<Vec<String>, String>),
    /// The command run in the terminal ended: its exit code, or why it did not run.
    RanInTerminal(Result<Option<i32>, String>),
    /// The user's command ran again with a fix's change of environment.
    Replayed(Box<crate::report::command::ReplayReport>),
    /// SIGTERM, SIGHUP: leave cleanly.
    Terminate,
}

/// Work for the runtime; results come back as [`Msg`]s.
#[derive(Debug, Clone)]
pub enum Cmd {
    /// Run a full diagnosis (cancelling any older run), and its local
    /// facts first ([`Msg::LocalDiagnosed`]).
    Diagnose {
        generation: u64,
        request: Box<DiagnoseRequest>,
    },
    /// Evaluate a registered check on a diagnosis.
    Evaluate {
        check: String,
        session_generation: u64,
        diagnosis_generation: u64,
        diagnosis: Box<Diagnosis>,
    },
    /// Stop the network probes under way (the person skipped them).
    CancelDiagnosis,
    /// Check every profile of the files.
    SweepProfiles,
    /// Put text on the clipboard with OSC 52.
    Copy(String),
    /// Write this Markdown transcript to a file in this folder (default:
    /// the state folder, see `transcript_file::export_dir`).
    Export(String, Option<PathBuf>),
    /// Plan the file edit that repairs a finding (reads the file).
    PlanFix(Box<file_fix::FixRequest>),
    /// Write a plan the person confirmed with `y`.
    ApplyFix(Box<crate::fixes::FixPlan>),
    /// Hand the terminal to this command (argv); the loop, which owns it, runs it.
    RunInTerminal(Vec<String>),
    /// Run the user's command again with a finding's change of environment.
    Replay {
        argv: Vec<String>,
        timeout: std::time::Duration,
        edits: Vec<crate::findings::EnvEdit>,
        /// The file a written fix changed, when the replay is after it.
        file: Option<String>,
        finding: String,
    },
}
