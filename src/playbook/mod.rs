//! Playbooks: decision trees as TOML data, loaded and validated.
