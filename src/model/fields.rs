//! The key list of a serde struct, read from its derive, so raw.rs stays the one source of truth.

use serde::de::{self, DeserializeOwned, Visitor};
use std::fmt;

/// The field names `T`'s `Deserialize` derive declares (empty for non-structs).
pub fn struct_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldProbe(&mut fields));
    fields
}

/// A deserializer that only records the struct fields it is asked for, then fails.
struct FieldProbe<'a>(&'a mut &'static [&'static str]);

#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field probe")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<M: fmt::Display>(_msg: M) -> Self {
        Stop
    }
}

impl<'de> de::Deserializer<'de> for FieldProbe<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Stop> {
        *self.0 = fields;
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::raw::{RawFile, RawQuote};

    #[test]
    fn reads_fields_from_the_derive() {
        assert_eq!(
            struct_fields::<RawFile>(),
            ["briefing", "actor", "source", "section"]
        );
        assert_eq!(
            struct_fields::<RawQuote>(),
            ["by", "text", "context", "source"]
        );
        assert!(struct_fields::<String>().is_empty());
    }
}
