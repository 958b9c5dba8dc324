//! The wizard's state (the Model of the Elm architecture). Everything the
//! views draw is here; nothing here does I/O.

use crate::checks::runner::Evidence;
use crate::diagnosis::Diagnosis;
use crate::engine::session::{Session, Suggestion};
use crate::inputs::error_facts::ErrorFacts;
use crate::playbook::load::Library;
use crate::playbook::model::Node;
use crate::tui::theme::Theme;

/// The whole state of the wizard.
#[derive(Debug, Clone)]
pub struct Model {
    /// The playbooks that loaded without a problem.
    pub library: Library,
    /// The load report of broken playbooks (every problem with its file), shown
    /// on the start screen.
    pub load_problems: Option<String>,
    pub screen: Screen,
    /// The profile picked from the sweep's table, diagnosed instead of the
    /// one the environment selects (None: the environment's).
    pub profile: Option<String>,
    /// The latest diagnosis; [`Diagnosis::pending`] until the first one arrives.
    pub diagnosis: Diagnosis,
    /// Tag of the diagnosis run last started; older results are dropped.
    pub diagnosis_generation: u64,
    /// True while a diagnosis run is under way (the panel shows ⟳).
    pub diagnosing: bool,
    /// True once any diagnosis has arrived.
    pub diagnosed: bool,
    /// The local facts of the run under way (the same diagnosis made
    /// offline: files, environment, caches, no network call), which arrive
    /// at once; steps that need nothing more are evaluated on them.
    pub local: Option<Diagnosis>,
    /// The person skipped the network probes (`s`): the walk goes on from
    /// the local facts, and the checks that needed the network are "not tried".
    pub network_skipped: bool,
    /// The spinner tick at which the run under way started (ticks are 100 ms).
    pub diagnosis_started: usize,
    /// The pasted error text (secret-shaped words already redacted).
    pub error_text: Option<String>,
    /// What the pasted error says, read from the raw paste.
    pub error_facts: ErrorFacts,
    pub help: bool,
    /// How far the help overlay is scrolled (on a short screen).
    pub help_scroll: u16,
    /// Spinner frame counter, advanced by ticks.
    pub tick: usize,
    /// One line of feedback: copied, exported, why a key did nothing.
    pub status: Option<String>,
    pub should_quit: bool,
    pub theme: Theme,
    /// `--every-step`: stop at every check, not only where something is wrong.
    pub every_step: bool,
    /// The file fix offered at the end of a walk (`f`), while it is
    /// planned, shown for a yes or no, or written.
    pub file_fix: Option<FileFix>,
    /// A command credwiz offers to run in this terminal (`x`), shown and
    /// waiting for `y`; as argv.
    pub handover: Option<Vec<String>>,
    /// `credwiz -- COMMAND`: the command, for `v` to replay with a fix.
    pub command: Option<WizardCommand>,
    /// `v` was pressed once and the replay is shown: a second `v` runs it.
    pub replay_armed: bool,
    /// The file fix written in this session, if any: `v` replays after it.
    pub fixed_file: Option<FixedFile>,
    /// The lines `c` last put on the clipboard, shown for copying by hand
    /// until the next key.
    pub copied: Option<Vec<String>>,
    /// `--export-dir`: where `e` writes the transcript.
    pub export_dir: Option<std::path::PathBuf>,
}

/// The user's command as the wizard may replay it.
#[derive(Debug, Clone)]
pub struct WizardCommand {
    pub argv: Vec<String>,
    /// The words as shown: scrubbed and inert.
    pub shown: Vec<String>,
    pub timeout: std::time::Duration,
}

/// A file fix that was written: what `v` replays the user's command after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedFile {
    pub finding: crate::findings::FindingId,
    /// The file as people know it (`~/.aws/credentials`), inert.
    pub shown: String,
}

/// Where a file fix is: nothing is written before the person says `y`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileFix {
    /// Reading the file and making the diff.
    Planning,
    /// The diff is on screen; `y` writes it, `n` or Esc drops it.
    Shown(Box<crate::fixes::FixPlan>),
    /// Writing the fix of this finding to this file (as people know it).
    Writing(FixedFile),
}

/// Which screen is up.
#[derive(Debug, Clone)]
pub enum Screen {
    Start(Start),
    Walk(Box<Walk>),
    Survey(Survey),
    /// "Check every profile": the sweep's table.
    Profiles(ProfilesSweep),
}

/// The every-profile sweep, while it runs and when it is done.
#[derive(Debug, Clone)]
pub enum ProfilesSweep {
    Running { done: usize, total: usize },
    Done(Box<SweepTable>),
}

/// The finished sweep as the wizard shows it: its rows (problems first) and
/// the row the person has selected; Enter checks that profile.
#[derive(Debug, Clone)]
pub struct SweepTable {
    pub report: crate::sweep::SweepReport,
    pub selected: usize,
}

/// One line of the start menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartItem {
    /// A playbook, by its index in the library.
    Playbook(usize),
    Paste,
    Everything,
    /// Check every profile of the files at once.
    AllProfiles,
}

/// The start screen: choose a family, paste the error, or check everything.
#[derive(Debug, Clone, Default)]
pub struct Start {
    pub selected: usize,
    /// The paste box, while it is open.
    pub paste: Option<String>,
    /// What triage made of the last submitted paste.
    pub triage: Option<Triage>,
    /// Facts read from the raw text of the paste box so far.
    pub pasted_facts: Box<ErrorFacts>,
}

/// Triage's verdict on a pasted error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triage {
    /// Matching playbook ids, best first (library order).
    pub picked: Vec<String>,
    /// Why, in words.
    pub reason: String,
    /// No playbook knew the text: the diagnosis chose (or will choose).
    pub from_diagnosis: bool,
    /// The diagnosis that will choose is still running.
    pub awaiting_diagnosis: bool,
}

/// A walk through one playbook.
#[derive(Debug, Clone)]
pub struct Walk {
    pub session: Session,
    /// Evidence of the check behind the current node (a check node's check or
    /// an ask node's detect check), once it has reported.
    pub evidence: Option<Evidence>,
    /// For each breadcrumb of `session.history()`, the evidence it was left with.
    pub trail: Vec<Option<Evidence>>,
    /// The highlighted option at an ask node.
    pub selected: usize,
    /// Scroll offset of the main pane (check and end nodes).
    pub scroll: u16,
    /// How far the main pane can scroll at the size it was last drawn; the
    /// view writes it (only it knows how the text wraps), the keys read it.
    pub scroll_limit: std::cell::Cell<u16>,
    /// The value being typed at an input node.
    pub input: String,
    /// Where the value at an input node came from, while it is unchanged.
    pub input_from: Option<Suggestion>,
    /// Why the last submitted value was not accepted.
    pub input_error: Option<String>,
    /// The person skipped the network probe this step waits for: its
    /// evidence, once in, is "not tried".
    pub skipped_here: bool,
    /// Checks that saw nothing to act on (✓, ·) are passed without
    /// Enter while the person goes forward; after Back they stay, so the
    /// page they went back to can be read.
    pub passing: bool,
}

/// "Not sure — check everything": every registered check in order, then a summary.
#[derive(Debug, Clone, Default)]
pub struct Survey {
    /// Index into `checks::registry::CHECKS`; `CHECKS.len()` is the summary,
    /// where the survey opens.
    pub position: usize,
    /// The highlighted line of the summary: a finding, or (one past the
    /// last) "every check, one page each".
    pub selected: usize,
    /// One evidence per registered check, once a diagnosis has arrived.
    pub evidence: Vec<Evidence>,
    pub scroll: u16,
    /// How far the page can scroll as last drawn (see [`Walk::scroll_limit`]).
    pub scroll_limit: std::cell::Cell<u16>,
}

impl Model {
    /// A fresh model on the start screen. `pending` is what the panel shows
    /// before the first diagnosis (see [`Diagnosis::pending`]).
    pub fn new(
        library: Library,
        load_problems: Option<String>,
        pending: Diagnosis,
        theme: Theme,
    ) -> Model {
        Model {
            library,
            load_problems,
            screen: Screen::Start(Start::default()),
            diagnosis: pending,
            diagnosis_generation: 0,
            diagnosing: false,
            diagnosed: false,
            local: None,
            network_skipped: false,
            diagnosis_started: 0,
            error_text: None,
            error_facts: ErrorFacts::default(),
            help: false,
            help_scroll: 0,
            tick: 0,
            status: None,
            should_quit: false,
            theme,
            every_step: false,
            profile: None,
            file_fix: None,
            handover: None,
            command: None,
            replay_armed: false,
            fixed_file: None,
            copied: None,
            export_dir: None,
        }
    }

    /// The start menu's lines, in order.
    pub fn start_items(&self) -> Vec<StartItem> {
        // Pasting the error is the best way in: it comes first.
        let mut items = vec![StartItem::Paste];
        items.extend((0..self.library.len()).map(StartItem::Playbook));
        items.push(StartItem::AllProfiles);
        items.push(StartItem::Everything);
        items
    }

    /// True while something the person waits for is under way.
    pub fn busy(&self) -> bool {
        if self.diagnosing {
            return true;
        }
        match &self.screen {
            Screen::Walk(walk) => walk.waiting(),
            Screen::Profiles(ProfilesSweep::Running { .. }) => true,
            _ => false,
        }
    }

    /// The end the current walk has reached, placeholders filled, if it is
    /// at one.
    pub fn walk_end(&self) -> Option<crate::engine::conclusion::Conclusion> {
        let Screen::Walk(walk) = &self.screen else {
            return None;
        };
        let values =
            crate::checks::runner::walk_placeholders(&self.diagnosis, walk.session.values());
        crate::engine::conclusion::of_session(&walk.session, &self.diagnosis, &values)
    }

    /// The diagnosis the panel and the start screen show: the latest full
    /// one, or the local facts while the first full one runs.
    pub fn shown_diagnosis(&self) -> &Diagnosis {
        match &self.local {
            Some(local) if !self.diagnosed => local,
            _ => &self.diagnosis,
        }
    }

    /// Whole seconds the run under way has taken so far.
    pub fn waited_secs(&self) -> usize {
        self.tick.wrapping_sub(self.diagnosis_started) / 10
    }

    /// The spinner's current frame.
    pub fn spinner(&self) -> &'static str {
        const FRAMES: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
        FRAMES[self.tick % FRAMES.len()]
    }
}

impl Walk {
    /// A walk at the playbook's start.
    pub fn new(session: Session) -> Walk {
        let mut walk = Walk {
            session,
            evidence: None,
            trail: Vec::new(),
            selected: 0,
            scroll: 0,
            scroll_limit: std::cell::Cell::new(u16::MAX),
            input: String::new(),
            input_from: None,
            input_error: None,
            passing: true,
            skipped_here: false,
        };
        walk.entered();
        walk
    }

    /// True while the current node's check has not reported.
    pub fn waiting(&self) -> bool {
        self.evidence.is_none() && self.session.pending_check().is_some()
    }

    /// Forget what belonged to the node that was left (after back/restart/move),
    /// and start from what the pasted error says about the new one.
    pub fn entered(&mut self) {
        self.evidence = None;
        self.skipped_here = false;
        self.scroll = 0;
        self.trail.truncate(self.session.history().len());
        self.selected = self.option_index(self.session.error_option());
        let prefill = self.session.prefill();
        self.input_from = prefill.as_ref().map(|(_, from)| *from);
        self.input = prefill.map(|(value, _)| value).unwrap_or_default();
        self.input_error = None;
    }

    /// The index of an option of the current ask node (0 when unknown).
    pub fn option_index(&self, option: Option<&str>) -> usize {
        match (self.session.current_node(), option) {
            (Node::Ask(ask), Some(id)) => ask.options.iter().position(|o| o.id == id).unwrap_or(0),
            _ => 0,
        }
    }
}
