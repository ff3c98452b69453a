//! Loading and showing grow linearly with the input — checked by counting
//! work, never by the clock (a busy machine must not fail this, and a
//! quadratic path must, however fast the machine).
//!
//! - Allocations (calls, bytes, and the peak of live bytes) counted by a
//!   counting allocator, per thread: 1,000 and 4,000 primitives.
//! - Instructions counted by valgrind's callgrind, when valgrind is
//!   installed (CI installs it): 150 and 600 primitives in a worker run
//!   of this test binary, minus a run with none (start-up).
//! - Memory against nesting: the peak live bytes of reading XML nested
//!   d and 4d deep.
//!
//! Four times the input may cost at most five times the work (linear
//! growth plus a margin for hash tables and vectors growing in steps);
//! a quadratic path costs about sixteen times.

use crmtool::cib::{Cib, Method};
use crmtool::load::load_text;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

mod support;

/// Counts this thread's allocations (tests run on threads of their own).
struct Counting;

thread_local! {
    static CALLS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
    static LIVE: Cell<i64> = const { Cell::new(0) };
    static PEAK: Cell<i64> = const { Cell::new(0) };
}

fn grew(by: i64) {
    let _ = LIVE.try_with(|l| {
        let now = l.get() + by;
        l.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = CALLS.try_with(|c| c.set(c.get() + 1));
        let _ = BYTES.try_with(|b| b.set(b.get() + layout.size() as u64));
        grew(layout.size() as i64);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        grew(-(layout.size() as i64));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = CALLS.try_with(|c| c.set(c.get() + 1));
        let _ = BYTES.try_with(|b| b.set(b.get() + new_size as u64));
        grew(new_size as i64 - layout.size() as i64);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// What a piece of work cost this thread.
#[derive(Debug, Clone, Copy)]
struct Cost {
    calls: u64,
    bytes: u64,
    /// Peak live bytes above what was live when the work started.
    peak: i64,
}

fn counted<T>(work: impl FnOnce() -> T) -> (T, Cost) {
    let (c0, b0, l0) = (
        CALLS.with(Cell::get),
        BYTES.with(Cell::get),
        LIVE.with(Cell::get),
    );
    PEAK.with(|p| p.set(l0));
    let out = work();
    let cost = Cost {
        calls: CALLS.with(Cell::get) - c0,
        bytes: BYTES.with(Cell::get) - b0,
        peak: PEAK.with(Cell::get) - l0,
    };
    (out, cost)
}

/// The generated configuration of `crm-bench` (groups of five, a
/// two-rule location per group, colocations and orders between groups).
fn generate(n: usize) -> String {
    let mut s = String::from("node node1\nnode node2\n");
    for i in 0..n {
        s.push_str(&format!(
            "primitive p{i} ocf:pacemaker:Dummy params state=/run/p{i} op monitor interval=10s\n"
        ));
    }
    for g in 0..n / 5 {
        let members: Vec<String> = (0..5).map(|j| format!("p{}", g * 5 + j)).collect();
        s.push_str(&format!("group g{g} {}\n", members.join(" ")));
        s.push_str(&format!(
            "location l{g} g{g} rule 100: #uname eq node1 rule -inf: not_defined pingd or pingd lte 0\n"
        ));
        if g > 0 {
            s.push_str(&format!(
                "colocation c{g} inf: g{g} g{}\norder o{g} Mandatory: g{} g{g}\n",
                g - 1,
                g - 1
            ));
        }
    }
    s
}

fn load(n: usize) -> Cib {
    let text = generate(n);
    let mut cib = Cib::empty("pacemaker-3.9");
    load_text(&mut cib, &text, Method::Update).expect("generated input loads");
    cib
}

fn show(cib: &Cib) -> String {
    crmtool::cli::show_text(cib, None)
}

/// The limit on growth for four times the input.
const MAX_GROWTH: f64 = 5.0;

fn assert_linear(what: &str, small: f64, big: f64) {
    let growth = big / small.max(1.0);
    eprintln!("{what}: ×{growth:.2} for ×4 input");
    assert!(
        growth <= MAX_GROWTH,
        "{what} grew ×{growth:.2} for ×4 input (at most ×{MAX_GROWTH}): a quadratic path?"
    );
}

#[test]
fn allocations_grow_linearly_with_the_input() {
    let (small_cib, small_load) = counted(|| load(1000));
    let (big_cib, big_load) = counted(|| load(4000));
    let (shown, small_show) = counted(|| show(&small_cib));
    assert!(shown.contains("primitive p999 "));
    let (shown, big_show) = counted(|| show(&big_cib));
    assert!(shown.contains("primitive p3999 "));
    for (what, s, b) in [
        ("load", small_load, big_load),
        ("show", small_show, big_show),
    ] {
        assert_linear(
            &format!("{what}: allocations"),
            s.calls as f64,
            b.calls as f64,
        );
        assert_linear(
            &format!("{what}: bytes allocated"),
            s.bytes as f64,
            b.bytes as f64,
        );
        assert_linear(
            &format!("{what}: peak live bytes"),
            s.peak as f64,
            b.peak as f64,
        );
    }
    // Reading the CIB back, as every command does.
    let xml = big_cib.to_xml();
    let small_xml = small_cib.to_xml();
    let (_, small_read) = counted(|| Cib::parse(&small_xml).expect("reads"));
    let (_, big_read) = counted(|| Cib::parse(&xml).expect("reads"));
    assert_linear(
        "XML read: allocations",
        small_read.calls as f64,
        big_read.calls as f64,
    );
    assert_linear(
        "XML read: peak live bytes",
        small_read.peak as f64,
        big_read.peak as f64,
    );
}

/// Deep nesting costs memory in proportion to the depth, not to its
/// square (a reader that copied the path at each level would).
#[test]
fn memory_grows_linearly_with_nesting() {
    let nested = |depth: usize| {
        let mut s = String::from("<cib><configuration><resources>");
        for i in 0..depth {
            s.push_str(&format!("<x id=\"n{i}\">"));
        }
        for _ in 0..depth {
            s.push_str("</x>");
        }
        s.push_str("</resources></configuration></cib>");
        s
    };
    // Within the reader's depth limit (256, libxml2's).
    let deep = 240;
    let (small, big) = (nested(deep / 4), nested(deep));
    let cost = |text: &str| {
        let (e, c) = counted(|| crmtool::xml::parse(text).expect("within the depth limit"));
        std::mem::forget(e);
        c
    };
    let (s, b) = (cost(&small), cost(&big));
    assert_linear("nesting: peak live bytes", s.peak as f64, b.peak as f64);
    assert_linear("nesting: bytes allocated", s.bytes as f64, b.bytes as f64);
    assert_linear("nesting: allocations", s.calls as f64, b.calls as f64);
}

/// A statement continued over many lines (`\\` at each line's end, as
/// `show` writes a long one) is joined in linear work: joining once
/// copied the whole statement for every line, and an `xml` statement
/// rescanned it for comment marks.
#[test]
fn continued_lines_join_linearly() {
    let continued = |n: usize, xml: bool| {
        let mut s = String::from(if xml {
            "xml <primitive id=\"x\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"> \\\n"
        } else {
            "primitive x ocf:pacemaker:Dummy \\\n"
        });
        for i in 0..n {
            if xml {
                s.push_str(&format!("  <!-- note {i} --> \\\n"));
            } else {
                s.push_str(&format!("  meta m{i}=v \\\n"));
            }
        }
        s.push_str(if xml {
            "</primitive>\n"
        } else {
            "  meta target-role=Stopped\n"
        });
        s
    };
    for xml in [false, true] {
        let (small, big) = (continued(1000, xml), continued(4000, xml));
        let cost = |text: &str| counted(|| crmtool::lexer::lex(text).expect("lexes")).1;
        let (s, b) = (cost(&small), cost(&big));
        let what = if xml { "xml statement" } else { "primitive" };
        assert_linear(
            &format!("{what} of continued lines: bytes allocated"),
            s.bytes as f64,
            b.bytes as f64,
        );
        assert_linear(
            &format!("{what} of continued lines: allocations"),
            s.calls as f64,
            b.calls as f64,
        );
    }
}

/// The instructions a load and a show of `n` primitives execute, under
/// callgrind, in a worker run of this binary (see `instruction_worker`).
fn instructions(n: usize) -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(&exe)
        .args([
            "--ignored",
            "--exact",
            "instruction_worker",
            "--test-threads=1",
        ])
        .env("CRMTOOL_SCALING_N", n.to_string())
        .output()
        .ok()?;
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "worker under callgrind failed: {err}");
    let line = err.lines().find(|l| l.contains("Collected :"))?;
    line.rsplit(':').next()?.trim().parse().ok()
}

#[test]
fn instructions_grow_linearly_with_the_input() {
    if !support::have("valgrind", "--version") {
        support::skip(
            "instructions_grow_linearly_with_the_input",
            "valgrind is not installed (CI installs it)",
        );
        return;
    }
    let base = instructions(0).expect("callgrind counts the start-up");
    let small = instructions(150).expect("callgrind counts 150 primitives");
    let big = instructions(600).expect("callgrind counts 600 primitives");
    assert_linear(
        "load + show: instructions",
        small.saturating_sub(base) as f64,
        big.saturating_sub(base) as f64,
    );
}

/// Not a test of its own: the work `instructions_grow_linearly_with_the_input`
/// counts, run by it under valgrind with `CRMTOOL_SCALING_N` set.
#[test]
#[ignore = "worker of instructions_grow_linearly_with_the_input, which runs it under valgrind"]
fn instruction_worker() {
    let n: usize = std::env::var("CRMTOOL_SCALING_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .expect("run by instructions_grow_linearly_with_the_input");
    let cib = load(n);
    let shown = show(&cib);
    assert_eq!(shown.matches("primitive p").count(), n);
}
