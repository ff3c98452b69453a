//! Configure commands against a `CIB_file`, with what crmsh 4.4.1 printed
//! for the same steps on an empty CIB (`cibadmin --empty`, recorded with
//! /usr/sbin/crm): each step's output shows the effect of the one before
//! it in the CIB.

mod support;

use std::process::Command;

const CRM: &str = env!("CARGO_BIN_EXE_crm");

fn crm(cib: &std::path::Path, home: &std::path::Path, args: &[&str]) -> (i32, String) {
    let o = Command::new(CRM)
        .args(args)
        .env("CIB_file", cib)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env_remove("CIB_shadow")
        .output()
        .expect("crm runs");
    let mut text = String::from_utf8_lossy(&o.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&o.stderr));
    (o.status.code().unwrap_or(-1), text)
}

#[test]
fn get_property_and_show_obscure_as_crmsh() {
    let empty = Command::new("cibadmin").arg("--empty").output().ok();
    let Some(empty) = empty.filter(|o| o.status.success()) else {
        support::skip(
            "get_property_and_show_obscure_as_crmsh",
            "cibadmin (Pacemaker's CLI tools) is not installed",
        );
        return;
    };
    let dir = std::env::temp_dir().join(format!("crm-configure-offline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let cib = dir.join("cib.xml");
    std::fs::write(&cib, &empty.stdout).expect("write CIB");
    let steps: &[(&[&str], i32, &str)] = &[
        // Not set: Pacemaker's default, from its metadata.
        (
            &["configure", "get_property", "stonith-enabled"],
            0,
            "true\n",
        ),
        (
            &["configure", "get_property", "-t", "no-quorum-policy"],
            0,
            "false\n",
        ),
        (
            &["-F", "configure", "property", "stonith-enabled=false"],
            0,
            "",
        ),
        (
            &["configure", "get_property", "stonith-enabled"],
            0,
            "false\n",
        ),
        (
            &[
                "-F",
                "configure",
                "primitive",
                "p1",
                "ocf:heartbeat:Dummy",
                "params",
                "fake=secret1",
            ],
            0,
            "",
        ),
        (
            &["configure", "show", "obscure:fake", "p1"],
            0,
            "primitive p1 Dummy \\\n\tparams fake=\"******\"\n",
        ),
        (
            &["configure", "get_property", "nosuch"],
            1,
            "ERROR: configure.get_property: nosuch: Property not set\n",
        ),
    ];
    for (args, rc, expected) in steps {
        let (got_rc, got) = crm(&cib, &dir, args);
        // Pacemaker's own warnings about this CIB are not the point here.
        let got: String = got
            .lines()
            .filter(|l| !l.starts_with("WARNING:"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(
            (got_rc, got.as_str()),
            (*rc, *expected),
            "crm {}",
            args.join(" ")
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
