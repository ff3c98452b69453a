//! The project's own sheets in `templates/`: the filled example converts cleanly
//! (exit 0, no message) from CSV and from .xlsx alike; the blank template holds
//! every table and, having no data, gives the "no valid data" warning.

mod pm_crmgen_common;

use std::path::{Path, PathBuf};

use pm_crmgen_common::{run_in, scratch_dir};

fn template(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates")
        .join(name)
}

fn convert(case: &str, file: &str, extra: &[&str]) -> (i32, String, Option<Vec<u8>>) {
    let dir = scratch_dir(case);
    std::fs::copy(template(file), dir.join(file)).expect("copy template");
    let mut args: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
    args.extend(["-o".to_string(), "out.crm".to_string(), file.to_string()]);
    let res = run_in(&dir, &args);
    let mut out = String::from_utf8_lossy(&res.stdout).into_owned();
    out.push_str(&String::from_utf8_lossy(&res.stderr));
    (res.code, out, std::fs::read(dir.join("out.crm")).ok())
}

#[test]
fn example_converts_without_warnings() {
    let (code, messages, crm) = convert("tpl-example-csv", "example-pgsql.csv", &["-V"]);
    assert_eq!(code, 0, "{}", messages);
    assert_eq!(messages, "");
    let crm = String::from_utf8(crm.expect("crm written")).expect("UTF-8");
    for needle in [
        "group grpPg \\\n\tprmEx \\\n\tprmFs \\\n\tprmPg \\\n\tprmIp\n",
        "clone clnPing \\\n\tprmPing \\\n",
        "fencing_topology \\\n\tpm01: prmStonith1-1 prmStonith1-2 prmStonith1-3 \\\n\tpm02: ",
        "primitive prmStonith1-1 stonith:external/stonith-helper \\\n",
        "primitive prmStonith2-2 stonith:external/libvirt \\\n",
        "primitive prmStonith2-3 stonith:meatware \\\n",
        "\trule -INFINITY: not_defined default_ping_set or default_ping_set lt 100 \\\n",
        "colocation rsc_colocation-grpPg-clnDiskd2-3 INFINITY: grpPg clnDiskd2\n",
        "order rsc_order-clnPing-grpPg-1 0: clnPing grpPg symmetrical=false\n",
    ] {
        assert!(crm.contains(needle), "missing {:?} in:\n{}", needle, crm);
    }
}

#[test]
fn example_workbook_gives_the_same_file_as_its_csv() {
    let (code_csv, _, csv) = convert("tpl-example-csv2", "example-pgsql.csv", &[]);
    let (code_xlsx, messages, xlsx) = convert("tpl-example-xlsx", "example-pgsql.xlsx", &[]);
    assert_eq!((code_csv, code_xlsx), (0, 0), "{}", messages);
    assert!(csv.is_some());
    assert_eq!(csv, xlsx);
}

#[test]
fn blank_template_has_every_table_and_no_data() {
    let text = std::fs::read_to_string(template("pm_crmgen_env.csv")).expect("template csv");
    for marker in [
        "NODE",
        "PROPERTY",
        "RSC_DEFAULTS",
        "OP_DEFAULTS",
        "RESOURCES",
        "RSC_ATTRIBUTES",
        "FENCING_TOPOLOGY",
        "PRIMITIVE",
        "LOCATION_EXPERT",
        "COLOCATION",
        "ORDER",
        "RSC_TICKET",
        "ADDITIONAL_CONFIG",
        "ALERT",
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!(",{},", marker))),
            "table {} missing",
            marker
        );
    }
    for file in ["pm_crmgen_env.csv", "pm_crmgen_env.xlsx"] {
        let (code, messages, crm) = convert(&format!("tpl-blank-{}", file), file, &["-V"]);
        assert_eq!(code, 2, "{}: {}", file, messages);
        assert_eq!(
            messages,
            "WARN  : CSVファイルが不正です。(有効なデータが設定されていません。)\n"
        );
        assert!(crm.is_none());
    }
}
