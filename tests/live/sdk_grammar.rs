//! The grammar of a credential situation: a few dimensions of input (the
//! environment keys, the profile variables, the two AWS files, the region
//! variables), each a short list of named variants. A situation is one
//! variant per dimension; its name is built from the variant names, so a
//! failure says exactly what it was. `sdk_generated` samples situations from
//! this grammar with a seed and judges them like the hand-written corpus.

use super::sdk_lenses::{Scenario, DEV_KEY, ENV_KEY, OTHER_KEY, ROLE};
use crate::support::sandbox::*;

/// Key ids that say which source the SDK took.
const CONFIG_KEY: &str = "AKIACONFIGCONFIG0005";
const PROCESS_KEY: &str = "AKIAPROCESSPROCE0006";
/// Every secret planted here contains `/` and `+`.
const SECRET: &str = PLANTED_SLASH_SECRET;

/// The inputs a variant contributes to.
#[derive(Default)]
pub(crate) struct Parts {
    vars: Vec<(&'static str, String)>,
    credentials: Option<String>,
    config: Option<String>,
    /// A credential_process credwiz must run (so not `--offline`).
    process: bool,
}

impl Parts {
    fn var(&mut self, name: &'static str, value: &str) {
        self.vars.push((name, value.to_string()));
    }
}

pub(crate) struct Variant {
    pub(crate) name: &'static str,
    build: fn(&mut Parts),
}

pub(crate) struct Dimension {
    pub(crate) name: &'static str,
    pub(crate) variants: &'static [Variant],
}

const fn v(name: &'static str, build: fn(&mut Parts)) -> Variant {
    Variant { name, build }
}

fn keys(section: &str, key: &str) -> String {
    format!("[{section}]\naws_access_key_id = {key}\naws_secret_access_key = {SECRET}\n")
}

fn env_pair(p: &mut Parts, key: &str, secret: &str) {
    p.var("AWS_ACCESS_KEY_ID", key);
    p.var("AWS_SECRET_ACCESS_KEY", secret);
}

fn default_and_dev() -> String {
    keys("default", KEY_ID) + &keys("dev", DEV_KEY)
}

fn append_credentials(p: &mut Parts, text: &str) {
    p.credentials = Some(text.to_string());
}

fn append_config(p: &mut Parts, text: &str) {
    p.config = Some(text.to_string());
}

/// A credential_process printing valid JSON with a secret holding `/` and `+`.
fn process_line() -> String {
    format!(
        "credential_process = printf '{{\"Version\": 1, \"AccessKeyId\": \"{PROCESS_KEY}\", \"SecretAccessKey\": \"{SECRET}\"}}'\n"
    )
}

const ENV_KEYS: &[Variant] = &[
    v("none", |_| {}),
    v("pair", |p| env_pair(p, ENV_KEY, SECRET)),
    v("id only", |p| p.var("AWS_ACCESS_KEY_ID", ENV_KEY)),
    v("secret only", |p| p.var("AWS_SECRET_ACCESS_KEY", SECRET)),
    v("padded", |p| {
        env_pair(p, &format!(" {ENV_KEY} "), &format!(" {SECRET} "))
    }),
    v("quoted", |p| {
        env_pair(p, &format!("\"{ENV_KEY}\""), &format!("\"{SECRET}\""))
    }),
    v("blank", |p| env_pair(p, "", "")),
    v("ASIA with token", |p| {
        env_pair(p, TEMP_KEY_ID, SECRET);
        p.var("AWS_SESSION_TOKEN", PLANTED_TOKEN);
    }),
    v("ASIA without token", |p| env_pair(p, TEMP_KEY_ID, SECRET)),
    v("pair with AWS_SECURITY_TOKEN", |p| {
        env_pair(p, TEMP_KEY_ID, SECRET);
        p.var("AWS_SECURITY_TOKEN", PLANTED_TOKEN);
    }),
    v("legacy SECRET_ACCESS_KEY", |p| {
        p.var("AWS_ACCESS_KEY_ID", ENV_KEY);
        p.var("SECRET_ACCESS_KEY", SECRET);
    }),
    v("tab-padded", |p| {
        env_pair(p, &format!("\t{ENV_KEY}"), &format!("{SECRET}\t"))
    }),
];

const AWS_PROFILE: &[Variant] = &[
    v("unset", |_| {}),
    v("dev", |p| p.var("AWS_PROFILE", "dev")),
    v("missing", |p| p.var("AWS_PROFILE", "ghost")),
    v("empty", |p| p.var("AWS_PROFILE", "")),
];

const AWS_DEFAULT_PROFILE: &[Variant] = &[
    v("unset", |_| {}),
    v("dev", |p| p.var("AWS_DEFAULT_PROFILE", "dev")),
    v("missing", |p| p.var("AWS_DEFAULT_PROFILE", "ghost")),
    v("empty", |p| p.var("AWS_DEFAULT_PROFILE", "")),
];

const CREDENTIALS: &[Variant] = &[
    v("absent", |_| {}),
    v("[default]", |p| {
        append_credentials(p, &keys("default", KEY_ID))
    }),
    v("[dev]", |p| append_credentials(p, &keys("dev", DEV_KEY))),
    v("both", |p| append_credentials(p, &default_and_dev())),
    v("CRLF", |p| {
        append_credentials(p, &default_and_dev().replace('\n', "\r\n"))
    }),
    v("BOM", |p| {
        append_credentials(p, &format!("\u{feff}{}", default_and_dev()))
    }),
    v("upper-case keys", |p| {
        append_credentials(
            p,
            &format!("[default]\nAWS_ACCESS_KEY_ID = {KEY_ID}\nAWS_SECRET_ACCESS_KEY = {SECRET}\n"),
        )
    }),
    v("inline comment", |p| {
        append_credentials(
            p,
            &format!("[default]\naws_access_key_id = {KEY_ID} # rotated\naws_secret_access_key = {SECRET}\n"),
        )
    }),
    v("duplicate [default]", |p| {
        append_credentials(p, &(keys("default", KEY_ID) + &keys("default", OTHER_KEY)))
    }),
    v("stray line", |p| {
        append_credentials(p, &format!("{}this is not a setting\n", default_and_dev()))
    }),
    v("[profile dev]", |p| {
        append_credentials(p, &keys("profile dev", DEV_KEY))
    }),
    // Beyond the brief: more spellings of the same file.
    v("no spaces around =", |p| {
        append_credentials(p, &default_and_dev().replace(" = ", "="))
    }),
    v("tabs around =", |p| {
        append_credentials(p, &default_and_dev().replace(" = ", "\t=\t"))
    }),
    v("colon separator", |p| {
        append_credentials(p, &default_and_dev().replace(" = ", ": "))
    }),
    v("[ default ] spaced", |p| {
        append_credentials(p, &keys(" default ", KEY_ID))
    }),
    v("[Default] capitalised", |p| {
        append_credentials(p, &keys("Default", KEY_ID))
    }),
    v("comment lines", |p| {
        append_credentials(
            p,
            &format!(
                "# keys\n; rotated\n{}",
                default_and_dev().replace("[dev]", "# dev\n[dev]")
            ),
        )
    }),
    v("[dev] id only", |p| {
        append_credentials(
            p,
            &format!(
                "{}[dev]\naws_access_key_id = {DEV_KEY}\n",
                keys("default", KEY_ID)
            ),
        )
    }),
    v("[default] empty id", |p| {
        append_credentials(
            p,
            &format!("[default]\naws_access_key_id =\naws_secret_access_key = {SECRET}\n"),
        )
    }),
    v("[default] with session token", |p| {
        append_credentials(
            p,
            &format!(
                "{}aws_session_token = {PLANTED_TOKEN}\n",
                keys("default", TEMP_KEY_ID)
            ),
        )
    }),
    v("indented continuation", |p| {
        append_credentials(
            p,
            &format!(
                "[default]\naws_access_key_id =\n    {KEY_ID}\naws_secret_access_key = {SECRET}\n"
            ),
        )
    }),
    v("indented key lines", |p| {
        append_credentials(p, &default_and_dev().replace("aws_", "  aws_"))
    }),
];

const CONFIG: &[Variant] = &[
    v("absent", |_| {}),
    v("region only", |p| {
        append_config(p, "[default]\nregion = eu-west-1\n")
    }),
    v("[profile dev] keys", |p| {
        append_config(p, &keys("profile dev", CONFIG_KEY))
    }),
    v("dev credential_process", |p| {
        p.process = true;
        append_config(p, &format!("[profile dev]\n{}", process_line()));
    }),
    v("dev role from source_profile default", |p| {
        append_config(
            p,
            &format!("[profile dev]\nrole_arn = {ROLE}\nsource_profile = default\n"),
        )
    }),
    v("dev role from credential_source Environment", |p| {
        append_config(
            p,
            &format!("[profile dev]\nrole_arn = {ROLE}\ncredential_source = Environment\n"),
        )
    }),
    v("[default] keys", |p| {
        append_config(p, &keys("default", CONFIG_KEY))
    }),
    v("[dev] without prefix", |p| {
        append_config(p, &keys("dev", CONFIG_KEY))
    }),
    // Beyond the brief: chains of sources and helpers' outcomes.
    v("dev credential_process failing", |p| {
        p.process = true;
        append_config(p, "[profile dev]\ncredential_process = sh -c 'exit 3'\n");
    }),
    v("dev credential_process broken JSON", |p| {
        p.process = true;
        append_config(
            p,
            "[profile dev]\ncredential_process = printf '{\"Version\": 1,'\n",
        );
    }),
    v("dev role from missing source_profile", |p| {
        append_config(
            p,
            &format!("[profile dev]\nrole_arn = {ROLE}\nsource_profile = ghost\n"),
        )
    }),
    v("dev role with no source", |p| {
        append_config(p, &format!("[profile dev]\nrole_arn = {ROLE}\n"))
    }),
    v("dev role with both sources", |p| {
        append_config(
            p,
            &format!("[profile dev]\nrole_arn = {ROLE}\nsource_profile = default\ncredential_source = Environment\n"),
        )
    }),
    v("dev role from base with keys", |p| {
        append_config(
            p,
            &format!(
                "[profile dev]\nrole_arn = {ROLE}\nsource_profile = base\n{}",
                keys("profile base", CONFIG_KEY)
            ),
        )
    }),
    v("[profile dev] id only", |p| {
        append_config(
            p,
            &format!("[profile dev]\naws_access_key_id = {CONFIG_KEY}\n"),
        )
    }),
    v("[profile default] keys", |p| {
        append_config(p, &keys("profile default", CONFIG_KEY))
    }),
    v("[profile dev] region only", |p| {
        append_config(p, "[profile dev]\nregion = eu-west-1\n")
    }),
    v("[profile  dev] two spaces", |p| {
        append_config(p, &keys("profile  dev", CONFIG_KEY))
    }),
];

/// Where the SDKs look for the files.
const FILE_VARIABLES: &[Variant] = &[
    v("default paths", |_| {}),
    v("empty AWS_SHARED_CREDENTIALS_FILE", |p| {
        p.var("AWS_SHARED_CREDENTIALS_FILE", "")
    }),
    v("empty AWS_CONFIG_FILE", |p| p.var("AWS_CONFIG_FILE", "")),
    v("AWS_SHARED_CREDENTIALS_FILE missing", |p| {
        p.var("AWS_SHARED_CREDENTIALS_FILE", "{home}/nowhere/credentials")
    }),
    v("AWS_SHARED_CREDENTIALS_FILE with ~", |p| {
        p.var("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials")
    }),
    v("AWS_CONFIG_FILE names the credentials file", |p| {
        p.var("AWS_CONFIG_FILE", "{home}/.aws/credentials")
    }),
    v("AWS_SHARED_CREDENTIALS_FILE names the config file", |p| {
        p.var("AWS_SHARED_CREDENTIALS_FILE", "{home}/.aws/config")
    }),
];

const REGION: &[Variant] = &[
    v("none", |_| {}),
    v("AWS_REGION", |p| p.var("AWS_REGION", "eu-west-1")),
    v("AWS_DEFAULT_REGION", |p| {
        p.var("AWS_DEFAULT_REGION", "eu-west-1")
    }),
];

/// Every dimension; the first variant of each is "not there".
pub(crate) const GRAMMAR: &[Dimension] = &[
    Dimension {
        name: "env",
        variants: ENV_KEYS,
    },
    Dimension {
        name: "AWS_PROFILE",
        variants: AWS_PROFILE,
    },
    Dimension {
        name: "AWS_DEFAULT_PROFILE",
        variants: AWS_DEFAULT_PROFILE,
    },
    Dimension {
        name: "credentials",
        variants: CREDENTIALS,
    },
    Dimension {
        name: "config",
        variants: CONFIG,
    },
    Dimension {
        name: "region",
        variants: REGION,
    },
    Dimension {
        name: "files",
        variants: FILE_VARIABLES,
    },
];

/// One variant index per dimension of [`GRAMMAR`].
pub(crate) type Situation = Vec<usize>;

/// A readable name: every dimension not at "not there", in grammar order.
pub(crate) fn name(situation: &[usize]) -> String {
    let parts: Vec<String> = GRAMMAR
        .iter()
        .zip(situation)
        .filter(|(_, &i)| i != 0)
        .map(|(d, &i)| format!("{}={}", d.name, d.variants[i].name))
        .collect();
    if parts.is_empty() {
        "nothing set".to_string()
    } else {
        parts.join(", ")
    }
}

/// The scenario HOME and environment of a situation.
pub(crate) fn scenario(situation: &[usize]) -> Scenario {
    let mut parts = Parts::default();
    for (d, &i) in GRAMMAR.iter().zip(situation) {
        (d.variants[i].build)(&mut parts);
    }
    let mut sandbox = Sandbox::new();
    if let Some(text) = &parts.credentials {
        sandbox = sandbox.credentials(text);
    }
    if let Some(text) = &parts.config {
        sandbox = sandbox.config(text);
    }
    for (name, value) in &parts.vars {
        sandbox = sandbox.var(name, value);
    }
    Scenario {
        // A few hundred short names per run, kept for the report.
        name: Box::leak(name(situation).into_boxed_str()),
        sandbox,
        profile: None,
        offline: !parts.process,
    }
}

/// splitmix64: a small, seeded, well-mixed generator with no dependency.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One random variant per dimension.
    pub(crate) fn situation(&mut self) -> Situation {
        GRAMMAR
            .iter()
            .map(|d| self.below(d.variants.len()))
            .collect()
    }
}
