//! Signals the wizard answers. Every signal that would end the program
//! (SIGINT, SIGQUIT, SIGHUP, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM) ends the
//! wizard through its normal way out, so the terminal is restored before the
//! process exits. SIGTSTP suspends it the way a shell expects: the terminal
//! is restored, the process stops, and on SIGCONT the screen comes back.
//! Elsewhere (Windows) Ctrl-C, Ctrl-Break and closing the console quit.

#[cfg(unix)]
use tokio::signal::unix::{signal, Signal, SignalKind};

/// What a signal asks the wizard to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalAction {
    Quit,
    Suspend,
}

/// The signal streams the event loop selects on.
#[cfg(unix)]
pub struct Signals {
    quit: Vec<Signal>,
    suspend: Signal,
}

#[cfg(unix)]
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
#[cfg(unix)]
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
#[cfg(unix)]
pub fn stop_self() {
    let me = rustix::process::getpid();
    // Nothing to do if the kernel refuses: the wizard just carries on.
    let _ = rustix::process::kill_process(me, rustix::process::Signal::STOP);
}

/// The console events that end the wizard where there are no Unix signals.
#[cfg(windows)]
pub struct Signals {
    ctrl_c: tokio::signal::windows::CtrlC,
    ctrl_break: tokio::signal::windows::CtrlBreak,
    close: tokio::signal::windows::CtrlClose,
}

#[cfg(windows)]
impl Signals {
    /// Installs the handlers.
    pub fn install() -> std::io::Result<Signals> {
        use tokio::signal::windows::{ctrl_break, ctrl_c, ctrl_close};
        Ok(Signals {
            ctrl_c: ctrl_c()?,
            ctrl_break: ctrl_break()?,
            close: ctrl_close()?,
        })
    }

    /// The next event's action: there is no suspending a Windows console.
    pub async fn next(&mut self) -> SignalAction {
        tokio::select! {
            _ = self.ctrl_c.recv() => SignalAction::Quit,
            _ = self.ctrl_break.recv() => SignalAction::Quit,
            _ = self.close.recv() => SignalAction::Quit,
        }
    }
}

/// No job control without Unix signals: `Suspend` is never asked for.
#[cfg(windows)]
pub fn stop_self() {}
