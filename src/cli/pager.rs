//! crm's `pager` option: in the interactive shell, output taller than
//! the terminal goes through the pager, as crmsh pages it (`less` gets
//! `-R` so that colours pass). Output that fits, scripts and one-shot
//! commands are printed as they are.

use crate::cib::process::Call;

/// Pages `text` when it does not fit the terminal; false when it was not
/// paged (it fits, no pager is set, stdout is no terminal, or the pager
/// could not be started), and the caller prints it.
pub fn page(text: &str) -> bool {
    let pager = crate::crm_conf::get("core", "pager");
    // The option names a program and its arguments; it is split into
    // words, never given to a shell.
    let words: Vec<&str> = pager.split_whitespace().collect();
    let Some((program, rest)) = words.split_first() else {
        return false;
    };
    let Some((width, height)) = terminal_size() else {
        return false;
    };
    if !too_tall(text, width, height) {
        return false;
    }
    let mut call = Call::new(program).args(rest.iter().copied());
    if std::path::Path::new(program).file_name() == Some("less".as_ref()) {
        call = call.arg("-R");
    }
    call.stdin(text).run_paging().is_ok()
}

/// crmsh's measure: a line of n characters takes ceil((n + 0.5) / width)
/// rows, and the text needs the pager once the rows reach the height.
fn too_tall(text: &str, width: usize, height: usize) -> bool {
    let width = width.max(1) as f64;
    let mut rows = 0usize;
    for line in text.split('\n') {
        rows += ((line.chars().count() as f64 + 0.5) / width).ceil() as usize;
        if rows >= height {
            return true;
        }
    }
    false
}

/// The size of the terminal stdout is on (columns, rows).
fn terminal_size() -> Option<(usize, usize)> {
    let size = rustix::termios::tcgetwinsize(std::io::stdout()).ok()?;
    (size.ws_col > 0 && size.ws_row > 0).then_some((size.ws_col as usize, size.ws_row as usize))
}

#[cfg(test)]
mod tests {
    use super::too_tall;

    #[test]
    fn rows_are_counted_as_crmsh_counts_them() {
        assert!(!too_tall("a\nb\nc", 80, 24));
        let lines = vec!["x"; 23].join("\n");
        assert!(!too_tall(&lines, 80, 24));
        let lines = vec!["x"; 24].join("\n");
        assert!(too_tall(&lines, 80, 24));
        // An 80-character line on 80 columns takes two rows (80.5 / 80).
        let long = vec!["y".repeat(80); 12].join("\n");
        assert!(too_tall(&long, 80, 24));
        assert!(!too_tall(&"z".repeat(79), 80, 2));
    }
}
