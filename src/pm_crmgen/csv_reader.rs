//! CSV records the way Python 2's `csv.reader` returns them from a file opened in
//! `'rU'` mode: an empty line is a record with no cells, a UTF-8 BOM stays in the
//! first cell, a NUL byte or a field longer than 131072 bytes stops reading with
//! Python's error text. Parsing is csv-core's (the csv crate's engine), driven
//! directly because the csv crate skips empty lines.

use csv_core::{ReadRecordResult, ReaderBuilder};

/// Python's default `csv.field_size_limit()`.
pub const FIELD_LIMIT: usize = 131_072;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// The raw cell bytes of one record (empty for an empty line).
    Cells(Vec<Vec<u8>>),
    Error(String),
}

/// Splits already newline-translated data into records, in file order.
pub fn read_records(data: &[u8]) -> Vec<Record> {
    let mut out = Vec::new();
    let mut rdr = ReaderBuilder::new()
        .quoting(true)
        .double_quote(true)
        .escape(None)
        .comment(None)
        .build();
    // csv-core strips a leading UTF-8 BOM, but Python kept it in cell A1: an
    // added empty line (not reported) moves it out of the way.
    let padded = [b"\n", data].concat();
    let mut input = &padded[..];
    let mut added_line = 1usize;
    let mut field_bytes = vec![0u8; 1024];
    let mut ends = vec![0usize; 64];
    let (mut nbytes, mut nends) = (0usize, 0usize);
    // Bytes consumed for the current record, to count the empty lines csv-core
    // skips before it.
    let mut leading_lf: Option<usize> = None;
    loop {
        if leading_lf.is_none() {
            let lfs = input.iter().take_while(|&&b| b == b'\n').count();
            leading_lf = Some(lfs - std::mem::take(&mut added_line).min(lfs));
        }
        let (res, nin, nout, nend) =
            rdr.read_record(input, &mut field_bytes[nbytes..], &mut ends[nends..]);
        input = &input[nin..];
        nbytes += nout;
        nends += nend;
        match res {
            ReadRecordResult::InputEmpty => {
                // All data was handed over at once; an empty slice now means EOF.
                if !input.is_empty() {
                    continue;
                }
                let (res, _, nout, nend) =
                    rdr.read_record(&[], &mut field_bytes[nbytes..], &mut ends[nends..]);
                nbytes += nout;
                nends += nend;
                match res {
                    ReadRecordResult::Record => {}
                    ReadRecordResult::OutputFull => {
                        let n = field_bytes.len();
                        field_bytes.resize(n * 2, 0);
                        continue;
                    }
                    ReadRecordResult::OutputEndsFull => {
                        let n = ends.len();
                        ends.resize(n * 2, 0);
                        continue;
                    }
                    _ => {
                        for _ in 0..leading_lf.unwrap_or(0) {
                            out.push(Record::Cells(Vec::new()));
                        }
                        return out;
                    }
                }
            }
            ReadRecordResult::OutputFull => {
                let n = field_bytes.len();
                field_bytes.resize(n * 2, 0);
                continue;
            }
            ReadRecordResult::OutputEndsFull => {
                let n = ends.len();
                ends.resize(n * 2, 0);
                continue;
            }
            ReadRecordResult::Record => {}
            ReadRecordResult::End => {
                for _ in 0..leading_lf.unwrap_or(0) {
                    out.push(Record::Cells(Vec::new()));
                }
                return out;
            }
        }
        for _ in 0..leading_lf.take().unwrap_or(0) {
            out.push(Record::Cells(Vec::new()));
        }
        let mut fields = Vec::with_capacity(nends);
        let mut start = 0;
        for &end in &ends[..nends] {
            fields.push(field_bytes[start..end].to_vec());
            start = end;
        }
        nbytes = 0;
        nends = 0;
        if fields.iter().any(|f| f.contains(&0)) {
            out.push(Record::Error("line contains NULL byte".into()));
            return out;
        }
        if fields.iter().any(|f| f.len() > FIELD_LIMIT) {
            out.push(Record::Error(format!(
                "field larger than field limit ({})",
                FIELD_LIMIT
            )));
            return out;
        }
        out.push(Record::Cells(fields));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(r: &Record) -> Vec<String> {
        match r {
            Record::Cells(c) => c
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect(),
            Record::Error(e) => vec![format!("ERR {}", e)],
        }
    }

    #[test]
    fn empty_lines_are_records() {
        let r = read_records(b"\na,b\n\n\"x\ny\",z\n\nc\n\n");
        let got: Vec<Vec<String>> = r.iter().map(cells).collect();
        let e: Vec<Vec<String>> = vec![
            vec![],
            vec!["a".into(), "b".into()],
            vec![],
            vec!["x\ny".into(), "z".into()],
            vec![],
            vec!["c".into()],
            vec![],
        ];
        assert_eq!(got, e);
    }

    #[test]
    fn python_quoting_quirks() {
        let r = read_records(b"a,\"b\"c,d\"e\n\"q\"\"x\",\"\"\n\"open");
        let got: Vec<Vec<String>> = r.iter().map(cells).collect();
        assert_eq!(got[0], vec!["a", "bc", "d\"e"]);
        assert_eq!(got[1], vec!["q\"x", ""]);
        assert_eq!(got[2], vec!["open"]);
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn bom_stays_in_the_first_cell() {
        let r = read_records(b"\xef\xbb\xbf#c,,\n\xef\xbb\xbf\n");
        assert_eq!(
            r[0],
            Record::Cells(vec![b"\xef\xbb\xbf#c".to_vec(), vec![], vec![]])
        );
        assert_eq!(r.len(), 2);
    }

    #[test]
    fn nul_and_huge_fields_stop_reading() {
        let r = read_records(b"a\nb\0\nc\n");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1], Record::Error("line contains NULL byte".into()));
        let big = vec![b'x'; FIELD_LIMIT + 1];
        let r = read_records(&big);
        assert!(matches!(&r[0], Record::Error(e) if e.contains("131072")));
        let ok = vec![b'x'; FIELD_LIMIT];
        assert!(matches!(&read_records(&ok)[0], Record::Cells(_)));
    }
}
