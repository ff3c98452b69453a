//! Small inputs that used to crash or blow up: deep nesting (stack
//! overflow), long rules, repeated blocks, wide elements, far columns,
//! long sheets. Each runs the real binary, which must end without a crash
//! (no signal, the expected status and message). Memory is measured in
//! process on the same library paths, by a counting allocator: the peak of
//! live heap bytes must stay linear in the input (a child's peak RSS is no
//! good measure: a child started by vfork inherits its parent's). The
//! constructs that were quadratic in time get a growth guard on the
//! number of allocations (4× the input must cost well under 16×).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;
use std::process::{Command, Stdio};

/// Counts, per thread, the live heap bytes, their peak, and allocations.
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
    static ALLOCS: Cell<u64> = const { Cell::new(0) };
}

fn note(delta: isize) {
    let _ = LIVE.try_with(|l| {
        let now = l.get() + delta;
        l.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
    });
    if delta > 0 {
        let _ = ALLOCS.try_with(|a| a.set(a.get() + 1));
    }
}

// SAFETY: every call is passed on to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size() as isize);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note(-(layout.size() as isize));
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        note(new as isize - layout.size() as isize);
        System.realloc(ptr, layout, new)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak live heap bytes above the start, and allocations, while `f` runs
/// on this thread.
fn heap_use(f: impl FnOnce()) -> (usize, u64) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let allocs = ALLOCS.with(Cell::get);
    f();
    let peak = PEAK.with(Cell::get) - base;
    (peak.max(0) as usize, ALLOCS.with(Cell::get) - allocs)
}

/// The heap `f` may use on an input of `bytes`: linear, with a fixed base.
fn assert_linear_heap(what: &str, bytes: usize, f: impl FnOnce()) {
    let (peak, _) = heap_use(f);
    let limit = (1 << 20) + bytes * 128;
    eprintln!("{what}: peak heap {peak} bytes for {bytes} bytes of input");
    assert!(
        peak <= limit,
        "{what}: peak heap {peak} bytes over {limit} for {bytes} bytes of input"
    );
}

struct Run {
    status: i32,
    stderr: String,
}

/// Runs `cmd`, returning its exit status and stderr; a signal (a crash,
/// a stack overflow) fails the test.
fn measured(mut cmd: Command, _dir: &Path) -> Run {
    use std::os::unix::process::ExitStatusExt;
    let out = cmd.stdout(Stdio::null()).output().expect("runs");
    assert!(
        out.status.signal().is_none(),
        "killed by signal {:?} (a crash)",
        out.status.signal()
    );
    Run {
        status: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn crm(dir: &Path, cib: &Path, args: &[&str]) -> Run {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crm"));
    c.args(args).env("CIB_file", cib);
    measured(c, dir)
}

fn cib_with(resources: &str) -> String {
    format!(
        "<cib validate-with=\"pacemaker-3.9\" admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\">\
         <configuration><crm_config/><nodes/><resources>{resources}</resources>\
         <constraints/></configuration><status/></cib>"
    )
}

fn nested_groups(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!("<group id=\"g{i}\">"));
    }
    s.push_str("<primitive id=\"p\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>");
    for _ in 0..n {
        s.push_str("</group>");
    }
    s
}

/// The library's steps for a CIB file and a crm file, as `crm` runs them.
fn show_cib(text: &str) {
    if let Ok(cib) = crmtool::cib::Cib::parse(text) {
        let _ = crmtool::cli::show_text(&cib, None);
    }
}

fn load_crm(text: &str) {
    use crmtool::cib::{Cib, Method};
    let mut cib = Cib::empty("pacemaker-3.9");
    if crmtool::load::load_into(&mut cib, text, Method::Update).is_ok() {
        let _ = crmtool::cli::show_text(&cib, None);
        let _ = cib.to_xml();
    }
}

fn load_xml(text: &str) {
    use crmtool::cib::{Cib, Method};
    let mut cib = Cib::empty("pacemaker-3.9");
    let _ = crmtool::load::load_xml_into(&mut cib, text, Method::Update);
}

#[test]
fn deep_nesting_is_refused_with_a_located_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let deep = cib_with(&nested_groups(100_000));
    let cib = dir.path().join("deep.xml");
    std::fs::write(&cib, &deep).expect("write");
    let run = crm(dir.path(), &cib, &["configure", "show"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("elements nested deeper than 256 levels (at byte"),
        "{}",
        run.stderr
    );
    assert_linear_heap("show of 100,000 nested groups", deep.len(), || {
        show_cib(&deep)
    });
    let empty = dir.path().join("empty.xml");
    let run = crm(
        dir.path(),
        &empty,
        &[
            "configure",
            "load",
            "xml",
            "update",
            cib.to_str().expect("utf8"),
        ],
    );
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("nested deeper than 256"),
        "{}",
        run.stderr
    );
    assert_linear_heap("load xml of 100,000 nested groups", deep.len(), || {
        load_xml(&deep)
    });
    // The `xml` statement of the crm language reads through the same reader.
    let open = "<group id=\"g\">".repeat(50_000);
    let close = "</group>".repeat(50_000);
    let text = format!("xml {open}{close}\n");
    let crm_file = dir.path().join("deep.crm");
    std::fs::write(&crm_file, &text).expect("write");
    let run = crm(
        dir.path(),
        &empty,
        &[
            "configure",
            "load",
            "update",
            crm_file.to_str().expect("utf8"),
        ],
    );
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.stderr.contains("deep.crm:1:1:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("nested deeper than 256"),
        "{}",
        run.stderr
    );
    assert_linear_heap("xml statement nested 50,000 deep", text.len(), || {
        load_crm(&text)
    });
    // Nesting up to the limit still works (through `show xml`).
    let ok = cib_with(&nested_groups(200));
    std::fs::write(&cib, &ok).expect("write");
    let run = crm(dir.path(), &cib, &["configure", "show", "xml"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
}

fn rule_text(n: usize) -> String {
    let terms: Vec<String> = (0..n).map(|i| format!("a{i} eq {i}")).collect();
    format!(
        "primitive p Dummy\nlocation l p rule 100: {}\n",
        terms.join(" and ")
    )
}

fn params_text(n: usize) -> String {
    let blocks: Vec<String> = (0..n).map(|i| format!("params a{i}={i}")).collect();
    format!("primitive p Dummy {}\n", blocks.join(" "))
}

fn wide_cib(n: usize) -> String {
    let attrs: Vec<String> = (0..n).map(|i| format!("a{i}=\"{i}\"")).collect();
    cib_with(&format!(
        "<primitive id=\"p\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\" {}/>",
        attrs.join(" ")
    ))
}

#[test]
fn large_constructs_finish_in_linear_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in [
        ("rule-10000-terms.crm", rule_text(10_000)),
        ("params-20000-blocks.crm", params_text(20_000)),
    ] {
        let f = dir.path().join(name);
        std::fs::write(&f, &text).expect("write");
        let cib = dir.path().join(format!("{name}.xml"));
        // -F: made-up parameters, which the agent checks refuse unforced.
        let run = crm(
            dir.path(),
            &cib,
            &[
                "-F",
                "configure",
                "load",
                "update",
                f.to_str().expect("utf8"),
            ],
        );
        assert_eq!(run.status, 0, "{name}: {}", run.stderr);
        let run = crm(dir.path(), &cib, &["configure", "show"]);
        assert_eq!(run.status, 0, "{name}: {}", run.stderr);
        assert_linear_heap(name, text.len(), || load_crm(&text));
    }
    let wide = wide_cib(200_000);
    let cib = dir.path().join("wide.xml");
    std::fs::write(&cib, &wide).expect("write");
    let run = crm(dir.path(), &cib, &["configure", "show"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_linear_heap("one element with 200,000 attributes", wide.len(), || {
        show_cib(&wide)
    });
}

#[test]
fn an_error_far_into_a_long_line_is_framed_without_a_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let long = "a".repeat(70_000);
    let f = dir.path().join("far.crm");
    std::fs::write(
        &f,
        format!("primitive p Dummy \\\n  params {long}=1 passwd=hush bogus\"\n"),
    )
    .expect("write");
    let cib = dir.path().join("cib.xml");
    let run = crm(
        dir.path(),
        &cib,
        &["configure", "load", "update", f.to_str().expect("utf8")],
    );
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    // The column is the real one, in the ERROR line and the frame header:
    // "  params " is 9 characters, then the name, "=1 passwd=hush bogus".
    let col = 9 + long.len() + "=1 passwd=hush bogus".len() + 1;
    assert!(
        run.stderr
            .contains(&format!("far.crm:2:{col}: No closing quotation")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("/far.crm:2:{col}]")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("quote opened here"), "{}", run.stderr);
    // The echoed line is cut, and the secret on it masked.
    assert!(
        run.stderr.lines().all(|l| l.chars().count() < 400),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("hush"), "{}", run.stderr);
    assert!(run.stderr.contains("passwd=******"), "{}", run.stderr);
}

fn resources_sheet(n: usize) -> String {
    let mut s = String::from(
        ",RESOURCES,,,,,,,,,,,,\n,,resourceItem,resourceItem,resourceItem,id,,,,,,,,\n",
    );
    for i in 0..n {
        s.push_str(&format!(",,primitive,,,p{i},,,,,,,,\n"));
    }
    s.push_str(",PRIMITIVE,,,,,,,,,,,,\n");
    s
}

fn run_sheet(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args = vec!["pm_crmgen".into(), path.as_os_str().to_owned()];
    crmtool::pm_crmgen::run(args, &mut out, &mut err);
}

#[test]
fn pm_crmgen_with_many_resource_rows_is_bounded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sheet = resources_sheet(50_000);
    let f = dir.path().join("many.csv");
    std::fs::write(&f, &sheet).expect("write");
    let mut c = Command::new(env!("CARGO_BIN_EXE_pm_crmgen"));
    c.arg("-o").arg(dir.path().join("out.crm")).arg(&f);
    let run = measured(c, dir.path());
    // Every primitive lacks its PRIMITIVE table: one error per row.
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("[id: p49999]"),
        "no error for the last row"
    );
    let g = dir.path().join("g.csv");
    assert_linear_heap("pm_crmgen with 50,000 resource rows", sheet.len(), || {
        run_sheet(&g, &sheet)
    });
}

/// Allocations and peak heap for 4n over those for n: about 4 when
/// linear, 16 when quadratic (each retry of the old id search allocated;
/// the old XML reader's memory grew with the square of the nesting).
fn growth(name: &str, make: impl Fn(usize) -> String, n: usize, run: impl Fn(&str)) -> f64 {
    let small = make(n);
    let large = make(4 * n);
    run(&small); // warm up (lazy statics)
    let (pa, a) = heap_use(|| run(&small));
    let (pb, b) = heap_use(|| run(&large));
    let ratio = b as f64 / a as f64;
    let peak_ratio = pb as f64 / pa.max(1) as f64;
    eprintln!(
        "{name}: {a} → {b} allocations ({ratio:.1}×), peak heap {pa} → {pb} ({peak_ratio:.1}×)"
    );
    ratio.max(peak_ratio)
}

#[test]
fn the_formerly_quadratic_constructs_grow_linearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sheet_path = dir.path().join("sheet.csv");
    let cases = [
        (
            "rule terms",
            growth("rule terms", rule_text, 1_000, load_crm),
        ),
        (
            "params blocks",
            growth("params blocks", params_text, 1_000, load_crm),
        ),
        (
            "attributes",
            growth("attributes", wide_cib, 10_000, show_cib),
        ),
        (
            "sheet rows",
            growth("sheet rows", resources_sheet, 2_000, |t| {
                run_sheet(&sheet_path, t)
            }),
        ),
    ];
    for (name, ratio) in cases {
        assert!(
            ratio < 6.0,
            "{name}: 4× the input cost {ratio:.1}× (allocations or heap)"
        );
    }
}

/// The fuzzer's out-of-memory workbook (13 KB zipped, 87 KB of XML): a
/// cell `HeS8` (read as HES8: column 5,557) beside `F12126` made the
/// workbook reader allocate 67 million cells (over 2 GB). Now the sheet is
/// refused, named with its farthest cell, in memory linear in the XML.
#[test]
fn a_workbook_with_a_far_cell_is_refused_in_bounded_memory() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions/sheet_xlsx/calamine-far-cell-dense-range");
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("far.xlsx");
    std::fs::copy(&file, &book).expect("copy");
    let mut c = Command::new(env!("CARGO_BIN_EXE_pm_crmgen"));
    c.arg("-o").arg(dir.path().join("out.crm")).arg(&book);
    let run = measured(c, dir.path());
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("[example-pgsql]") && run.stderr.contains("[HES12126]"),
        "the error names neither the sheet nor its farthest cell: {}",
        run.stderr
    );
    assert!(
        !dir.path().join("out.crm").exists(),
        "an output was written"
    );
    // The XML inside the zip, as unpacked (the measure of the input).
    let unpacked = 87_624;
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_linear_heap("pm_crmgen on the far-cell workbook", unpacked, || {
        let args = vec!["pm_crmgen".into(), book.as_os_str().to_owned()];
        crmtool::pm_crmgen::run(args, &mut out, &mut err);
    });
}

/// An OpenDocument workbook with one `content.xml` holding `rows`.
fn ods(path: &Path, rows: &str) {
    use std::io::Write;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect("zip");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("zip");
    zip.start_file("META-INF/manifest.xml", stored)
        .expect("zip");
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
    )
    .expect("zip");
    zip.start_file("content.xml", stored).expect("zip");
    zip.write_all(content.as_bytes()).expect("zip");
    zip.finish().expect("zip");
}

/// calamine expands an .ods file's repeats when it opens it: a 700-byte
/// file asking for a cell 100 million times would take gigabytes before
/// the range could be checked. The extent scan refuses it first.
#[test]
fn an_ods_repeating_a_cell_past_the_bound_is_refused_in_bounded_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cell =
        r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;
    // As LibreOffice writes a sheet: trailing empty repeats, never expanded.
    let small = dir.path().join("small.ods");
    ods(
        &small,
        &format!(
            r#"<table:table-row>{cell}<table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#
        ),
    );
    let mut c = Command::new(env!("CARGO_BIN_EXE_pm_crmgen"));
    c.arg("-o").arg(dir.path().join("small.crm")).arg(&small);
    let run = measured(c, dir.path());
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("表ヘッダを含むシート"),
        "the small sheet was not read: {}",
        run.stderr
    );
    let big = dir.path().join("big.ods");
    ods(
        &big,
        &format!(
            r#"<table:table-row table:number-rows-repeated="100000000">{cell}</table:table-row>"#
        ),
    );
    let bytes = std::fs::metadata(&big).expect("stat").len() as usize;
    let mut c = Command::new(env!("CARGO_BIN_EXE_pm_crmgen"));
    c.arg("-o").arg(dir.path().join("big.crm")).arg(&big);
    let run = measured(c, dir.path());
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("[S]") && run.stderr.contains("[A100000000]"),
        "the error names neither the sheet nor its farthest cell: {}",
        run.stderr
    );
    assert_linear_heap("pm_crmgen on an ods of 100 million rows", bytes, || {
        let args = vec!["pm_crmgen".into(), big.as_os_str().to_owned()];
        crmtool::pm_crmgen::run(args, &mut Vec::new(), &mut Vec::new());
    });
}

/// One BIFF record: type, length, data.
fn biff(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

/// An Excel 97-2003 workbook with one sheet `S` holding `records`
/// (between the sheet's BOF and EOF), written as a compound document.
fn xls(path: &Path, records: &[Vec<u8>]) {
    use std::io::Write;
    let bof = |kind: u16| {
        let mut d = 0x0600u16.to_le_bytes().to_vec();
        d.extend(kind.to_le_bytes());
        d.resize(16, 0);
        biff(0x0809, &d)
    };
    let bound_sheet = |pos: u32| {
        let mut d = pos.to_le_bytes().to_vec();
        d.extend([0, 0, 1, 0, b'S']);
        biff(0x0085, &d)
    };
    let globals_len = (bof(5).len() + bound_sheet(0).len() + biff(0x000A, &[]).len()) as u32;
    let mut stream = bof(5);
    stream.extend(bound_sheet(globals_len));
    stream.extend(biff(0x000A, &[]));
    stream.extend(bof(0x10));
    for r in records {
        stream.extend(r);
    }
    stream.extend(biff(0x000A, &[]));
    let mut doc = cfb::create(path).expect("create xls");
    let mut s = doc.create_stream("/Workbook").expect("stream");
    s.write_all(&stream).expect("write");
    drop(s);
    doc.flush().expect("flush");
}

/// A Number record at (row, col).
fn number(row: u16, col: u16) -> Vec<u8> {
    let mut d = row.to_le_bytes().to_vec();
    d.extend(col.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d.extend(1.0f64.to_le_bytes());
    biff(0x0203, &d)
}

/// calamine reads a whole .xls when it opens it: it reserves the cells a
/// DIMENSIONS record claims and builds a dense grid over the cells'
/// farthest positions. A file of a few hundred bytes asked for terabytes,
/// and a failed allocation aborts (a signal: `measured` fails on it). The
/// extent scan refuses such a sheet first, naming it and its farthest
/// cell, in memory linear in the file; a sheet within bounds still reads.
#[test]
fn an_xls_with_a_far_cell_or_forged_dimensions_is_refused_in_bounded_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run_on = |name: &str, records: &[Vec<u8>]| {
        let book = dir.path().join(name);
        xls(&book, records);
        let mut c = Command::new(env!("CARGO_BIN_EXE_pm_crmgen"));
        c.arg("-o").arg(dir.path().join("out.crm")).arg(&book);
        let run = measured(c, dir.path());
        let bytes = std::fs::metadata(&book).expect("stat").len() as usize;
        assert_linear_heap(&format!("pm_crmgen on {name}"), bytes, || {
            let args = vec!["pm_crmgen".into(), book.as_os_str().to_owned()];
            crmtool::pm_crmgen::run(args, &mut Vec::new(), &mut Vec::new());
        });
        run
    };
    let far = run_on("far.xls", &[number(0, 0), number(65535, 65535)]);
    assert_eq!(far.status, 1, "{}", far.stderr);
    assert!(
        far.stderr.contains("[S]") && far.stderr.contains("65536]"),
        "the error names neither the sheet nor its farthest cell: {}",
        far.stderr
    );
    let mut dims = 0u32.to_le_bytes().to_vec();
    dims.extend(u32::MAX.to_le_bytes());
    dims.extend(0u16.to_le_bytes());
    dims.extend(255u16.to_le_bytes());
    dims.extend(0u16.to_le_bytes());
    let forged = run_on("forged.xls", &[biff(0x0200, &dims), number(0, 0)]);
    assert_eq!(forged.status, 1, "{}", forged.stderr);
    assert!(
        forged.stderr.contains("[S]"),
        "the error does not name the sheet: {}",
        forged.stderr
    );
    assert!(
        !dir.path().join("out.crm").exists(),
        "an output was written"
    );
    // Within bounds, the same kind of file is read: no table marker in it,
    // so pm_crmgen says it found no sheet with a table header.
    let small = run_on("small.xls", &[number(0, 0), number(9, 3)]);
    assert_eq!(small.status, 1, "{}", small.stderr);
    assert!(
        small.stderr.contains("表ヘッダを含むシート"),
        "the small sheet was not read: {}",
        small.stderr
    );
}
