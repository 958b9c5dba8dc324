//! The wizard's side panel shows the lens of the user's program and one line
//! per SDK that would do otherwise (100×30 and 60×15), with no secret.

use crate::support::sandbox;
use credwiz::diagnosis::{diagnose, DiagnoseRequest, Diagnosis, Inputs};
use credwiz::inputs::environment::EnvSnapshot;
use credwiz::inputs::program::Sdk;
use credwiz::playbook::load::Library;
use credwiz::tui::app::Model;
use credwiz::tui::theme::Theme;
use credwiz::tui::update::{update, Msg};

fn render(model: &Model, width: u16, height: u16) -> String {
    crate::without_ports(&crate::support::screens::render(model, width, height))
}

/// `AWS_DEFAULT_PROFILE=dev`: boto3 works, Rust and Node find nothing.
fn diagnosis(sdk: Option<Sdk>) -> (Diagnosis, sandbox::Sandbox) {
    // aws-config's providers read this process's own environment for IMDS:
    // the same answer on every machine, and no metadata call.
    std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
    let sandbox = sandbox::Sandbox::new()
        .credentials(&format!(
            "[dev]\naws_access_key_id = AKIADEVDEVDEVDEV0001\naws_secret_access_key = {}\n",
            sandbox::PLANTED_SECRET
        ))
        .var("AWS_DEFAULT_PROFILE", "dev")
        .var("AWS_SESSION_TOKEN", sandbox::PLANTED_TOKEN);
    let inputs = Inputs::gather(EnvSnapshot::from_pairs(sandbox.env()), None);
    let request = DiagnoseRequest {
        offline: true,
        sdk,
        ..DiagnoseRequest::default()
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    (runtime.block_on(diagnose(&request, &inputs)), sandbox)
}

fn diagnosed_model(d: Diagnosis) -> Model {
    let mut m = crate::on_first_family(Model::new(
        Library::shipped().expect("shipped playbooks load"),
        None,
        Diagnosis::pending("default"),
        Theme { colour: false },
    ));
    m.diagnosis_generation = 1;
    let _ = update(
        &mut m,
        Msg::Diagnosed {
            generation: 1,
            diagnosis: Box::new(d),
        },
    );
    m
}

#[test]
fn panel_shows_the_python_lens_and_the_differing_sdks() {
    let (d, _home) = diagnosis(Some(Sdk::Python));
    let m = diagnosed_model(d);
    for (w, h) in [(100, 30), (60, 15)] {
        let screen = render(&m, w, h);
        insta::assert_snapshot!(format!("lens_panel_python_{w}x{h}"), screen);
        for secret in [sandbox::PLANTED_SECRET, sandbox::PLANTED_TOKEN] {
            assert!(!screen.contains(secret), "{screen}");
        }
    }
}

#[test]
fn panel_with_the_rust_lens_lists_python_as_differing() {
    let (d, _home) = diagnosis(None);
    let screen = render(&diagnosed_model(d), 100, 30);
    assert!(screen.contains("your SDK Rust"), "{screen}");
    assert!(screen.contains("! Python dev AKIA…0001"), "{screen}");
    assert!(!screen.contains(sandbox::PLANTED_SECRET));
}
