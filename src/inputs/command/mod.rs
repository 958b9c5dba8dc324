//! The user's own command (`credwiz check -- COMMAND`): which SDK's lens
//! fits it (`language.rs`) and what the AWS CLI's `--debug` log says about
//! where it really found credentials (`aws_debug.rs`). Reading only; running
//! it is `probes::user_command`.

pub mod aws_debug;
pub mod language;
