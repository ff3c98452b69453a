//! Loading and showing must scale linearly: four times the primitives may
//! take about four times as long, never the sixteen times a quadratic
//! path would (crmsh resolves ids by linear scans and is quadratic).

use crmtool::cib::{Cib, Method};
use crmtool::load::load_text;
use std::time::{Duration, Instant};

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
        s.push_str(&format!("location l{g} g{g} rule 100: #uname eq node1\n"));
        if g > 0 {
            s.push_str(&format!("order o{g} Mandatory: g{} g{g}\n", g - 1));
        }
    }
    s
}

/// The best of three runs, to keep scheduler noise out.
fn timed(n: usize) -> (Duration, Duration) {
    let text = generate(n);
    let mut best = (Duration::MAX, Duration::MAX);
    for _ in 0..3 {
        let mut cib = Cib::empty("pacemaker-3.9");
        let t = Instant::now();
        load_text(&mut cib, &text, Method::Update).expect("generated input loads");
        let load = t.elapsed();
        let t = Instant::now();
        let shown = crmtool::cli::show_text(&cib, None);
        let show = t.elapsed();
        assert!(shown.contains(&format!("primitive p{}", n - 1)));
        best = (best.0.min(load), best.1.min(show));
    }
    best
}

#[test]
fn four_times_the_input_takes_about_four_times_as_long() {
    let (small_load, small_show) = timed(1000);
    let (big_load, big_show) = timed(4000);
    let load_ratio = big_load.as_secs_f64() / small_load.as_secs_f64();
    let show_ratio = big_show.as_secs_f64() / small_show.as_secs_f64();
    eprintln!("load ×{load_ratio:.1}, show ×{show_ratio:.1} for ×4 input");
    assert!(load_ratio < 8.0, "load grew ×{load_ratio:.1} for ×4 input");
    assert!(show_ratio < 8.0, "show grew ×{show_ratio:.1} for ×4 input");
}
