//! Malformed input must never panic: random bytes, binary garbage, truncated
//! files, huge cells and randomly assembled sheets give a clear error (exit 1) or a
//! normal result, never a crash.

mod pm_crmgen_common;

use std::ffi::OsString;
use std::path::Path;

use pm_crmgen_common::{golden_root, scratch_dir};

const ABORTING: &str = "crmファイル生成中にエラーが発生しました。処理を中止します。\n";

/// Deterministic pseudo-random numbers (64-bit LCG, high bits).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() as usize) % n.max(1)
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

struct Outcome {
    code: i32,
    stderr: String,
}

/// Runs pm_crmgen in-process (a panic fails the test) on `file` in `dir`.
fn convert(dir: &Path, file: &str, content: &[u8]) -> Outcome {
    let input = dir.join(file);
    std::fs::write(&input, content).expect("write input");
    let out = dir.join("out.crm");
    let _ = std::fs::remove_file(&out);
    let args: Vec<OsString> = vec![
        "pm_crmgen".into(),
        "-o".into(),
        out.clone().into_os_string(),
        input.into_os_string(),
    ];
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let code = crmtool::pm_crmgen::run(args, &mut stdout, &mut stderr);
    let stderr = String::from_utf8(stderr).expect("messages are UTF-8");
    if code == 1 {
        assert!(!out.exists(), "no output file after an error");
        assert!(
            stderr.ends_with(ABORTING),
            "clear error expected: {}",
            stderr
        );
        assert!(
            stderr.contains("ERROR : "),
            "an ERROR line expected: {}",
            stderr
        );
    }
    assert!(stdout.is_empty());
    Outcome { code, stderr }
}

#[test]
fn random_bytes_are_rejected() {
    let dir = scratch_dir("malformed-random");
    let mut rng = Lcg(42);
    for len in [1usize, 2, 3, 7, 64, 500, 4096, 70_000] {
        for _ in 0..4 {
            let data = rng.bytes(len);
            let res = convert(&dir, "random.csv", &data);
            // Random bytes hardly ever decode; when they do, the sheet still has
            // no table header before its first data row.
            assert_ne!(
                res.code,
                0,
                "random data accepted: {:?}",
                &data[..len.min(16)]
            );
        }
    }
}

#[test]
fn binary_garbage_is_rejected() {
    let dir = scratch_dir("malformed-binary");
    let exe = std::fs::read(env!("CARGO_BIN_EXE_pm_crmgen")).expect("read binary");
    let res = convert(&dir, "binary.csv", &exe[..exe.len().min(200_000)]);
    assert_eq!(res.code, 1);
    let mut zip_like = b"PK\x03\x04".to_vec();
    zip_like.extend(Lcg(7).bytes(3000));
    for name in ["garbage.xlsx", "garbage.xls", "garbage.ods"] {
        let res = convert(&dir, name, &zip_like);
        assert_eq!(res.code, 1, "{}", name);
        assert!(
            res.stderr.contains("ファイルのオープンに失敗しました。"),
            "{}",
            res.stderr
        );
    }
    // An ASCII file with NUL counts as EUC-JP (rejected); with UTF-8 text the CSV
    // reader meets the NUL and stops as Python 2's did.
    let res = convert(
        &dir,
        "nul-ascii.csv",
        b",PROPERTY\n,,name,,value\n,,a\0,,1\n",
    );
    assert!(
        res.stderr.contains("未対応のエンコーディング"),
        "{}",
        res.stderr
    );
    let res = convert(
        &dir,
        "nul.csv",
        ",PROPERTY\n,,name,,value\n,,表\0,,1\n".as_bytes(),
    );
    assert_eq!(res.code, 1);
    assert!(
        res.stderr.contains("ERROR : line contains NULL byte\n"),
        "{}",
        res.stderr
    );
}

#[test]
fn huge_cells_stop_with_the_csv_error() {
    let dir = scratch_dir("malformed-huge");
    let mut data = b",PROPERTY\n,,name,,value\n,,x,,".to_vec();
    data.extend(std::iter::repeat_n(b'a', 300_000));
    data.push(b'\n');
    let res = convert(&dir, "huge.csv", &data);
    assert_eq!(res.code, 1);
    assert!(
        res.stderr
            .contains("ERROR : field larger than field limit (131072)\n"),
        "{}",
        res.stderr
    );
    // A huge quoted cell that never ends is the same error.
    let mut open = b",ADDITIONAL_CONFIG\n,,config\n,,\"".to_vec();
    open.extend(std::iter::repeat_n(b'b', 200_000));
    assert_eq!(convert(&dir, "open.csv", &open).code, 1);
}

#[test]
fn truncated_sheets_never_crash() {
    let Some(root) = golden_root() else {
        return;
    };
    let dir = scratch_dir("malformed-truncated");
    for case in ["sample-v2.2-ex2", "sample-v2.2-ex2-utf8", "ms-master-roles"] {
        let full =
            std::fs::read(root.join("cases").join(format!("{}.csv", case))).expect("golden csv");
        let mut rng = Lcg(full.len() as u64);
        let mut cuts: Vec<usize> = (0..40).map(|_| rng.below(full.len())).collect();
        cuts.extend([0, 1, full.len() / 2, full.len() - 1]);
        for cut in cuts {
            let res = convert(&dir, "cut.csv", &full[..cut]);
            assert!(matches!(res.code, 0..=2), "{} cut at {}", case, cut);
        }
    }
}

#[test]
fn randomly_assembled_sheets_never_crash() {
    let dir = scratch_dir("malformed-assembled");
    let words = [
        "NODE",
        "PROPERTY",
        "RSC_DEFAULTS",
        "OP_DEFAULTS",
        "RESOURCES",
        "RSC_ATTRIBUTES",
        "PRIMITIVE",
        "LOCATION",
        "LOCATION_EXPERT",
        "COLOCATION",
        "ORDER",
        "FENCING_TOPOLOGY",
        "RSC_TICKET",
        "ADDITIONAL_CONFIG",
        "ALERT",
        "P",
        "A",
        "O",
        "R",
        "uname",
        "ntype",
        "ptype",
        "name",
        "value",
        "resourceItem",
        "id",
        "type",
        "class",
        "provider",
        "rule",
        "rsc",
        "score",
        "bool_op",
        "attribute",
        "op",
        "role",
        "id_spec",
        "with-rsc",
        "first-rsc",
        "then-rsc",
        "symmetrical",
        "node",
        "index",
        "ticket",
        "config",
        "path",
        "recipient",
        "score:100",
        "ping:a:1",
        "pingd:b:2",
        "diskd:c",
        "primitive",
        "group",
        "clone",
        "ms",
        "master",
        "params",
        "meta",
        "utilization",
        "operations",
        "attributes",
        "prmA",
        "prmB",
        "grpA",
        "clnA",
        "pm01",
        "yes",
        "no",
        "inf",
        "-INF",
        "1",
        "0",
        "10",
        "defined",
        "eq",
        "and",
        "$id-ref=x",
        "表",
        "\u{3000}",
        "#c",
        "\"q,\"\"x\"\"\"",
        "a\\",
    ];
    let mut rng = Lcg(2024);
    for round in 0..400 {
        let mut text = String::new();
        for _ in 0..(5 + rng.below(40)) {
            let cells = rng.below(9);
            let row: Vec<&str> = (0..cells)
                .map(|c| {
                    if rng.below(3) == 0 || (c == 0 && rng.below(4) != 0) {
                        ""
                    } else {
                        words[rng.below(words.len())]
                    }
                })
                .collect();
            text.push_str(&row.join(","));
            text.push_str(if rng.below(5) == 0 { "\r\n" } else { "\n" });
        }
        let res = convert(&dir, "assembled.csv", text.as_bytes());
        assert!(matches!(res.code, 0..=2), "round {}: {}", round, text);
    }
}

#[test]
fn mutated_golden_sheets_never_crash() {
    let Some(root) = golden_root() else {
        return;
    };
    let dir = scratch_dir("malformed-mutated");
    let mut rng = Lcg(99);
    for case in [
        "sample-v2.2-ex2-utf8",
        "ms-master-roles",
        "location-pingd-diskd",
        "alert-bracket",
        "node-utilization",
        "err-locexpert",
    ] {
        let text = std::fs::read_to_string(root.join("cases").join(format!("{}.csv", case)))
            .expect("UTF-8 golden csv");
        let lines: Vec<&str> = text.lines().collect();
        for _ in 0..60 {
            let mut rows: Vec<Vec<String>> = lines
                .iter()
                .map(|l| l.split(',').map(str::to_string).collect())
                .collect();
            for _ in 0..(1 + rng.below(4)) {
                let i = rng.below(rows.len());
                match rng.below(5) {
                    0 => {
                        rows.remove(i);
                    }
                    1 => {
                        let r = rows[i].clone();
                        rows.insert(i, r);
                    }
                    2 => {
                        let j = rng.below(rows.len());
                        rows.swap(i, j);
                    }
                    3 => {
                        let c = rng.below(rows[i].len());
                        rows[i][c].clear();
                    }
                    _ => {
                        let j = rng.below(rows.len());
                        let c = rng.below(rows[i].len());
                        let d = rng.below(rows[j].len());
                        rows[i][c] = rows[j][d].clone();
                    }
                }
                if rows.is_empty() {
                    break;
                }
            }
            let body: String = rows.iter().map(|r| r.join(",") + "\n").collect();
            let res = convert(&dir, "mutated.csv", body.as_bytes());
            assert!(matches!(res.code, 0..=2), "{}:\n{}", case, body);
        }
    }
}
