//! Carries out the [`Cmd`]s that `update` returns: diagnoses and checks off
//! the UI thread, the clipboard escape, the transcript file. Every result
//! comes back to the loop as a [`Msg`].

use crate::checks::runner;
use crate::diagnosis::{diagnose, DiagnoseRequest, Inputs};
use crate::inputs::environment::EnvSnapshot;
use crate::tui::update::{Cmd, Msg};
use std::io::Write;
use std::path::{Path, PathBuf};
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
            Cmd::Export(markdown, dir) => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    // One more pass with every secret credwiz can see now.
                    let inputs = Inputs::gather(EnvSnapshot::capture(), None);
                    let scrubbed = inputs.scrubber.scrub(&markdown);
                    let clean = crate::text::sanitize::sanitize_block(&scrubbed).into_owned();
                    let _ = tx.send(Msg::Exported(write_transcript(
                        &clean,
                        &inputs.env,
                        dir.as_deref(),
                    )));
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

/// Writes the transcript into `--export-dir`, or the state folder
/// (`$XDG_STATE_HOME/credwiz`, else `~/.local/state/credwiz`), and returns
/// its full path. Never under ~/.aws, also not through a symbolic link:
/// credwiz does not write next to credentials.
fn write_transcript(
    markdown: &str,
    env: &EnvSnapshot,
    chosen: Option<&Path>,
) -> Result<PathBuf, String> {
    let dir = match chosen {
        Some(dir) => dir.to_path_buf(),
        None => export_dir(env).ok_or("no HOME and no XDG_STATE_HOME to write to")?,
    };
    // Checked before anything is created: not even a folder under ~/.aws.
    let resolved = resolved_path(&dir);
    if let Some(aws) = env.home_dir().map(|h| h.join(".aws")) {
        let aws = std::fs::canonicalize(&aws).unwrap_or(aws);
        if resolved.starts_with(&aws) {
            return Err(format!(
                "{} is inside {}; credwiz does not write there (choose another --export-dir)",
                dir.display(),
                aws.display()
            ));
        }
    }
    std::fs::create_dir_all(&resolved).map_err(|e| format!("{}: {e}", dir.display()))?;
    let dir = resolved;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    create_in(&dir, stamp, markdown).map_err(|e| format!("{}: {e}", dir.display()))
}

/// `path` with its symbolic links resolved as far as it exists (the rest
/// appended as written), and made absolute.
fn resolved_path(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// The default transcript folder: `$XDG_STATE_HOME/credwiz` when that is an
/// absolute path (the XDG rule), else `~/.local/state/credwiz`.
pub fn export_dir(env: &EnvSnapshot) -> Option<PathBuf> {
    let state = env
        .get("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = match state {
        Some(state) => state,
        None => env.home_dir()?.join(".local").join("state"),
    };
    Some(base.join("credwiz"))
}

fn create_in(dir: &Path, stamp: u64, markdown: &str) -> std::io::Result<PathBuf> {
    let mut last = None;
    for n in 0..100 {
        let name = if n == 0 {
            format!("credwiz-transcript-{stamp}.md")
        } else {
            format!("credwiz-transcript-{stamp}-{n}.md")
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(markdown.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free file name")))
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

#[cfg(test)]
mod tests {
    use super::{base64, export_dir, write_transcript};
    use crate::inputs::environment::EnvSnapshot;

    #[test]
    fn transcripts_go_to_the_state_folder_and_never_under_aws() {
        let home = tempfile::tempdir().unwrap();
        let aws = home.path().join(".aws");
        std::fs::create_dir(&aws).unwrap();
        let home_str = home.path().display().to_string();
        let env = EnvSnapshot::from_pairs([("HOME", home_str.as_str())]);
        let default = export_dir(&env).unwrap();
        assert_eq!(default, home.path().join(".local/state/credwiz"));
        let state = home.path().join("xdg");
        let state_str = state.display().to_string();
        let with_xdg = EnvSnapshot::from_pairs([
            ("HOME", home_str.as_str()),
            ("XDG_STATE_HOME", state_str.as_str()),
        ]);
        assert_eq!(export_dir(&with_xdg).unwrap(), state.join("credwiz"));
        let written = write_transcript("# t\n", &env, None).unwrap();
        assert!(written.starts_with(std::fs::canonicalize(&default).unwrap()));
        assert!(written.is_absolute());
        // Under ~/.aws, also through a symbolic link, nothing is written.
        let link = home.path().join("elsewhere");
        std::os::unix::fs::symlink(&aws, &link).unwrap();
        for dir in [aws.join("x"), link.join("y")] {
            assert!(
                write_transcript("# t\n", &env, Some(&dir)).is_err(),
                "{dir:?}"
            );
        }
        assert!(
            walk(&aws).is_empty(),
            "nothing, not even a folder, under ~/.aws"
        );
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut all: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        all.sort();
        all
    }

    #[test]
    fn base64_matches_the_rfc_examples() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
