//! The `sdk_lens` check: whether the other SDKs would do what aws-config does.

use super::Outcome;
use crate::diagnosis::Diagnosis;
use crate::inputs::program::Sdk;

/// `same`, `python_differs`, `node_differs` or `both_differ`.
pub(crate) fn sdk_lens(d: &Diagnosis) -> Outcome {
    let python = !d.sdks.python.same_as_rust;
    let node = !d.sdks.node.same_as_rust;
    let (outcome, summary) = match (python, node) {
        (false, false) => (
            "same",
            "botocore and the Node.js SDK would resolve what aws-config resolves".to_string(),
        ),
        (true, false) => (
            "python_differs",
            format!(
                "botocore would differ: {}",
                crate::rules::sdk::describe(d.sdks.get(Sdk::Python))
            ),
        ),
        (false, true) => (
            "node_differs",
            format!(
                "the Node.js SDK would differ: {}",
                crate::rules::sdk::describe(d.sdks.get(Sdk::Node))
            ),
        ),
        (true, true) => (
            "both_differ",
            "botocore and the Node.js SDK would both differ from aws-config".to_string(),
        ),
    };
    (outcome, summary)
}
