//! The decision-tree session: current node, history, answers; a pure state machine.
