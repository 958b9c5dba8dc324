//! Handing the terminal to a command the person asked credwiz to run (`x`
//! then `y`): the key reader pauses, raw mode and the alternate screen are
//! left, the command runs in the foreground with the terminal as its input
//! and output, bounded in time, and the screen is taken back after.

use crate::tui::event::EventReader;
use crate::tui::terminal;
use std::process::Stdio;
use std::time::Duration;

/// The longest a handed-over command may run (a browser login included);
/// past it the command is ended.
pub const HANDOVER_LIMIT: Duration = Duration::from_secs(15 * 60);

/// Runs `argv` in the foreground; its exit code, or why it did not run.
pub async fn run_in_terminal(reader: &EventReader, argv: &[String]) -> Result<Option<i32>, String> {
    let Some((program, args)) = argv.split_first() else {
        return Err("no command".into());
    };
    reader.pause(true);
    // The reader polls in steps of 100 ms: let it see the pause first.
    tokio::time::sleep(Duration::from_millis(150)).await;
    terminal::restore();
    let shown = crate::fixes::commands::shown(argv);
    crate::text::output::print_line(&format!(
        "credwiz runs: {shown}  (credwiz comes back when it ends)"
    ));
    let ended = run(program, args).await;
    let back = terminal::reenter();
    reader.pause(false);
    back.map_err(|e| e.to_string())?;
    ended
}

async fn run(program: &str, args: &[String]) -> Result<Option<i32>, String> {
    // credwiz's own stdin is /dev/null (see `detach_stdin`): the command
    // reads the terminal itself.
    let tty = std::fs::File::open("/dev/tty").map_err(|e| format!("/dev/tty: {e}"))?;
    let mut child = tokio::process::Command::new(program)
        .args(args)
        .stdin(Stdio::from(tty))
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("{program}: {e}"))?;
    match tokio::time::timeout(HANDOVER_LIMIT, child.wait()).await {
        Ok(Ok(status)) => Ok(status.code()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => {
            let _ = child.kill().await;
            Err(format!(
                "still running after {} minutes; ended",
                HANDOVER_LIMIT.as_secs() / 60
            ))
        }
    }
}
