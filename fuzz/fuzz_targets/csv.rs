//! The CSV reader on arbitrary bytes: it never panics; reading in slices gives
//! the same rows as reading at once; every row maps without panicking; and
//! what the writer writes reads back as the formula-guarded cells.
#![no_main]

use crm::core::import::csv::{guard_formula, parse_all, write_csv, CsvOptions, CsvReader};
use crm::core::import::contacts_map::{auto_map, Mapping};
use crm::core::import::contacts_rows::{map_row, MapOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = CsvOptions::default();
    let Ok(table) = parse_all(data, &options) else {
        return;
    };

    // The same file read a few rows at a time (slice size from the first byte).
    let slice = usize::from(data.first().copied().unwrap_or(1) % 7) + 1;
    let mut reader = CsvReader::from_bytes(data, &options).expect("parse_all accepted this file");
    assert_eq!(reader.headers(), &table.headers[..]);
    let mut rows = Vec::new();
    while !reader.is_done() {
        let next = reader.next_rows(slice).expect("parse_all accepted this file");
        assert!(next.len() <= slice);
        rows.extend(next);
    }
    assert_eq!(rows, table.rows);
    assert_eq!(reader.ragged_count(), table.ragged_count);

    // Mapping never panics, whatever the headers and cells are.
    let targets = auto_map(&table.headers);
    assert_eq!(targets.len(), table.headers.len());
    let mapping = Mapping::new(table.headers.clone(), targets);
    let map_options = MapOptions { default_country: "GB".into(), ..MapOptions::default() };
    for row in &table.rows {
        let _ = map_row(&row.fields, &mapping, &map_options);
    }

    // Write and read back: the writer's output is one record per row, with
    // each cell guarded against formulas. Rows whose cells are all empty are
    // left out: a blank line is not a record.
    let kept: Vec<&Vec<String>> =
        table.rows.iter().map(|r| &r.fields).filter(|f| f.iter().any(|c| !c.is_empty())).collect();
    if table.headers.iter().all(|h| h.is_empty()) {
        return;
    }
    let written = write_csv(&table.headers, &kept);
    let back = parse_all(written.as_bytes(), &CsvOptions { separator: Some(b','), ..options })
        .expect("the writer's output reads back");
    let guarded = |cells: &[String]| cells.iter().map(|c| guard_formula(c).into_owned()).collect::<Vec<_>>();
    assert_eq!(back.headers, guarded(&table.headers));
    assert_eq!(back.rows.len(), kept.len());
    for (read, original) in back.rows.iter().zip(&kept) {
        assert_eq!(read.fields, guarded(original));
    }
});
