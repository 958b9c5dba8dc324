//! Signals the wizard answers. Every signal that would end the program
//! (SIGINT, SIGQUIT, SIGHUP, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM) ends the
//! wizard through its normal way out, so the terminal is restored before the
//! process exits. SIGTSTP suspends it the way a shell expects: the terminal
//! is restored, the process stops, and on SIGCONT the screen comes back.

use tokio::signal::unix::{signal, Signal, SignalKind};

/// What a signal asks the wizard to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalAction {
    Quit,
    Suspend,
}

/// The signal streams the event loop selects on.
pub struct Signals {
    quit: Vec<Signal>,
    suspend: Signal,
}

impl Signals {
    /// Installs the handlers.
    pub fn install() -> std::io::Result<Signals> {
        let quit = [
            SignalKind::interrupt(),
            SignalKind::quit(),
            SignalKind::hangup(),
            SignalKind::terminate(),
            SignalKind::user_defined1(),
            SignalKind::user_defined2(),
            SignalKind::alarm(),
        ]
        .into_iter()
        .map(signal)
        .collect::<std::io::Result<Vec<_>>>()?;
        let suspend = signal(SignalKind::from_raw(rustix::process::Signal::TSTP.as_raw()))?;
        Ok(Signals { quit, suspend })
    }

    /// The next signal's action.
    pub async fn next(&mut self) -> SignalAction {
        let quit = futures_any(&mut self.quit);
        tokio::select! {
            _ = quit => SignalAction::Quit,
            _ = self.suspend.recv() => SignalAction::Suspend,
        }
    }
}

/// Resolves when any of the streams delivers a signal.
async fn futures_any(streams: &mut [Signal]) {
    std::future::poll_fn(|cx| {
        for stream in streams.iter_mut() {
            if stream.poll_recv(cx).is_ready() {
                return std::task::Poll::Ready(());
            }
        }
        std::task::Poll::Pending
    })
    .await;
}

/// Stops this process until SIGCONT (SIGSTOP cannot be caught, so the
/// shell's job control takes over from here).
pub fn stop_self() {
    let me = rustix::process::getpid();
    // Nothing to do if the kernel refuses: the wizard just carries on.
    let _ = rustix::process::kill_process(me, rustix::process::Signal::STOP);
}
