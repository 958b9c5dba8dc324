//! The whole-program fuzzer: proptest generates whole situations (every
//! input channel at once, see `fuzz_situation.rs`), the real binary runs in
//! each, and the invariants (`invariants.rs`) judge what it did.
//!
//! * In the suite: `PROPTEST_CASES` cases (40 by default), seed from
//!   `FUZZ_SEED` or the clock, printed first. A failure is shrunk and the
//!   minimal situation printed, ready to become a named test in
//!   `fuzz_regressions.rs`. `FUZZ_ONLY=<invariant>` shrinks for that one.
//! * `FUZZ_SURVEY=1` (`scripts/fuzz`): never stops at a failure; counts
//!   cases and violations per invariant and prints the first situation of
//!   each, then fails if there was any. `FUZZ_SKIP=N` skips the first N
//!   generated cases, to shrink case N+1 of a long pass.

use crate::fuzz_situation::{situation, Situation};
use crate::fuzz_world::{World, FUZZ_SECRET, FUZZ_TOKEN};
use crate::invariants::{accepts_sdk_times, check_all, Observed, Violation};
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long one run may take before it is killed (and fails).
pub const WALL_LIMIT: Duration = Duration::from_secs(20);

/// Runs one situation and returns what it did.
pub fn observe(situation: &Situation) -> Observed {
    let mut world = World::build(situation);
    let before = crate::support::home_hash::hash_tree(world.home.path());
    let started = Instant::now();
    let mut child = world.command.spawn().expect("spawn credwiz");
    let group = child.id();
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if started.elapsed() > WALL_LIMIT {
            timed_out = true;
            kill(&format!("-{group}"));
            break child.wait().ok();
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let took = started.elapsed();
    // The case's endpoint stops with the case (its held connections too).
    drop(world.server.take());
    let survivors = survivors(&world.marker);
    // A stopped or lingering group must not keep the pipes open forever.
    kill(&format!("-{group}"));
    let home_changed = before != crate::support::home_hash::hash_tree(world.home.path());
    Observed {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
        took,
        timed_out,
        home_changed,
        survivors,
        group,
        markdown: world.shown.contains("\"--markdown\""),
    }
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

/// SIGKILL to a pid (or `-pgid`) this test started.
fn kill(target: &str) {
    let _ = std::process::Command::new("kill")
        .args(["-KILL", "--", target])
        .stderr(std::process::Stdio::null())
        .status();
}

/// Processes with `marker` in their argv or environment still alive (not
/// zombies) a moment after the run: a helper and its children end with the
/// run. Each one found is killed.
fn survivors(marker: &str) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_millis(1500);
    loop {
        let alive = marked_processes(marker);
        if alive.is_empty() {
            return Vec::new();
        }
        if Instant::now() > deadline {
            for (pid, _) in &alive {
                kill(&pid.to_string());
            }
            return alive.into_iter().map(|(_, what)| what).collect();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn marked_processes(marker: &str) -> Vec<(u32, String)> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return found;
    };
    let own = std::process::id();
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let dir = entry.path();
        if pid == own || state(&dir) == Some('Z') {
            continue;
        }
        let read = |name: &str| std::fs::read(dir.join(name)).unwrap_or_default();
        let cmdline = read("cmdline");
        let marked = [&cmdline, &read("environ")]
            .iter()
            .any(|b| crate::fuzz_world::contains(b, marker.as_bytes()));
        if marked {
            let argv = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            let (st, group) = state_and_group(&dir).unwrap_or(('?', 0));
            found.push((pid, format!("pid {pid} state {st} group {group}: {argv}")));
        }
    }
    found
}

fn state(dir: &Path) -> Option<char> {
    state_and_group(dir).map(|(state, _)| state)
}

/// A process's state letter and process group, from /proc/PID/stat.
fn state_and_group(dir: &Path) -> Option<(char, u32)> {
    let stat = std::fs::read_to_string(dir.join("stat")).ok()?;
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace();
    let state = fields.next()?.chars().next()?;
    let group = fields.nth(1)?.parse().ok()?;
    Some((state, group))
}

/// Runs a situation and judges it by every invariant: the violations, and
/// the known exceptions to the command rule.
pub fn judge_strictly(situation: &Situation) -> (Vec<Violation>, Vec<String>, Observed) {
    let observed = observe(situation);
    let (mut violations, known) = check_all(&observed, &[FUZZ_SECRET, FUZZ_TOKEN]);
    violations.extend(accepts_sdk_times(
        &observed,
        situation.helper_time_is_valid(),
    ));
    (violations, known, observed)
}

/// [`judge_strictly`]'s violations and known exceptions: no failure is
/// open any more (the last ones, a helper signalling or stopping its group,
/// are closed by `probes::isolated_slot`).
pub fn judge(situation: &Situation) -> (Vec<Violation>, Vec<String>) {
    let (violations, known, _) = judge_strictly(situation);
    (violations, known)
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(40)
}

fn seed() -> u64 {
    std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        })
}

fn runner(cases: u32, seed: u64) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 200,
        ..Config::default()
    };
    let bytes: Vec<u8> = seed.to_le_bytes().repeat(4);
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes))
}

/// What a long run saw.
#[derive(Default)]
struct Tally {
    cases: u64,
    failing_cases: u64,
    by_invariant: BTreeMap<&'static str, u64>,
    first: BTreeMap<&'static str, String>,
    known: BTreeMap<String, u64>,
}

#[test]
fn whole_program_fuzz() {
    let seed = seed();
    let cases = cases();
    let survey = std::env::var("FUZZ_SURVEY").is_ok_and(|s| s == "1");
    let only = std::env::var("FUZZ_ONLY").ok();
    eprintln!("whole_program_fuzz: seed {seed} (FUZZ_SEED={seed} reruns it), {cases} cases");
    let tally = Mutex::new(Tally::default());
    let started = Instant::now();
    // FUZZ_SKIP=N generates but does not run the first N cases, to reach a
    // case a long pass reported (`case N+1`) and shrink it.
    let skip: u64 = std::env::var("FUZZ_SKIP")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let generated = std::sync::atomic::AtomicU64::new(0);
    let result = runner(cases, seed).run(&situation(), |situation| {
        if generated.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < skip {
            return Ok(());
        }
        let (violations, known) = judge(&situation);
        let violations: Vec<Violation> = violations
            .into_iter()
            .filter(|v| only.as_deref().is_none_or(|o| o == v.invariant))
            .collect();
        let mut t = tally.lock().expect("tally");
        t.cases += 1;
        for k in known {
            *t.known.entry(k).or_default() += 1;
        }
        if violations.is_empty() {
            return Ok(());
        }
        t.failing_cases += 1;
        if survey {
            let names: Vec<_> = violations.iter().map(|v| v.invariant).collect();
            eprintln!("case {}: {names:?} {}", t.cases, summary(&situation));
            for v in &violations {
                let detail: String = v.detail.chars().take(300).collect();
                eprintln!("    {}: {detail}", v.invariant);
            }
        }
        for v in &violations {
            *t.by_invariant.entry(v.invariant).or_default() += 1;
            t.first
                .entry(v.invariant)
                .or_insert_with(|| format!("{}\n{situation:#?}", v.detail));
        }
        if survey {
            Ok(())
        } else {
            Err(TestCaseError::fail(format!("{violations:#?}")))
        }
    });
    let t = tally.into_inner().expect("tally");
    report(&t, started.elapsed());
    if let Err(error) = result {
        panic!("seed {seed}: {error}");
    }
    assert!(
        t.by_invariant.is_empty(),
        "seed {seed}: violations found, see above"
    );
}

/// One line naming what a situation is about.
fn summary(situation: &Situation) -> String {
    let command = format!("{:?}", situation.command);
    let helper = situation
        .helper
        .as_ref()
        .map(|h| format!(" helper {:?} exit {}", h.act, h.exit))
        .unwrap_or_default();
    let env: Vec<_> = situation.env.iter().map(|(n, _)| *n).collect();
    format!(
        "{} env {env:?}{helper}",
        command.chars().take(60).collect::<String>()
    )
}

fn report(t: &Tally, took: Duration) {
    eprintln!(
        "fuzz: {} runs ({} failing) in {:.0?}",
        t.cases, t.failing_cases, took
    );
    for (invariant, n) in &t.by_invariant {
        eprintln!("  {invariant}: {n}");
    }
    for (invariant, first) in &t.first {
        eprintln!("--- first {invariant} ---\n{first}");
    }
    if !t.known.is_empty() {
        eprintln!("known, not failures: credwiz's own placeholders in commands, and open issues:");
        for (word, n) in &t.known {
            eprintln!("  {word:?} in {n} runs");
        }
    }
}
