//! The schemas of `docs/json/` and the subset of JSON Schema they use,
//! for the JSON tests (`mod json_schema;`).

use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn schema(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join("docs/json").join(name)).expect("schema file");
    serde_json::from_str(&text).expect("schema is JSON")
}

/// The subset of JSON Schema the documented schemas use: `type`,
/// `enum`, `required`, `properties`, `additionalProperties: false`,
/// `items`, `$ref` to `#/$defs/…`. Returns the first violation.
pub fn validate(v: &Value, s: &Value, top: &Value, at: &str) -> Result<(), String> {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        let def = &top["$defs"][name];
        if def.is_null() {
            return Err(format!("{at}: unknown $ref {r}"));
        }
        return validate(v, def, top, at);
    }
    if let Some(options) = s.get("enum").and_then(Value::as_array) {
        if !options.contains(v) {
            return Err(format!("{at}: {v} not one of {options:?}"));
        }
    }
    if let Some(t) = s.get("type").and_then(Value::as_str) {
        let ok = match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "boolean" => v.is_boolean(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            _ => return Err(format!("{at}: schema type {t} unknown to the validator")),
        };
        if !ok {
            return Err(format!("{at}: {v} is not a {t}"));
        }
    }
    if let Some(obj) = v.as_object() {
        for r in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let r = r.as_str().unwrap_or_default();
            if !obj.contains_key(r) {
                return Err(format!("{at}: missing {r}"));
            }
        }
        let props = s.get("properties").and_then(Value::as_object);
        for (k, val) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => validate(val, ps, top, &format!("{at}.{k}"))?,
                None if s.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    return Err(format!("{at}: field {k} not in the schema"))
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(list)) = (s.get("items"), v.as_array()) {
        for (i, x) in list.iter().enumerate() {
            validate(x, items, top, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}
