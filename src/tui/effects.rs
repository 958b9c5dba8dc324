//! Carries out the [`Cmd`]s that `update` returns: diagnoses and checks off
//! the UI thread, the clipboard escape, the transcript file. Every result
//! comes back to the loop as a [`Msg`].

use crate::checks::runner;
use crate::diagnosis::{diagnose, DiagnoseRequest, Inputs};
use crate::inputs::environment::EnvSnapshot;
use crate::tui::update::{Cmd, Msg};
use std::io::Write;
use tokio::sync::mpsc::UnboundedSender;
use tokio_util::sync::CancellationToken;

/// The runtime side of the Elm loop.
pub struct Effects {
    tx: UnboundedSender<Msg>,
    /// Cancels the diagnosis under way, if any.
    diagnosis: Option<CancellationToken>,
}

impl Effects {
    pub fn new(tx: UnboundedSender<Msg>) -> Effects {
        Effects {
            tx,
            diagnosis: None,
        }
    }

    /// Starts one command; never blocks on I/O.
    pub fn run(&mut self, cmd: Cmd) {
        match cmd {
            Cmd::Diagnose {
                generation,
                request,
            } => {
                if let Some(old) = self.diagnosis.take() {
                    old.cancel();
                }
                let token = CancellationToken::new();
                self.diagnosis = Some(token.clone());
                // The local facts first, on their own thread: the walk can
                // start on them while the network probes run.
                let local = DiagnoseRequest {
                    offline: true,
                    ..(*request).clone()
                };
                diagnose_in_background(generation, local, token.clone(), self.tx.clone());
                diagnose_in_background(generation, *request, token, self.tx.clone());
            }
            Cmd::CancelDiagnosis => self.cancel(),
            Cmd::Evaluate {
                check,
                session_generation,
                diagnosis_generation,
                diagnosis,
            } => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let evidence = runner::evaluate(&check, &diagnosis);
                    let _ = tx.send(Msg::Checked {
                        session_generation,
                        diagnosis_generation,
                        evidence,
                    });
                });
            }
            Cmd::SweepProfiles => sweep_in_background(self.tx.clone()),
            Cmd::Copy(text) => {
                // The terminal (or tmux, or ssh's far end) puts this on the
                // clipboard; the status line shows the text for manual copy
                // where the terminal does not support OSC 52.
                let mut out = std::io::stdout();
                // What lands on the clipboard gets pasted into a shell next.
                let inert = crate::text::sanitize::sanitize_block(&text);
                let _ = write!(out, "\x1b]52;c;{}\x07", base64(inert.as_bytes()));
                let _ = out.flush();
            }
            Cmd::PlanFix(request) => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let r = *request;
                    let planned = plan_fix(r.id, &r.profile, &r.inputs, &r.findings);
                    let _ = tx.send(Msg::FixPlanned(planned));
                });
            }
            Cmd::ApplyFix(plan) => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let _ = tx.send(Msg::FixApplied(apply_fix(&plan)));
                });
            }
            // The loop carries this out itself: it owns the terminal.
            Cmd::RunInTerminal(_) => {}
            Cmd::Replay {
                argv,
                timeout,
                edits,
                file,
                finding,
            } => replay_in_background(argv, timeout, (edits, file), finding, self.tx.clone()),
            Cmd::Export(markdown, dir) => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    // One more pass with every secret credwiz can see now.
                    let inputs = Inputs::gather(EnvSnapshot::capture(), None);
                    let scrubbed = inputs.scrubber.scrub(&markdown);
                    let clean = crate::text::sanitize::sanitize_block(&scrubbed).into_owned();
                    let _ = tx.send(Msg::Exported(
                        crate::tui::transcript_file::write_transcript(
                            &clean,
                            &inputs.env,
                            dir.as_deref(),
                        ),
                    ));
                });
            }
        }
    }

    /// Stops the diagnosis under way.
    pub fn cancel(&mut self) {
        if let Some(token) = self.diagnosis.take() {
            token.cancel();
        }
    }
}

/// Runs the user's command again with a finding's change of environment.
fn replay_in_background(
    argv: Vec<String>,
    timeout: std::time::Duration,
    (edits, file): (Vec<crate::findings::EnvEdit>, Option<String>),
    finding: String,
    tx: UnboundedSender<Msg>,
) {
    tokio::spawn(async move {
        let inputs = Inputs::gather(EnvSnapshot::capture(), None);
        let mut env: Vec<(String, String)> = inputs
            .env
            .all()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        crate::findings::EnvEdit::apply(&edits, &mut env);
        // The wizard owns the screen: the output is read, not shown.
        let run = crate::probes::user_command::run(&argv, &env, timeout, &mut |_: &str| {}).await;
        let report =
            crate::report::command::ReplayReport::from_run(edits, &finding, &run, &inputs.scrubber)
                .after_file_fix(file);
        let _ = tx.send(Msg::Replayed(Box::new(report)));
    });
}

/// Checks every profile on its own thread and runtime, reporting progress.
fn sweep_in_background(tx: UnboundedSender<Msg>) {
    let progress_tx = tx.clone();
    let _ = std::thread::Builder::new()
        .name("credwiz-sweep".into())
        .spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            let options = crate::sweep::SweepOptions {
                request: DiagnoseRequest::default(),
                jobs: crate::sweep::DEFAULT_JOBS,
                profile_timeout: crate::sweep::DEFAULT_PROFILE_TIMEOUT,
            };
            let progress: crate::sweep::Progress = std::sync::Arc::new(move |done, total| {
                let _ = progress_tx.send(Msg::SweepProgress(done, total));
            });
            let report = runtime.block_on(crate::sweep::sweep(
                EnvSnapshot::capture(),
                &options,
                progress,
            ));
            let _ = tx.send(Msg::Swept(Box::new(report)));
        });
}

/// Runs the diagnosis on its own thread and runtime, so that nothing it does
/// (file reads, a slow credential_process, STS timeouts) can stall the UI.
fn diagnose_in_background(
    generation: u64,
    request: DiagnoseRequest,
    token: CancellationToken,
    tx: UnboundedSender<Msg>,
) {
    let failed = tx.clone();
    let spawned = std::thread::Builder::new()
        .name("credwiz-diagnose".into())
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(e) => {
                    let _ = tx.send(Msg::DiagnosisFailed {
                        generation,
                        error: e.to_string(),
                    });
                    return;
                }
            };
            runtime.block_on(async {
                let inputs = Inputs::gather(EnvSnapshot::capture(), None);
                tokio::select! {
                    _ = token.cancelled() => {}
                    diagnosis = diagnose(&request, &inputs) => {
                        let diagnosis = Box::new(diagnosis);
                        let msg = if request.offline {
                            Msg::LocalDiagnosed { generation, diagnosis }
                        } else {
                            Msg::Diagnosed { generation, diagnosis }
                        };
                        let _ = tx.send(msg);
                    }
                }
            });
        });
    if let Err(e) = spawned {
        let _ = failed.send(Msg::DiagnosisFailed {
            generation,
            error: e.to_string(),
        });
    }
}

/// Standard base64 with padding, for the OSC 52 escape.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Plans a file fix with every secret credwiz can see known to the diff's
/// scrubber; a refusal comes back in words.
fn plan_fix(
    id: crate::findings::FindingId,
    profile: &str,
    inputs: &crate::fixes::FixInputs,
    findings: &[crate::findings::Finding],
) -> Result<Box<crate::fixes::FixPlan>, String> {
    let seen = Inputs::gather(EnvSnapshot::capture(), Some(profile));
    crate::fixes::plan(id, findings, Some(profile), inputs, &seen.scrubber)
        .map(Box::new)
        .map_err(|error| {
            let finding_fix = findings.iter().find(|f| f.id == id).map(|f| f.fix.as_str());
            let why = crate::report::file_fix::plan_error(id, profile, &error, finding_fix);
            seen.scrubber.scrub(&why).into_owned()
        })
}

/// Writes a confirmed file fix: what was written and how to undo it.
fn apply_fix(plan: &crate::fixes::FixPlan) -> Result<Vec<String>, String> {
    use crate::report::file_fix::{apply_error, written};
    match crate::fixes::apply(plan) {
        Ok(done) => Ok(done.iter().map(written).collect()),
        Err((done, error)) => {
            let mut lines: Vec<String> = done.iter().map(written).collect();
            lines.push(apply_error(&error, "press f again"));
            Err(lines.join(" "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_the_rfc_examples() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
