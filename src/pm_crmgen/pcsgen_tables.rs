//! The tables of a pm_pcsgen sheet (markers in column B, sub-tables, the
//! columns each needs), how a sheet is told to be one, and the value
//! spellings pm_pcsgen normalises.

use super::sheet::{Item, Sheet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Node,
    Property,
    RscDefaults,
    OpDefaults,
    Resources,
    Attributes,
    Primitive,
    Stonith,
    StonithLevel,
    LocationNode,
    LocationRule,
    Colocation,
    Order,
    Alert,
    Config,
}

impl Table {
    pub fn from_marker(lower: &str) -> Option<Table> {
        Some(match lower {
            "node" => Table::Node,
            "property" => Table::Property,
            "rsc_defaults" => Table::RscDefaults,
            "op_defaults" => Table::OpDefaults,
            "resources" => Table::Resources,
            "rsc_attributes" => Table::Attributes,
            "primitive" => Table::Primitive,
            "stonith" => Table::Stonith,
            "stonith_level" => Table::StonithLevel,
            "location_node" => Table::LocationNode,
            "location_rule" => Table::LocationRule,
            "colocation" => Table::Colocation,
            "order" => Table::Order,
            "alert" => Table::Alert,
            "additional_config" => Table::Config,
            _ => return None,
        })
    }

    /// The table's name in pm_pcsgen's messages.
    pub fn caption(self) -> &'static str {
        match self {
            Table::Node => "クラスタ・ノード表",
            Table::Property => "クラスタ・プロパティ表",
            Table::RscDefaults => "リソース・デフォルト表",
            Table::OpDefaults => "オペレーション・デフォルト表",
            Table::Resources => "リソース構成表",
            Table::Attributes => "リソース構成パラメータ表",
            Table::Primitive => "Primitiveリソース表",
            Table::Stonith => "STONITHリソース表",
            Table::StonithLevel => "STONITHの実行順序表",
            Table::LocationNode => "リソース配置制約(ノード)表",
            Table::LocationRule => "リソース配置制約(ルール)表",
            Table::Colocation => "リソース同居制約表",
            Table::Order => "リソース起動順序制約表",
            Table::Alert => "Alert設定表",
            Table::Config => "追加設定表",
        }
    }

    /// Sub-table letters: PRIMITIVE and STONITH have P, A, O; ALERT has P, A, R.
    pub fn subs(self) -> &'static [char] {
        match self {
            Table::Primitive | Table::Stonith => &['p', 'a', 'o'],
            Table::Alert => &['p', 'a', 'r'],
            _ => &[],
        }
    }

    pub fn required(self, sub: Option<char>) -> &'static [&'static str] {
        match (self, sub) {
            (Table::Primitive, Some('p')) => &["id", "class", "provider", "type"],
            (Table::Stonith, Some('p')) => &["id", "type"],
            (Table::Primitive | Table::Stonith | Table::Alert, Some('a')) => {
                &["type", "name", "value"]
            }
            (Table::Primitive | Table::Stonith, _) => &["type"],
            (Table::Alert, Some('r')) => &["recipient"],
            (Table::Alert, _) => &["path"],
            (Table::Node, _) => &["uname", "type", "name", "value"],
            (Table::Property | Table::RscDefaults | Table::OpDefaults, _) => &["name", "value"],
            (Table::Resources, _) => &["resourceitem", "id"],
            (Table::Attributes, _) => &["id", "name", "value"],
            (Table::StonithLevel, _) => &["node", "id", "level"],
            (Table::LocationNode, _) => &["rsc", "prefers/avoids", "node", "score"],
            (Table::LocationRule, _) => &[
                "rsc",
                "score",
                "bool_op",
                "attribute",
                "op",
                "value",
                "role",
            ],
            (Table::Colocation, _) => &["rsc", "with-rsc", "score", "rsc-role", "with-rsc-role"],
            (Table::Order, _) => &[
                "first-rsc",
                "then-rsc",
                "kind",
                "first-action",
                "then-action",
                "symmetrical",
            ],
            (Table::Config, _) => &["config"],
        }
    }
}

/// Markers only the pm_pcsgen sheet has (pm_crmgen's own are LOCATION,
/// LOCATION_EXPERT, FENCING_TOPOLOGY, RSC_TICKET).
const PCSGEN_ONLY: [&str; 4] = ["stonith", "stonith_level", "location_node", "location_rule"];

/// Whether the sheet is a pm_pcsgen one: its title comment names pm_pcsgen, a
/// table only pm_pcsgen has appears, or RESOURCES names a kind only it knows.
pub fn is_pcsgen(sheet: &Sheet) -> bool {
    let mut in_resources = false;
    for item in &sheet.items {
        let Item::Row(row) = item else { continue };
        let first = row.cell(0);
        if first.starts_with('#') {
            if first.contains("pm_pcsgen") {
                return true;
            }
            continue;
        }
        let marker = row.cell(1).to_ascii_lowercase();
        if !marker.is_empty() {
            if PCSGEN_ONLY.contains(&marker.as_str()) {
                return true;
            }
            if super::tables::Table::from_marker(&marker).is_some() {
                in_resources = marker == "resources";
                continue;
            }
        }
        if in_resources
            && row.cells.iter().skip(2).any(|c| {
                let c = c.to_ascii_lowercase();
                c == "stonith" || c == "promotable"
            })
        {
            return true;
        }
    }
    false
}

/// `inf`, `+Infinity`, … spelled as Pacemaker spells it; other scores as given.
pub fn fmt_score(s: &str) -> String {
    let bare = s.trim_start_matches(['+', '-']);
    let sign = &s[..s.len() - bare.len()];
    if sign.len() <= 1
        && (bare.eq_ignore_ascii_case("inf") || bare.eq_ignore_ascii_case("infinity"))
    {
        format!("{sign}INFINITY")
    } else {
        s.to_string()
    }
}

/// Truth words as `true`/`false`; anything else as given.
pub fn fmt_bool(s: &str) -> String {
    match s.to_ascii_lowercase().as_str() {
        "y" | "yes" | "t" | "true" | "on" | "1" => "true".into(),
        "n" | "no" | "f" | "false" | "off" | "0" => "false".into(),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_spelled_as_pacemaker_spells_them() {
        assert_eq!(fmt_score("inf"), "INFINITY");
        assert_eq!(fmt_score("-Infinity"), "-INFINITY");
        assert_eq!(fmt_score("+inf"), "+INFINITY");
        assert_eq!(fmt_score("200"), "200");
        assert_eq!(fmt_score("--inf"), "--inf");
    }

    #[test]
    fn truth_words_become_true_or_false() {
        assert_eq!(fmt_bool("Yes"), "true");
        assert_eq!(fmt_bool("0"), "false");
        assert_eq!(fmt_bool("maybe"), "maybe");
    }
}
