//! The outline a library keeps of a briefing: defined in the model
//! ([`crate::model::front`]), made once per loaded version and shared.

pub use crate::model::front::Outline;
