//! Editor help: the JSON Schemas shipped in data/schemas/ are the ones vanban generates, they
//! reject unknown fields, and every example file points at the schema of its kind.

use crate::support::example;

#[test]
fn shipped_schemas_match_the_generated_ones() {
    for (name, json) in vanban::app::schema::schemas() {
        let shipped = std::fs::read_to_string(example().join("data/schemas").join(name))
            .unwrap_or_else(|_| panic!("data/schemas/{name} is missing: run `vanban schema`"));
        assert_eq!(
            shipped, json,
            "data/schemas/{name} is stale: run `vanban schema`"
        );
    }
}

#[test]
fn the_letter_schema_describes_the_fields_and_refuses_others() {
    let (_, json) = vanban::app::schema::schemas()
        .into_iter()
        .find(|(n, _)| *n == "letter.schema.json")
        .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for field in ["kind", "data_year", "date", "subject", "signer"] {
        assert!(required.contains(&field), "{field} is required");
    }
    assert!(schema["properties"]["reminder"].is_object());
    assert_eq!(schema["properties"]["data_year"]["type"], "integer");
}

#[test]
fn every_example_file_names_its_schema() {
    let root = example();
    for entry in walkdir::WalkDir::new(root.join("data"))
        .into_iter()
        .chain(walkdir::WalkDir::new(root.join("letters")))
    {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let line = text.lines().next().unwrap_or_default();
        let target = line
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{} does not name its schema", entry.path().display()));
        let schema = entry.path().parent().unwrap().join(target);
        assert!(
            schema.is_file(),
            "{} names a missing schema {target}",
            entry.path().display()
        );
        let kind = schema.file_name().unwrap().to_str().unwrap();
        let rel = entry
            .path()
            .strip_prefix(&root)
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let expected = match rel.as_str() {
            "data/agency.yaml" => "agency.schema.json",
            "data/issuers.yaml" => "issuers.schema.json",
            "data/recipients.yaml" => "recipients.schema.json",
            "data/indicators.yaml" => "indicators.schema.json",
            r if r.starts_with("letters/") => "letter.schema.json",
            _ => "answers.schema.json",
        };
        assert_eq!(kind, expected, "{rel}");
    }
}
