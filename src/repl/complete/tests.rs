//! One test per completion context the issue lists, on fixture facts.

use super::*;

struct Fixture;

fn obj(kind: Kind, id: &str, contained: bool) -> ObjectInfo {
    ObjectInfo {
        kind,
        id: id.to_string(),
        contained,
    }
}

impl Facts for Fixture {
    fn objects(&self) -> Vec<ObjectInfo> {
        vec![
            obj(Kind::Primitive, "p1", false),
            obj(Kind::Primitive, "p2", false),
            obj(Kind::Primitive, "in-g", true),
            obj(Kind::Group, "g1", false),
            obj(Kind::Template, "tmpl", false),
            obj(Kind::Location, "loc1", false),
            obj(Kind::Property, "cib-bootstrap-options", false),
        ]
    }
    fn nodes(&self) -> Vec<String> {
        vec!["node1".into(), "node2".into()]
    }
    fn ra_classes(&self) -> Vec<String> {
        vec![
            "lsb".into(),
            "ocf".into(),
            "stonith".into(),
            "systemd".into(),
        ]
    }
    fn ocf_providers(&self) -> Vec<String> {
        vec!["heartbeat".into(), "pacemaker".into()]
    }
    fn ra_types(&self, class: &str, provider: Option<&str>) -> Vec<String> {
        match (class, provider) {
            ("ocf", Some("heartbeat")) => vec!["IPaddr2".into(), "Filesystem".into()],
            ("ocf", Some("pacemaker")) => vec!["Dummy".into(), "Stateful".into()],
            ("stonith", _) => vec!["fence_dummy".into()],
            _ => Vec::new(),
        }
    }
    fn ra_params(&self, agent: &str) -> Vec<Param> {
        if agent != "ocf:heartbeat:IPaddr2" {
            return Vec::new();
        }
        vec![
            Param {
                name: "ip".into(),
                kind: "string".into(),
                default: None,
                required: true,
                values: Vec::new(),
            },
            Param {
                name: "nic".into(),
                kind: "string".into(),
                default: Some("eth0".into()),
                required: false,
                values: Vec::new(),
            },
            Param {
                name: "cidr_netmask".into(),
                kind: "integer".into(),
                default: None,
                required: false,
                values: Vec::new(),
            },
        ]
    }
    fn ra_actions(&self, agent: &str) -> Vec<String> {
        if agent == "ocf:heartbeat:IPaddr2" {
            vec![
                "start".into(),
                "stop".into(),
                "monitor".into(),
                "meta-data".into(),
            ]
        } else {
            Vec::new()
        }
    }
    fn properties(&self) -> Vec<Param> {
        vec![
            Param {
                name: "stonith-enabled".into(),
                kind: "boolean".into(),
                default: Some("true".into()),
                required: false,
                values: Vec::new(),
            },
            Param {
                name: "no-quorum-policy".into(),
                kind: "select".into(),
                default: Some("stop".into()),
                required: false,
                values: vec!["stop".into(), "freeze".into()],
            },
        ]
    }
    fn shadows(&self) -> Vec<String> {
        vec!["test".into()]
    }
}

fn replacements(level: Level, line: &str) -> Vec<String> {
    complete(level, line, &Fixture)
        .1
        .into_iter()
        .map(|c| c.replacement)
        .collect()
}

fn displays(level: Level, line: &str) -> Vec<String> {
    complete(level, line, &Fixture)
        .1
        .into_iter()
        .map(|c| c.display)
        .collect()
}

#[test]
fn commands_at_the_root() {
    assert_eq!(replacements(Level::Root, "conf"), ["configure "]);
    assert!(replacements(Level::Root, "").contains(&"status ".to_string()));
    assert!(replacements(Level::Root, "").contains(&"quit ".to_string()));
}

#[test]
fn sub_commands_after_a_level_word() {
    assert_eq!(replacements(Level::Root, "configure sh"), ["show "]);
    assert_eq!(replacements(Level::Root, "node stand"), ["standby "]);
    assert_eq!(replacements(Level::Configure, "comm"), ["commit "]);
    assert_eq!(replacements(Level::Configure, "pri"), ["primitive "]);
    // crmsh 4.4 offers both here too (configure has `upgrade`).
    assert_eq!(replacements(Level::Configure, "up"), ["up ", "upgrade "]);
}

#[test]
fn the_word_start_is_where_the_word_begins() {
    let (start, _) = complete(Level::Configure, "primitive p1 ocf:pa", &Fixture);
    assert_eq!(start, "primitive p1 ".len());
    let (start, _) = complete(Level::Configure, "show ", &Fixture);
    assert_eq!(start, "show ".len());
}

#[test]
fn resources_after_group() {
    // Free primitives only: not the group, not one already in a group,
    // not one typed already.
    let r = replacements(Level::Configure, "group g2 p1 ");
    assert!(r.contains(&"p2 ".to_string()));
    assert!(!r.contains(&"p1 ".to_string()));
    assert!(!r.contains(&"in-g ".to_string()));
    assert!(!r.contains(&"g1 ".to_string()));
    assert!(r.contains(&"meta ".to_string()));
}

#[test]
fn nodes_after_a_location_score() {
    assert_eq!(
        replacements(Level::Configure, "location l1 p1 inf: "),
        ["node1 ", "node2 "]
    );
    assert_eq!(
        replacements(Level::Configure, "location l1 p1 100: node2"),
        ["node2 "]
    );
    assert!(replacements(Level::Configure, "location l1 ").contains(&"g1 ".to_string()));
}

#[test]
fn agents_are_staged_class_provider_type() {
    assert_eq!(replacements(Level::Configure, "primitive p3 o"), ["ocf:"]);
    assert_eq!(
        replacements(Level::Configure, "primitive p3 ocf:"),
        ["ocf:heartbeat:", "ocf:pacemaker:"]
    );
    assert_eq!(
        replacements(Level::Configure, "primitive p3 ocf:heartbeat:"),
        ["ocf:heartbeat:Filesystem ", "ocf:heartbeat:IPaddr2 "]
    );
    assert_eq!(
        replacements(Level::Configure, "primitive p3 ocf:pacemaker:Dumm"),
        ["ocf:pacemaker:Dummy "]
    );
    assert_eq!(
        replacements(Level::Configure, "primitive p3 stonith:"),
        ["stonith:fence_dummy "]
    );
    assert!(replacements(Level::Configure, "primitive p3 ").contains(&"@tmpl ".to_string()));
}

#[test]
fn parameters_with_types_defaults_and_required_markers() {
    let line = "primitive ip ocf:heartbeat:IPaddr2 params ";
    let d = displays(Level::Configure, line);
    assert!(d.contains(&"ip= (string, required)".to_string()), "{d:?}");
    assert!(
        d.contains(&"nic= (string, default eth0)".to_string()),
        "{d:?}"
    );
    assert!(d.contains(&"cidr_netmask= (integer)".to_string()), "{d:?}");
    assert!(replacements(Level::Configure, line).contains(&"ip=".to_string()));
    // A parameter given already is not offered again.
    let r = replacements(
        Level::Configure,
        "primitive ip ocf:heartbeat:IPaddr2 params ip=1.2.3.4 ",
    );
    assert!(!r.contains(&"ip=".to_string()));
    assert!(r.contains(&"nic=".to_string()));
    // Inside `params` only parameters are offered (as crmsh does).
    assert!(!r.contains(&"op ".to_string()));
}

#[test]
fn clauses_after_the_agent() {
    assert_eq!(
        replacements(Level::Configure, "primitive ip ocf:heartbeat:IPaddr2 "),
        ["meta ", "op ", "params "]
    );
}

#[test]
fn op_names_and_op_attributes() {
    assert_eq!(
        replacements(Level::Configure, "primitive ip ocf:heartbeat:IPaddr2 op "),
        ["monitor ", "start ", "stop "]
    );
    // Without metadata, the standard operations.
    assert!(replacements(Level::Configure, "primitive d Dummy op mon")
        .contains(&"monitor ".to_string()));
    let r = replacements(
        Level::Configure,
        "primitive ip ocf:heartbeat:IPaddr2 op monitor interval=10s ",
    );
    assert!(r.contains(&"timeout=".to_string()));
    assert!(!r.contains(&"interval=".to_string()));
    assert!(r.contains(&"op ".to_string()));
    assert_eq!(
        replacements(Level::Configure, "op_defaults time"),
        ["timeout="]
    );
}

#[test]
fn meta_attributes() {
    assert_eq!(
        replacements(Level::Configure, "primitive d Dummy meta target-"),
        ["target-role="]
    );
    assert!(replacements(Level::Configure, "clone c1 g1 meta inter")
        .contains(&"interleave=".to_string()));
}

#[test]
fn cluster_properties() {
    assert_eq!(
        replacements(Level::Configure, "property stonith"),
        ["stonith-enabled="]
    );
    assert_eq!(
        displays(Level::Configure, "property no"),
        ["no-quorum-policy= (select, default stop)"]
    );
    assert_eq!(
        replacements(Level::Configure, "property stonith-enabled="),
        ["stonith-enabled=false ", "stonith-enabled=true "]
    );
    assert_eq!(
        replacements(Level::Configure, "property no-quorum-policy=f"),
        ["no-quorum-policy=freeze "]
    );
}

#[test]
fn object_ids_for_show_edit_delete() {
    let r = replacements(Level::Configure, "show ");
    assert!(r.contains(&"changed ".to_string()));
    assert!(r.contains(&"loc1 ".to_string()));
    assert_eq!(replacements(Level::Configure, "edit p"), ["p1 ", "p2 "]);
    assert_eq!(replacements(Level::Configure, "delete p1 p"), ["p2 "]);
}

#[test]
fn other_levels() {
    assert_eq!(replacements(Level::Node, "standby "), ["node1 ", "node2 "]);
    assert_eq!(replacements(Level::Resource, "stop g"), ["g1 "]);
    assert_eq!(
        replacements(Level::Resource, "move p1 "),
        ["node1 ", "node2 "]
    );
    assert_eq!(replacements(Level::Ra, "info ocf:p"), ["ocf:pacemaker:"]);
    assert_eq!(
        replacements(Level::Ra, "list "),
        ["lsb ", "ocf ", "stonith ", "systemd "]
    );
    assert_eq!(replacements(Level::Cib, "use "), ["live ", "test "]);
    assert_eq!(
        replacements(Level::Node, "help st"),
        ["standby ", "status-attr "]
    );
}

#[test]
fn nothing_after_unknown_commands() {
    assert!(replacements(Level::Root, "bogus ").is_empty());
    assert!(replacements(Level::Configure, "bogus ").is_empty());
}

#[test]
fn history_cluster_and_corosync_complete() {
    assert_eq!(replacements(Level::Root, "hist"), ["history "]);
    assert_eq!(replacements(Level::Root, "coro"), ["corosync "]);
    assert!(replacements(Level::History, "").contains(&"transitions ".to_string()));
    assert_eq!(replacements(Level::History, "source "), ["live "]);
    assert_eq!(replacements(Level::History, "node "), ["node1 ", "node2 "]);
    assert!(replacements(Level::History, "resource ").contains(&"p1 ".to_string()));
    assert_eq!(replacements(Level::History, "detail "), ["0 ", "1 "]);
    assert_eq!(
        replacements(Level::Cluster, "start "),
        ["--all ", "node1 ", "node2 "]
    );
    assert_eq!(
        replacements(Level::Corosync, "status "),
        ["qdevice ", "qnetd ", "quorum ", "ring "]
    );
    assert!(replacements(Level::Corosync, "get totem.").contains(&"totem.token ".to_string()));
    assert!(replacements(Level::Root, "report -").contains(&"-f ".to_string()));
}

#[test]
fn the_levels_below_configure_complete_as_when_entered() {
    // From configure, with the level word, and at the level itself.
    assert_eq!(replacements(Level::Configure, "ass"), ["assist "]);
    assert_eq!(replacements(Level::Configure, "assist w"), ["weak-bond "]);
    assert_eq!(
        replacements(Level::Assist, "weak-bond p1 "),
        ["in-g ", "p1 ", "p2 "]
    );
    assert_eq!(
        replacements(Level::Configure, "assist template "),
        ["in-g ", "p1 ", "p2 "]
    );
    assert_eq!(
        replacements(Level::Configure, "ra info ocf:p"),
        ["ocf:pacemaker:"]
    );
    assert_eq!(
        replacements(Level::ConfigureRa, "list "),
        ["lsb ", "ocf ", "stonith ", "systemd "]
    );
    assert_eq!(
        replacements(Level::Configure, "history node "),
        ["node1 ", "node2 "]
    );
    assert_eq!(
        replacements(Level::ConfigureHistory, "detail "),
        ["0 ", "1 "]
    );
    assert!(replacements(Level::Configure, "rsctest p1 ").contains(&"g1 ".to_string()));
}
