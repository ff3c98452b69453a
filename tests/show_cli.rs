//! `configure show`, `show annotated` and `save` through the binary on a
//! CIB file whose ids crmsh's text does not carry.

use crmtool::cib::Cib;
use std::path::Path;
use std::process::Output;

const CIB: &str = r#"<cib validate-with="pacemaker-3.9" admin_epoch="0" epoch="1" num_updates="0">
  <configuration>
    <crm_config/>
    <nodes>
      <node id="1" uname="node1"><instance_attributes id="n-attrs"><nvpair id="n-standby" name="standby" value="off"/></instance_attributes></node>
    </nodes>
    <resources>
      <group id="g">
        <primitive id="p" class="ocf" provider="heartbeat" type="Dummy">
          <instance_attributes id="my-set"><nvpair id="odd" name="state" value="/run/p"/></instance_attributes>
          <operations><op id="mon" name="monitor" interval="10s"/></operations>
        </primitive>
        <meta_attributes id="g-meta"><nvpair id="g-role" name="target-role" value="Stopped"/></meta_attributes>
      </group>
    </resources>
    <constraints/>
  </configuration>
  <status/>
</cib>
"#;

/// crmsh 4.4.1's `configure show` of [`CIB`].
const CRMSH_SHOW: &str = "node 1: node1 \\
\tattributes standby=off
primitive p Dummy \\
\tparams state=\"/run/p\" \\
\top monitor interval=10s
group g p \\
\tmeta target-role=Stopped
";

mod support;

fn crm(cib: &Path, args: &[&str]) -> Output {
    let out = support::offline_crm(cib, args);
    assert!(
        out.status.success(),
        "crm {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn show_is_crmsh_annotated_carries_the_ids() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    std::fs::write(&cib, CIB).expect("write");
    assert_eq!(stdout(&crm(&cib, &["configure", "show"])), CRMSH_SHOW);

    let annotated = stdout(&crm(&cib, &["configure", "show", "annotated"]));
    for id in ["$id=n-attrs", "$n-standby:standby", "$id=my-set", "id=mon"] {
        assert!(annotated.contains(id), "{id} missing:\n{annotated}");
    }
    let one = stdout(&crm(&cib, &["configure", "show", "annotated", "p"]));
    assert!(
        one.starts_with("primitive p Dummy") && !one.contains("node"),
        "{one}"
    );
    // Reading does not write.
    assert_eq!(std::fs::read_to_string(&cib).expect("read"), CIB);
}

#[test]
fn save_then_load_replace_into_an_empty_cib_keeps_every_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    std::fs::write(&cib, CIB).expect("write");
    let saved = dir.path().join("saved.crm");
    crm(&cib, &["configure", "save", &saved.display().to_string()]);
    let text = std::fs::read_to_string(&saved).expect("saved");
    assert_eq!(
        text,
        stdout(&crm(&cib, &["configure", "show", "annotated"])),
        "save writes the annotated text"
    );

    let fresh = dir.path().join("fresh.xml");
    std::fs::write(&fresh, Cib::empty("pacemaker-3.9").to_xml()).expect("write");
    crm(
        &fresh,
        &[
            "-F",
            "configure",
            "load",
            "replace",
            &saved.display().to_string(),
        ],
    );
    let want = Cib::parse(CIB).expect("cib");
    let got = Cib::parse(&std::fs::read_to_string(&fresh).expect("read")).expect("cib");
    for section in ["nodes", "resources"] {
        let (w, g) = (
            want.configuration().child(section).expect("section"),
            got.configuration().child(section).expect("section"),
        );
        assert!(
            w.same_as(g),
            "<{section}> differs:\n{}\n{}",
            crmtool::xml::to_string_compact(w),
            crmtool::xml::to_string_compact(g)
        );
    }
}

#[test]
fn save_keeps_loose_comments_and_names_those_it_cannot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let with_loose = CIB
        .replace(
            "<configuration>",
            "<configuration><!-- about this CIB\n  second line -->",
        )
        .replace("<group id=\"g\">", "<!-- the group --><group id=\"g\">")
        .replace(
            "<constraints/>",
            "<constraints><!-- none yet --></constraints>",
        );
    std::fs::write(&cib, &with_loose).expect("write");
    let saved = dir.path().join("saved.crm");
    let out = crm(&cib, &["configure", "save", &saved.display().to_string()]);
    let err = String::from_utf8_lossy(&out.stderr);
    // Only the comment of a section without objects has nowhere to go.
    assert!(
        err.contains("<constraints>") && err.contains("none yet"),
        "{err}"
    );
    assert!(
        !err.contains("about this CIB") && !err.contains("the group"),
        "{err}"
    );
    // The others come back where they were: the first before <nodes>
    // (the empty <crm_config> before it means nothing), the second
    // before the group.
    let fresh = dir.path().join("fresh.xml");
    std::fs::write(&fresh, Cib::empty("pacemaker-3.9").to_xml()).expect("write");
    let file = saved.display().to_string();
    crm(&fresh, &["-F", "configure", "load", "replace", &file]);
    let got = Cib::parse(&std::fs::read_to_string(&fresh).expect("read")).expect("cib");
    let conf = got.configuration();
    let before = |parent: &crmtool::xml::Element, tag: &str| -> Vec<String> {
        let at = parent
            .children
            .iter()
            .position(|n| matches!(n, crmtool::xml::Node::Element(e) if e.name == tag))
            .expect("element there");
        parent.children[..at]
            .iter()
            .filter_map(|n| match n {
                crmtool::xml::Node::Comment(c) => Some(c.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(before(conf, "nodes"), [" about this CIB\n  second line "]);
    let resources = conf.child("resources").expect("resources");
    assert_eq!(before(resources, "group"), [" the group "]);
    // Loading the same text again adds nothing.
    let once = std::fs::read_to_string(&fresh).expect("read");
    crm(&fresh, &["configure", "load", "update", &file]);
    let twice = Cib::parse(&std::fs::read_to_string(&fresh).expect("read")).expect("cib");
    assert_eq!(
        twice.configuration(),
        Cib::parse(&once).expect("cib").configuration()
    );
    // A comment inside an object is saved with it.
    std::fs::write(
        &cib,
        CIB.replace("<group id=\"g\">", "<group id=\"g\"><!-- kept -->"),
    )
    .expect("write");
    let out = crm(&cib, &["configure", "save", &saved.display().to_string()]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&saved).expect("saved");
    assert!(text.contains("<!-- kept -->"), "{text}");
}
