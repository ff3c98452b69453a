//! ADDITIONAL_CONFIG table (spec §7.11): verbatim crm lines from the raw cell.

use super::columns::Columns;
use super::model::Part;
use super::processor::{Flow, Processor};
use super::sheet::Row;
use super::text::py_rstrip;

/// Trailing blanks off, then trailing backslashes, then blanks again: a multi-line
/// cell becomes one continued command, so the line's own continuation marks go.
fn clean_line(line: &str) -> String {
    let no_blank = py_rstrip(line);
    py_rstrip(no_blank.trim_end_matches('\\')).to_string()
}

impl Processor<'_, '_> {
    pub(super) fn config_row(&mut self, cols: &Columns, row: &Row) -> Flow {
        let raw = cols.pos("config").map_or("", |p| row.raw_cell(p));
        let lines: Vec<String> = raw.split('\n').map(clean_line).collect();
        self.cfg.touch(Part::Configs);
        self.cfg.configs.push(lines.join(" \\\n"));
        Flow::Next
    }
}

#[cfg(test)]
mod tests {
    use super::clean_line;

    #[test]
    fn continuation_marks_are_removed_once() {
        assert_eq!(clean_line("foo \\ \\"), "foo \\");
        assert_eq!(clean_line("  bar\u{3000} "), "  bar");
        assert_eq!(clean_line(""), "");
    }
}
