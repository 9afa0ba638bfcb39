//! Serde mirror of the TOML file. STUB: to be completed by the model work.
