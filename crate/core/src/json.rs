//! One strict JSON reader for everything the core and the CLI are given:
//! policies (by `riserbo policy validate`, `riserbo check --policy`, the
//! extension) and the CLI's JSONL records.
//!
//! It differs from `serde_json::from_str` in two ways: a UTF-8 byte order
//! mark at the start is skipped (editors on Windows write one), and an
//! object with the same key twice is refused, at any depth. With duplicate
//! keys, readers disagree on which value counts (serde's `Value` keeps the
//! last, a struct refuses): `{"text": "RSSMRA…", "text": "ok"}` must not be
//! checked on "ok" alone.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Reads `text` as one JSON value; see the module's documentation.
pub fn parse(text: &str) -> Result<Value, serde_json::Error> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let Strict(value) = Strict::deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// A JSON value read without duplicate keys.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Strict, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
            }
            let Strict(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_duplicate_keys_at_any_depth() {
        let e = parse(r#"{"text":"RSSMRA85T10A562S","text":"ok"}"#).unwrap_err();
        assert!(e.to_string().contains("duplicate key `text`"), "{e}");
        assert!(parse(r#"{"a": [{"b": 1, "b": 2}]}"#).is_err());
        assert!(parse(r#"{"a": {"b": 1}, "b": {"a": 1}}"#).is_ok());
    }

    #[test]
    fn skips_a_byte_order_mark_and_reads_every_kind_of_value() {
        let v = parse("\u{FEFF}{\"a\": [1, -2, 2.5, true, null, \"x\"]}").unwrap();
        assert_eq!(v, serde_json::json!({"a": [1, -2, 2.5, true, null, "x"]}));
        assert!(parse("{} x").is_err());
        assert!(parse("").is_err());
    }
}
