//! Comments where crm syntax has no place for them (issue 9): between the
//! members of a group, and a comment of several lines inside a property
//! set (Pacemaker's `shutdown-lock` regression CIB has one). `show`
//! prints such an object as `xml <…>` with crmsh's rearrangement; the
//! annotated text `save` writes keeps every comment where it was, its
//! line breaks included. Loading either text back into the same CIB
//! changes nothing; `save` then `load replace` into an empty CIB gives
//! the objects back exactly.

use crmtool::cib::{Cib, Method};
use crmtool::load::load_text;
use crmtool::show::{show, ShowOptions};
use crmtool::xml::Element;

/// The group layout of `bug-cl-5212` in ../shared/pacemaker-cibs (a
/// banner comment as the group's first child), with a second member and
/// comments between and after the members.
const GROUP_CIB: &str = r#"<cib validate-with="pacemaker-3.9" admin_epoch="0" epoch="1" num_updates="0">
  <configuration>
    <crm_config/>
    <nodes/>
    <resources>
      <group id="grpStonith1">
        <!--### Group Configuration ###-->
        <primitive id="prmStonith1-1" class="stonith" type="external/ssh">
          <instance_attributes id="prmStonith1-1-instance_attributes">
            <nvpair name="hostlist" value="srv01" id="prmStonith1-1-instance_attributes-hostlist"/>
          </instance_attributes>
        </primitive>
        <!-- the second member:
             kept between the two -->
        <primitive id="prmStonith1-2" class="stonith" type="external/ssh"/>
        <!-- after the last member -->
      </group>
    </resources>
    <constraints/>
  </configuration>
  <status/>
</cib>
"#;

/// The property set of `shutdown-lock` in ../shared/pacemaker-cibs,
/// shortened: a comment of four lines between two nvpairs.
const PROPERTY_CIB: &str = r#"<cib validate-with="pacemaker-3.9" admin_epoch="0" epoch="1" num_updates="0">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="cib-bootstrap-options-cluster-name" name="cluster-name" value="mycluster"/>
        <!-- This regression test ensures that resources are properly locked to a node when shutdown-lock
             is true, both when active on a node that is shutting down (rsc1 on node1), and when
             inactive on a node already shut down (rsc2 on node2).  \
          -->
        <nvpair id="cib-bootstrap-options-shutdown-lock" name="shutdown-lock" value="true"/>
      </cluster_property_set>
    </crm_config>
    <nodes/>
    <resources/>
    <constraints/>
  </configuration>
  <status/>
</cib>
"#;

fn text(cib: &Cib, lossless: bool) -> String {
    let mut opts = ShowOptions::for_cib(&cib.root);
    opts.obscure.clear();
    opts.lossless = lossless;
    show(cib.configuration(), &opts)
}

fn reload_changes_nothing(xml: &str) {
    let cib = Cib::parse(xml).expect("fixture parses");
    for lossless in [false, true] {
        let mut work = cib.clone();
        let t = text(&cib, lossless);
        load_text(&mut work, &t, Method::Update).expect("its own text loads");
        assert_eq!(
            crmtool::xml::to_pretty(work.configuration()),
            crmtool::xml::to_pretty(cib.configuration()),
            "lossless={lossless}, text:\n{t}"
        );
    }
}

/// The object with this id in `section` of the configuration.
fn object<'a>(cib: &'a Cib, section: &str, id: &str) -> &'a Element {
    cib.configuration()
        .child(section)
        .and_then(|s| s.elements().find(|e| e.id() == Some(id)))
        .unwrap_or_else(|| panic!("{section} has {id}"))
}

fn save_restores(xml: &str, section: &str, id: &str) {
    let cib = Cib::parse(xml).expect("fixture parses");
    let saved = text(&cib, true);
    let mut fresh = Cib::empty("pacemaker-3.9");
    load_text(&mut fresh, &saved, Method::Replace).expect("the saved text loads");
    assert_eq!(
        object(&fresh, section, id),
        object(&cib, section, id),
        "saved text:\n{saved}"
    );
}

#[test]
fn comments_between_group_members_survive_reload() {
    reload_changes_nothing(GROUP_CIB);
}

#[test]
fn comments_between_group_members_survive_save_and_restore() {
    save_restores(GROUP_CIB, "resources", "grpStonith1");
}

#[test]
fn a_comment_of_several_lines_in_a_property_set_survives_reload() {
    reload_changes_nothing(PROPERTY_CIB);
}

#[test]
fn a_comment_of_several_lines_in_a_property_set_survives_save_and_restore() {
    save_restores(PROPERTY_CIB, "crm_config", "cib-bootstrap-options");
    // The line breaks themselves, not only the words.
    let cib = Cib::parse(PROPERTY_CIB).expect("fixture parses");
    let mut fresh = Cib::empty("pacemaker-3.9");
    load_text(&mut fresh, &text(&cib, true), Method::Replace).expect("loads");
    let set = object(&fresh, "crm_config", "cib-bootstrap-options");
    let comment = set
        .children
        .iter()
        .find_map(|n| match n {
            crmtool::xml::Node::Comment(c) => Some(c.as_str()),
            _ => None,
        })
        .expect("the comment is there");
    assert_eq!(comment.lines().count(), 4, "{comment:?}");
    assert!(
        comment.contains("(rsc2 on node2).  \\\n          "),
        "{comment:?}"
    );
}
