//! The format's rules. STUB: to be completed by the model work.
