//! Property: whatever control characters untrusted text carries (a profile
//! name, a region, a pasted error, a config value), the human report a colour
//! terminal receives holds credwiz's own SGR codes and nothing else a
//! terminal acts on. Case count: `PROPTEST_CASES` (default 256).

use crate::properties::config;
use credwiz::diagnosis::{diagnose, DiagnoseRequest, Inputs};
use credwiz::inputs::environment::EnvSnapshot;
use credwiz::report::{human, style::Painter};
use credwiz::text::sanitize::sanitize_output;
use proptest::prelude::*;

/// Names made of plain words and the sequences a terminal would act on:
/// SGR, screen wipes, OSC title and clipboard writes, a C1 CSI, a bell.
fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[a-z0-9 ;$()-]{1,6}",
            // SGR codes credwiz never writes, so that one getting through
            // is told apart from credwiz's own colour.
            Just("\u{1b}[35m".to_string()),
            Just("\u{1b}[7;5m".to_string()),
            Just("\u{1b}[2J".to_string()),
            Just("\u{1b}]0;title\u{7}".to_string()),
            Just("\u{1b}]52;c;dG91Y2g=\u{1b}\\".to_string()),
            Just("\u{9b}31m".to_string()),
            Just("\r\u{8}\u{7f}".to_string()),
            "\\PC{0,4}",
        ],
        1..8,
    )
    .prop_map(|parts| parts.concat())
}

/// Every escape in `out` opens one of credwiz's own SGR codes, and no other
/// C0 or C1 control but line feed is left.
fn only_own_colour(out: &str) -> Result<(), String> {
    for (at, c) in out.char_indices() {
        if c == '\u{1b}' {
            let code = out[at + 1..]
                .strip_prefix('[')
                .and_then(|r| r.split_once('m'))
                .map(|(code, _)| code);
            if !code.is_some_and(|c| ["0", "1", "2", "31", "32", "33"].contains(&c)) {
                return Err(format!("a foreign escape at {at}: {out:?}"));
            }
        } else if c.is_control() && c != '\n' {
            return Err(format!("control {c:?} at {at}: {out:?}"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_colour_report_holds_only_credwizs_own_escapes(
        profile in hostile_text(),
        region in hostile_text(),
        pasted in hostile_text(),
    ) {
        let home = tempfile::tempdir().expect("home");
        std::fs::create_dir_all(home.path().join(".aws")).expect("mkdir");
        std::fs::write(
            home.path().join(".aws/config"),
            format!("[default]\nregion = {}\nrole_arn = {}\n", region.replace('\n', " "), pasted.replace('\n', " ")),
        )
        .expect("config");
        let env = EnvSnapshot::from_pairs([
            ("HOME", home.path().display().to_string()),
            ("AWS_PROFILE", profile.clone()),
            ("AWS_REGION", region),
            ("AWS_EC2_METADATA_DISABLED", "true".to_string()),
            ("CREDWIZ_CONTAINER", "0".to_string()),
        ]);
        let inputs = Inputs::gather(env, None);
        let request = DiagnoseRequest {
            offline: true,
            error_text: Some(pasted),
            ..DiagnoseRequest::default()
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let diagnosis = runtime.block_on(diagnose(&request, &inputs));
        let text = human::render(&diagnosis, Painter { enabled: true }, true);
        let shown = sanitize_output(&text, true);
        prop_assert!(only_own_colour(&shown).is_ok(), "{}", only_own_colour(&shown).unwrap_err());
    }
}
