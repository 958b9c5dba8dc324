//! A headless command under supervision: SIGINT, SIGTERM, SIGHUP and
//! SIGQUIT end it through credwiz's own way out (every helper it or the SDK
//! started is killed, exit code 2) instead of killing credwiz and leaving
//! them running. The wizard answers its signals itself (`tui::signals`).

use crate::probes::supervisor;
use crate::text::output::eprint_line;
use std::future::Future;

/// Runs `command` to its exit code, or until a signal asks credwiz to stop.
pub async fn until_signal(command: impl Future<Output = i32>) -> i32 {
    supervisor::detach_stdin();
    until_signal_on_terminal(command).await
}

/// The same, with standard input left alone: for work done before the
/// wizard, which then checks that standard input is a terminal.
pub(super) async fn until_signal_on_terminal(command: impl Future<Output = i32>) -> i32 {
    // Handlers first, then the command: no signal in between kills credwiz.
    let stopped = stop_request();
    tokio::select! {
        code = command => code,
        name = stopped => {
            eprint_line(&format!("credwiz: stopped by {name}; every program it started was ended"));
            2
        }
    }
}

/// Installs the handlers now; the future resolves with the name of the first
/// stopping signal (never, if no handler could be installed: the signals keep
/// their default action).
#[cfg(unix)]
fn stop_request() -> impl Future<Output = &'static str> {
    use tokio::signal::unix::{signal, SignalKind};
    let kinds = [
        (SignalKind::interrupt(), "SIGINT"),
        (SignalKind::terminate(), "SIGTERM"),
        (SignalKind::hangup(), "SIGHUP"),
        (SignalKind::quit(), "SIGQUIT"),
    ];
    let mut streams = Vec::new();
    for (kind, name) in kinds {
        match signal(kind) {
            Ok(stream) => streams.push((stream, name)),
            // Without a handler the signal keeps its default action.
            Err(_) => continue,
        }
    }
    std::future::poll_fn(move |cx| {
        for (stream, name) in streams.iter_mut() {
            if stream.poll_recv(cx).is_ready() {
                return std::task::Poll::Ready(*name);
            }
        }
        std::task::Poll::Pending
    })
}

/// Windows: Ctrl-C and Ctrl-Break, the console's interrupts.
#[cfg(windows)]
fn stop_request() -> impl Future<Output = &'static str> {
    use tokio::signal::windows::{ctrl_break, ctrl_c};
    let (ctrl_c, ctrl_break) = (ctrl_c().ok(), ctrl_break().ok());
    async move {
        let c = async {
            match ctrl_c {
                Some(mut s) => s.recv().await,
                None => std::future::pending().await,
            }
        };
        let b = async {
            match ctrl_break {
                Some(mut s) => s.recv().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = c => "Ctrl-C",
            _ = b => "Ctrl-Break",
        }
    }
}
