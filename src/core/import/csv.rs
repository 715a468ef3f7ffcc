//! Reading and writing CSV files for contact import and export.
//!
//! Reading happens in three steps. [`decode`] turns the file's bytes into
//! text: UTF-8 (with or without a byte order mark), UTF-16 with a byte order
//! mark, or Windows-1252 when the bytes are not valid UTF-8 (old Excel
//! exports); files with NUL bytes are rejected as binary. [`detect_separator`]
//! then picks comma, semicolon, tab or pipe by looking at the first records.
//! Finally [`CsvReader`] parses RFC 4180 records in slices, so that a large
//! file can be read a few thousand rows at a time behind a progress bar;
//! [`parse_all`] does everything in one call. Rows whose length differs from
//! the header's are not errors: they are listed in [`CsvReader::ragged`] and
//! the column mapper pads or ignores cells. Completely blank lines are skipped.
//!
//! [`write_csv`] writes RFC 4180 text for spreadsheets: a UTF-8 byte order
//! mark (so Excel detects the encoding), CRLF line ends, quotes where needed,
//! and protection against formula injection (see [`guard_formula`]).

use std::borrow::Cow;
use std::fmt;

use crate::core::display::Locale;
use crate::core::i18n;

/// The largest cell accepted, in bytes of UTF-8.
pub const MAX_FIELD_BYTES: usize = 1024 * 1024;
/// The most columns accepted in one row.
pub const MAX_COLUMNS: usize = 1000;
/// How much of the start of a file is searched for NUL bytes.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;
/// How many ragged rows are described one by one; the rest are only counted.
const MAX_RAGGED_REPORTED: usize = 1000;

/// The text encoding a file was read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 starting with the byte order mark EF BB BF (which is removed).
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Chosen when the bytes are not valid UTF-8.
    Windows1252,
}

impl Encoding {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (with BOM)",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Why a file could not be read. Lines, rows and columns count from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvError {
    /// The file contains a NUL byte, so it is not text.
    Binary { offset: usize },
    /// The file holds no rows at all.
    Empty,
    /// A quoted cell is still open at the end of the file; `line` is where its quote opened.
    UnclosedQuote { line: usize, row: usize, column: usize },
    /// A cell is larger than `limit` bytes.
    FieldTooLarge { line: usize, row: usize, column: usize, limit: usize },
    /// A row has more than `limit` columns.
    TooManyColumns { line: usize, row: usize, limit: usize },
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::Binary { offset } => {
                write!(f, "This is not a text file (it has a NUL byte at offset {offset}). Export it as CSV first.")
            }
            CsvError::Empty => write!(f, "The file is empty."),
            CsvError::UnclosedQuote { line, row, column } => write!(
                f,
                "The quote opened on line {line} (row {row}, column {column}) is never closed. \
                 Check that cell for a missing \" character."
            ),
            CsvError::FieldTooLarge { line, row, column, limit } => {
                write!(f, "The cell on line {line} (row {row}, column {column}) is larger than {} KiB.", limit / 1024)
            }
            CsvError::TooManyColumns { line, row, limit } => {
                write!(f, "Row {row} (line {line}) has more than {limit} columns.")
            }
        }
    }
}

impl std::error::Error for CsvError {}

impl CsvError {
    /// The message in `locale` (the catalogue's `import.csv_error.*`);
    /// `Display` is the English one.
    pub fn message(&self, locale: Locale) -> String {
        let n = |v: &usize| v.to_string();
        match self {
            CsvError::Binary { offset } => i18n::fill(locale, "import.csv_error.binary", &[("offset", &n(offset))]),
            CsvError::Empty => i18n::text(locale, "import.csv_error.empty").to_string(),
            CsvError::UnclosedQuote { line, row, column } => i18n::fill(
                locale,
                "import.csv_error.unclosed_quote",
                &[("line", &n(line)), ("row", &n(row)), ("column", &n(column))],
            ),
            CsvError::FieldTooLarge { line, row, column, limit } => i18n::fill(
                locale,
                "import.csv_error.field_too_large",
                &[("line", &n(line)), ("row", &n(row)), ("column", &n(column)), ("kib", &n(&(limit / 1024)))],
            ),
            CsvError::TooManyColumns { line, row, limit } => i18n::fill(
                locale,
                "import.csv_error.too_many_columns",
                &[("line", &n(line)), ("row", &n(row)), ("limit", &n(limit))],
            ),
        }
    }
}

/// Text decoded from a file's bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte order mark.
    pub text: String,
    pub encoding: Encoding,
}

/// Decodes a file's bytes: by byte order mark, else as UTF-8 when valid, else
/// as Windows-1252. Rejects binary files (a NUL byte, or in UTF-16 a NUL
/// character, in the first 8 KiB). Invalid UTF-16 becomes U+FFFD, and so does a
/// NUL further into the file, so the text never holds one (a CSV written from
/// it would otherwise read as binary).
pub fn decode(bytes: &[u8]) -> Result<Decoded, CsvError> {
    let utf16 = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        Some((decode_utf16(rest, u16::from_le_bytes), Encoding::Utf16Le))
    } else {
        bytes.strip_prefix(&[0xFE, 0xFF]).map(|rest| (decode_utf16(rest, u16::from_be_bytes), Encoding::Utf16Be))
    };
    if let Some((text, encoding)) = utf16 {
        // The offset counts two bytes per character after the byte order mark.
        if let Some(index) = text.chars().take(BINARY_SNIFF_BYTES / 2).position(|c| c == '\0') {
            return Err(CsvError::Binary { offset: 2 + 2 * index });
        }
        return Ok(Decoded { text: without_nul(text), encoding });
    }
    if let Some(offset) = bytes.iter().take(BINARY_SNIFF_BYTES).position(|&b| b == 0) {
        return Err(CsvError::Binary { offset });
    }
    let (body, bom) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match std::str::from_utf8(body) {
        Ok(text) => {
            let encoding = if bom { Encoding::Utf8Bom } else { Encoding::Utf8 };
            Ok(Decoded { text: without_nul(text.to_string()), encoding })
        }
        Err(_) => Ok(Decoded { text: without_nul(decode_windows_1252(body)), encoding: Encoding::Windows1252 }),
    }
}

/// NUL characters (past the binary sniff) become U+FFFD.
fn without_nul(text: String) -> String {
    if text.contains('\0') {
        text.replace('\0', "\u{FFFD}")
    } else {
        text
    }
}

fn decode_utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks(2).map(|pair| match *pair {
        [a, b] => read([a, b]),
        // A lone last byte cannot be a whole code unit; it becomes U+FFFD.
        _ => 0xFFFD,
    });
    char::decode_utf16(units).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

/// Windows-1252 characters for the bytes 0x80 to 0x9F. The five bytes that
/// Windows-1252 leaves undefined map to the C1 controls, as browsers do.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Decodes Windows-1252: ASCII and Latin-1 as they are, 0x80–0x9F by table.
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// The separators [`detect_separator`] chooses among, most likely first.
pub const SEPARATORS: [u8; 4] = [b',', b';', b'\t', b'|'];
/// How many records [`detect_separator`] looks at.
const DETECT_RECORDS: usize = 20;

/// Picks the separator that splits the first records into the same number
/// of columns, preferring the one that occurs on most of those records and
/// then the one giving most columns. Separators inside quotes do not count.
/// A file with one column gives a comma.
pub fn detect_separator(text: &str) -> u8 {
    // counts[record][candidate] for the first records.
    let mut counts: Vec<[usize; SEPARATORS.len()]> = Vec::new();
    let mut current = [0usize; SEPARATORS.len()];
    let mut in_quotes = false;
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\r' | b'\n' if !in_quotes => {
                if b == b'\r' && bytes.peek() == Some(&b'\n') {
                    bytes.next();
                }
                counts.push(current);
                current = [0; SEPARATORS.len()];
                if counts.len() == DETECT_RECORDS {
                    break;
                }
            }
            _ if !in_quotes => {
                if let Some(i) = SEPARATORS.iter().position(|&s| s == b) {
                    current[i] += 1;
                }
            }
            _ => {}
        }
    }
    if counts.len() < DETECT_RECORDS && current.iter().any(|&c| c > 0) {
        counts.push(current);
    }
    let Some(first) = counts.first().copied() else { return b',' };
    let score = |i: usize| {
        let agreeing = counts.iter().filter(|c| c[i] == first[i]).count();
        (agreeing, first[i])
    };
    (0..SEPARATORS.len())
        .filter(|&i| first[i] > 0)
        // `max_by_key` keeps the last of equals, so go backwards to prefer earlier candidates.
        .rev()
        .max_by_key(|&i| score(i))
        .map_or(b',', |i| SEPARATORS[i])
}

/// How to read a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvOptions {
    /// The separator, or `None` to detect it.
    pub separator: Option<u8>,
    /// Whether the first row holds column names. Without one, columns are
    /// named "Column 1", "Column 2"... after the first row's width, and the
    /// first row is data.
    pub has_header: bool,
    pub max_field_bytes: usize,
    pub max_columns: usize,
}

impl Default for CsvOptions {
    fn default() -> CsvOptions {
        CsvOptions { separator: None, has_header: true, max_field_bytes: MAX_FIELD_BYTES, max_columns: MAX_COLUMNS }
    }
}

/// One record of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The row number as a spreadsheet shows it: the header is row 1.
    pub row: usize,
    /// The line of the file where the row starts (cells may span lines).
    pub line: usize,
    pub fields: Vec<String>,
}

/// A row whose number of cells differs from the header's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RaggedRow {
    pub row: usize,
    pub line: usize,
    pub expected: usize,
    pub found: usize,
}

/// A CSV parser that reads a decoded file a slice of rows at a time.
///
/// ```ignore
/// let mut reader = CsvReader::from_bytes(&bytes, &CsvOptions::default())?;
/// while !reader.is_done() {
///     let rows = reader.next_rows(5_000)?;
///     show_progress(reader.progress());
/// }
/// ```
#[derive(Clone, Debug)]
pub struct CsvReader {
    text: String,
    pos: usize,
    line: usize,
    /// The number of records read so far, header included.
    records: usize,
    separator: u8,
    encoding: Encoding,
    max_field_bytes: usize,
    max_columns: usize,
    headers: Vec<String>,
    /// A data row read ahead when the file has no header row.
    pending: Option<Row>,
    ragged: Vec<RaggedRow>,
    ragged_count: usize,
}

impl CsvReader {
    /// Decodes the bytes and reads the header row.
    pub fn from_bytes(bytes: &[u8], options: &CsvOptions) -> Result<CsvReader, CsvError> {
        let decoded = decode(bytes)?;
        CsvReader::from_text(decoded.text, decoded.encoding, options)
    }

    /// Reads the header row of text that is already decoded.
    pub fn from_text(text: String, encoding: Encoding, options: &CsvOptions) -> Result<CsvReader, CsvError> {
        let separator = options.separator.unwrap_or_else(|| detect_separator(&text));
        let mut reader = CsvReader {
            text,
            pos: 0,
            line: 1,
            records: 0,
            separator,
            encoding,
            max_field_bytes: options.max_field_bytes,
            max_columns: options.max_columns,
            headers: Vec::new(),
            pending: None,
            ragged: Vec::new(),
            ragged_count: 0,
        };
        let first = reader.read_row()?.ok_or(CsvError::Empty)?;
        if options.has_header {
            reader.headers = first.fields;
        } else {
            reader.headers = (1..=first.fields.len()).map(|i| format!("Column {i}")).collect();
            reader.pending = Some(first);
        }
        Ok(reader)
    }

    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    pub fn separator(&self) -> u8 {
        self.separator
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The first ragged rows read so far (at most 1,000 are kept).
    pub fn ragged(&self) -> &[RaggedRow] {
        &self.ragged
    }

    /// How many ragged rows have been read so far.
    pub fn ragged_count(&self) -> usize {
        self.ragged_count
    }

    /// Whether every row has been returned.
    pub fn is_done(&self) -> bool {
        self.pending.is_none() && self.pos >= self.text.len()
    }

    /// The share of the text read so far, from 0.0 to 1.0.
    pub fn progress(&self) -> f64 {
        if self.text.is_empty() {
            1.0
        } else {
            self.pos as f64 / self.text.len() as f64
        }
    }

    /// Reads up to `max` data rows; an empty result means the end of the file.
    pub fn next_rows(&mut self, max: usize) -> Result<Vec<Row>, CsvError> {
        let mut rows = Vec::with_capacity(max.min(16_384));
        if let Some(row) = self.pending.take() {
            rows.push(row);
        }
        while rows.len() < max {
            match self.read_row()? {
                Some(row) => {
                    self.note_width(&row);
                    rows.push(row);
                }
                None => break,
            }
        }
        Ok(rows)
    }

    fn note_width(&mut self, row: &Row) {
        let expected = self.headers.len();
        if row.fields.len() != expected {
            self.ragged_count += 1;
            if self.ragged.len() < MAX_RAGGED_REPORTED {
                self.ragged.push(RaggedRow { row: row.row, line: row.line, expected, found: row.fields.len() });
            }
        }
    }

    /// Reads the next row that is not a blank line, or `None` at the end.
    fn read_row(&mut self) -> Result<Option<Row>, CsvError> {
        while self.pos < self.text.len() {
            let line = self.line;
            let start = self.pos;
            let fields = self.read_record()?;
            // A line with nothing on it is skipped; `""` is a row with one empty cell.
            if fields.len() == 1 && fields[0].is_empty() && self.text.as_bytes()[start] != b'"' {
                continue;
            }
            self.records += 1;
            return Ok(Some(Row { row: self.records, line, fields }));
        }
        Ok(None)
    }

    /// Reads one record starting at `self.pos`, which is not the end of the text.
    fn read_record(&mut self) -> Result<Vec<String>, CsvError> {
        let bytes = self.text.as_bytes();
        let sep = self.separator;
        let row = self.records + 1;
        let mut fields = Vec::with_capacity(self.headers.len().max(4));
        loop {
            let column = fields.len() + 1;
            if column > self.max_columns {
                return Err(CsvError::TooManyColumns { line: self.line, row, limit: self.max_columns });
            }
            let too_large = |line| CsvError::FieldTooLarge { line, row, column, limit: self.max_field_bytes };
            if bytes.get(self.pos) == Some(&b'"') {
                let open_line = self.line;
                let mut cell = String::new();
                let mut seg = self.pos + 1;
                loop {
                    let Some(q) = bytes[seg..].iter().position(|&b| b == b'"').map(|i| seg + i) else {
                        return Err(CsvError::UnclosedQuote { line: open_line, row, column });
                    };
                    self.line += count_line_breaks(&bytes[seg..q]);
                    cell.push_str(&self.text[seg..q]);
                    if cell.len() > self.max_field_bytes {
                        return Err(too_large(open_line));
                    }
                    if bytes.get(q + 1) == Some(&b'"') {
                        cell.push('"');
                        seg = q + 2;
                    } else {
                        self.pos = q + 1;
                        break;
                    }
                }
                // Text between the closing quote and the separator is kept as it is.
                let tail = self.pos;
                self.pos = scan_unquoted(bytes, self.pos, sep);
                cell.push_str(&self.text[tail..self.pos]);
                if cell.len() > self.max_field_bytes {
                    return Err(too_large(open_line));
                }
                fields.push(cell);
            } else {
                let start = self.pos;
                self.pos = scan_unquoted(bytes, start, sep);
                if self.pos - start > self.max_field_bytes {
                    return Err(too_large(self.line));
                }
                fields.push(self.text[start..self.pos].to_string());
            }
            match bytes.get(self.pos) {
                Some(&b) if b == sep => self.pos += 1,
                Some(b'\r') => {
                    self.pos += if bytes.get(self.pos + 1) == Some(&b'\n') { 2 } else { 1 };
                    self.line += 1;
                    return Ok(fields);
                }
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                    return Ok(fields);
                }
                _ => return Ok(fields),
            }
        }
    }
}

/// The index of the first separator, CR or LF at or after `from`, or the end.
fn scan_unquoted(bytes: &[u8], from: usize, sep: u8) -> usize {
    bytes[from..].iter().position(|&b| b == sep || b == b'\n' || b == b'\r').map_or(bytes.len(), |i| from + i)
}

/// Counts line ends, taking CRLF as one.
fn count_line_breaks(bytes: &[u8]) -> usize {
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

/// A whole file read in one go.
#[derive(Clone, Debug, PartialEq)]
pub struct CsvTable {
    pub encoding: Encoding,
    pub separator: u8,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// The first 1,000 rows whose width differs from the header's.
    pub ragged: Vec<RaggedRow>,
    pub ragged_count: usize,
}

/// Decodes and parses a whole file.
pub fn parse_all(bytes: &[u8], options: &CsvOptions) -> Result<CsvTable, CsvError> {
    let mut reader = CsvReader::from_bytes(bytes, options)?;
    let rows = reader.next_rows(usize::MAX)?;
    Ok(CsvTable {
        encoding: reader.encoding,
        separator: reader.separator,
        headers: std::mem::take(&mut reader.headers),
        rows,
        ragged: std::mem::take(&mut reader.ragged),
        ragged_count: reader.ragged_count,
    })
}

/// Protects a cell from being run as a formula by spreadsheet programs.
///
/// The rule: a cell whose first character is `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a single quote `'` in front, which spreadsheets take
/// as "this is text". This also applies to harmless values such as
/// "-5" or "+44 20 7946 0958", which then show the quote in other programs;
/// that is the price of safety for files that anyone may open in Excel.
pub fn guard_formula(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// Appends one cell, quoted when it holds a comma, a quote, CR or LF, or
/// when it is the only cell of its row and empty (so the row is not blank).
fn write_cell(out: &mut String, cell: &str, alone: bool) {
    let cell = guard_formula(cell);
    if cell.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n')) || (alone && cell.is_empty()) {
        out.push('"');
        for part in cell.split_inclusive('"') {
            out.push_str(part);
            if part.ends_with('"') {
                out.push('"');
            }
        }
        out.push('"');
    } else {
        out.push_str(&cell);
    }
}

/// Appends one row with a CRLF line end.
pub fn write_row<C: AsRef<str>>(out: &mut String, cells: &[C]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_cell(out, cell.as_ref(), cells.len() == 1);
    }
    out.push_str("\r\n");
}

/// Writes a comma-separated file: a UTF-8 byte order mark, the header row,
/// then the rows, each ending in CRLF, with every cell passed through
/// [`guard_formula`].
pub fn write_csv<H: AsRef<str>, C: AsRef<str>, R: AsRef<[C]>>(headers: &[H], rows: &[R]) -> String {
    let mut out = String::with_capacity(64 * (rows.len() + 1));
    out.push('\u{FEFF}');
    write_row(&mut out, headers);
    for row in rows {
        write_row(&mut out, row.as_ref());
    }
    out
}

// Native only: proptest is not a wasm dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn read_errors_say_the_same_in_english_and_exist_in_every_language() {
        let all = [
            CsvError::Binary { offset: 7 },
            CsvError::Empty,
            CsvError::UnclosedQuote { line: 3, row: 2, column: 4 },
            CsvError::FieldTooLarge { line: 3, row: 2, column: 4, limit: 2048 },
            CsvError::TooManyColumns { line: 3, row: 2, limit: 9 },
        ];
        for e in &all {
            assert_eq!(e.message(Locale::En), e.to_string());
            for l in Locale::ALL {
                assert!(!e.message(l).contains('{') && !e.message(l).starts_with("import."), "{}", e.message(l));
            }
        }
        for e in [super::super::vcard::VcardError::Binary, super::super::vcard::VcardError::NoCards] {
            assert_eq!(e.message(Locale::En), e.to_string());
        }
    }
    use proptest::prelude::*;

    fn parse(text: &str) -> CsvTable {
        parse_all(text.as_bytes(), &CsvOptions::default()).unwrap()
    }

    fn cells(table: &CsvTable) -> Vec<Vec<&str>> {
        table.rows.iter().map(|r| r.fields.iter().map(String::as_str).collect()).collect()
    }

    fn error(bytes: &[u8], options: &CsvOptions) -> CsvError {
        parse_all(bytes, options).unwrap_err()
    }

    #[test]
    fn reads_quoted_cells_with_doubled_quotes_separators_and_newlines() {
        let t = parse("name,note\r\n\"Roe, Jane\",\"said \"\"hi\"\"\r\nthen left\"\r\n\"\",plain\r\n");
        assert_eq!(t.headers, ["name", "note"]);
        assert_eq!(cells(&t), [vec!["Roe, Jane", "said \"hi\"\r\nthen left"], vec!["", "plain"]]);
        assert_eq!((t.rows[0].row, t.rows[0].line), (2, 2));
        assert_eq!((t.rows[1].row, t.rows[1].line), (3, 4));
    }

    #[test]
    fn lenient_with_stray_quotes() {
        // A quote inside an unquoted cell is text; text after a closing quote is kept.
        let t = parse("a,b\n5\" screen,\"x\"y\n");
        assert_eq!(cells(&t), [vec!["5\" screen", "xy"]]);
    }

    #[test]
    fn reads_every_line_end_and_skips_blank_lines() {
        for text in ["h1,h2\na,b\nc,d", "h1,h2\r\na,b\r\nc,d\r\n", "h1,h2\ra,b\rc,d\r", "h1,h2\n\na,b\r\n\r\nc,d\n\n"] {
            let t = parse(text);
            assert_eq!(cells(&t), [vec!["a", "b"], vec!["c", "d"]], "{text:?}");
        }
        let t = parse("h\n\"\"\n");
        assert_eq!(cells(&t), [vec![""]]);
    }

    #[test]
    fn counts_lines_inside_quotes_for_cr_and_crlf() {
        let t = parse("h,i\r\"a\rb\r\nc\nd\",x\ry,z\r");
        assert_eq!((t.rows[0].line, t.rows[1].line), (2, 6));
    }

    #[test]
    fn detects_each_separator() {
        for (sep, text) in [
            (b',', "First Name,Last Name,Email\nJane,Roe,j@x.co\n"),
            (b';', "Vorname;Nachname;E-Mail\nJürgen;Müller, Dr.;j@x.de\nAnna;Schmidt;a@x.de\n"),
            (b'\t', "First\tLast\tNote\nJane\tRoe\t\"a, b; c\"\n"),
            (b'|', "a|b|c\n1|2|3\n"),
        ] {
            assert_eq!(detect_separator(text), sep, "{text:?}");
            let t = parse(text);
            assert_eq!(t.separator, sep);
            assert_eq!(t.headers.len(), 3);
            assert!(t.rows.iter().all(|r| r.fields.len() == 3));
        }
        // Commas inside quotes do not count, and one column gives a comma.
        assert_eq!(detect_separator("\"a,b,c\";d\n\"e,f\";g\n"), b';');
        assert_eq!(detect_separator("Email\nj@x.co\n"), b',');
        assert_eq!(detect_separator(""), b',');
    }

    #[test]
    fn separator_can_be_given() {
        let options = CsvOptions { separator: Some(b';'), ..CsvOptions::default() };
        let t = parse_all(b"a,b;c\n1,2;3\n", &options).unwrap();
        assert_eq!(t.headers, ["a,b", "c"]);
    }

    #[test]
    fn removes_utf8_bom() {
        let t = parse_all(b"\xEF\xBB\xBFName\nZo\xC3\xAB\n", &CsvOptions::default()).unwrap();
        assert_eq!(t.encoding, Encoding::Utf8Bom);
        assert_eq!(t.headers, ["Name"]);
        assert_eq!(cells(&t), [vec!["Zoë"]]);
        assert_eq!(decode(b"plain").unwrap().encoding, Encoding::Utf8);
    }

    #[test]
    fn falls_back_to_windows_1252() {
        let d = decode(b"Caf\xE9 \x80 \x93quoted\x94 \x8A \xFF").unwrap();
        assert_eq!(d.encoding, Encoding::Windows1252);
        assert_eq!(d.text, "Café € “quoted” Š ÿ");
        assert_eq!(decode_windows_1252(&[0x81, 0x9F, 0xA0, 0x41]), "\u{81}Ÿ\u{A0}A");
    }

    #[test]
    fn reads_utf16_with_bom() {
        let text = "Name;Ort\r\nZoë;Köln 😀\r\n";
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        for (bytes, encoding) in [(le, Encoding::Utf16Le), (be, Encoding::Utf16Be)] {
            let t = parse_all(&bytes, &CsvOptions::default()).unwrap();
            assert_eq!(t.encoding, encoding);
            assert_eq!(t.separator, b';');
            assert_eq!(cells(&t), [vec!["Zoë", "Köln 😀"]]);
        }
        // A lone surrogate and an odd last byte become U+FFFD.
        assert_eq!(decode(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00, 0x42]).unwrap().text, "\u{FFFD}A\u{FFFD}");
    }

    #[test]
    fn rejects_binary_files() {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend_from_slice(&[0, 0, 1, 2]);
        assert_eq!(error(&bytes, &CsvOptions::default()), CsvError::Binary { offset: 4 });
        // A NUL after the first 8 KiB is let through, as U+FFFD.
        let mut late = vec![b'a'; 9000];
        late.push(0);
        assert_eq!(decode(&late).unwrap().text.chars().last(), Some('\u{FFFD}'));
        // In UTF-16 the NUL is a character, not a byte (found by the fuzz target).
        assert_eq!(decode(&[0xFE, 0xFF, 0x00, 0x61, 0x00, 0x00]).unwrap_err(), CsvError::Binary { offset: 4 });
        assert_eq!(decode(&[0xFF, 0xFE, 0x61, 0x00, 0x62, 0x00]).unwrap().text, "ab");
    }

    #[test]
    fn rejects_empty_files() {
        assert_eq!(error(b"", &CsvOptions::default()), CsvError::Empty);
        assert_eq!(error(b"\r\n\n", &CsvOptions::default()), CsvError::Empty);
    }

    #[test]
    fn unclosed_quote_names_the_line_where_it_opened() {
        let e = error(b"a,b\n1,2\n3,\"open\nmore\nstill\n", &CsvOptions::default());
        assert_eq!(e, CsvError::UnclosedQuote { line: 3, row: 3, column: 2 });
        assert!(e.to_string().contains("line 3"), "{e}");
    }

    #[test]
    fn reports_ragged_rows_without_failing() {
        let t = parse("a,b,c\n1,2,3\n1,2\n1,2,3,4\n");
        assert_eq!(t.rows.len(), 3);
        assert_eq!(
            t.ragged,
            [
                RaggedRow { row: 3, line: 3, expected: 3, found: 2 },
                RaggedRow { row: 4, line: 4, expected: 3, found: 4 }
            ]
        );
        assert_eq!(t.ragged_count, 2);
    }

    #[test]
    fn limits_cell_size_and_column_count() {
        let options = CsvOptions { max_field_bytes: 10, max_columns: 3, ..CsvOptions::default() };
        assert!(parse_all(b"a\n0123456789\n", &options).is_ok());
        assert_eq!(
            error(b"a\nb\n01234567890\n", &options),
            CsvError::FieldTooLarge { line: 3, row: 3, column: 1, limit: 10 }
        );
        assert_eq!(
            error(b"a,b\n1,\"0123\n45\"\"\"\"\"\"\"\"\"\n", &options),
            CsvError::FieldTooLarge { line: 2, row: 2, column: 2, limit: 10 }
        );
        assert_eq!(error(b"a,b\n1,2,3,4\n", &options), CsvError::TooManyColumns { line: 2, row: 2, limit: 3 });
        // The default limit is 1 MiB.
        let mut huge = b"a\n\"".to_vec();
        huge.extend(std::iter::repeat_n(b'x', MAX_FIELD_BYTES + 1));
        huge.extend_from_slice(b"\"\n");
        assert!(matches!(error(&huge, &CsvOptions::default()), CsvError::FieldTooLarge { line: 2, .. }));
    }

    #[test]
    fn reads_in_slices_with_progress() {
        let mut text = String::from("n\n");
        for i in 0..10 {
            text.push_str(&format!("{i}\n"));
        }
        let mut reader = CsvReader::from_bytes(text.as_bytes(), &CsvOptions::default()).unwrap();
        assert_eq!(reader.headers(), ["n"]);
        let mut seen = Vec::new();
        let mut sizes = Vec::new();
        while !reader.is_done() {
            let rows = reader.next_rows(4).unwrap();
            sizes.push(rows.len());
            seen.extend(rows.into_iter().map(|r| r.fields[0].clone()));
        }
        assert_eq!(sizes, [4, 4, 2]);
        assert_eq!(seen, (0..10).map(|i| i.to_string()).collect::<Vec<_>>());
        assert_eq!(reader.progress(), 1.0);
        assert!(reader.next_rows(4).unwrap().is_empty());
    }

    #[test]
    fn reads_files_without_a_header() {
        let options = CsvOptions { has_header: false, ..CsvOptions::default() };
        let t = parse_all(b"Jane,Roe\nJohn,Doe\n", &options).unwrap();
        assert_eq!(t.headers, ["Column 1", "Column 2"]);
        assert_eq!(cells(&t), [vec!["Jane", "Roe"], vec!["John", "Doe"]]);
        assert_eq!(t.rows[0].row, 1);
    }

    #[test]
    fn writes_bom_crlf_and_quotes() {
        let out = write_csv(&["Name", "Note"], &[vec!["Roe, Jane", "say \"hi\""], vec!["two\nlines", "plain"]]);
        assert_eq!(out, "\u{FEFF}Name,Note\r\n\"Roe, Jane\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",plain\r\n");
        // A lone empty cell is quoted so that the row is not read as a blank line.
        assert_eq!(write_csv(&["a"], &[[""]]), "\u{FEFF}a\r\n\"\"\r\n");
    }

    #[test]
    fn guards_each_formula_start() {
        for (cell, written) in [
            ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
            ("+44 20 7946 0958", "'+44 20 7946 0958"),
            ("-5", "'-5"),
            ("@cmd", "'@cmd"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            ("=HYPERLINK(\"http://x\",\"a,b\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\""),
            ("a=b", "a=b"),
            ("'quoted", "'quoted"),
        ] {
            let mut out = String::new();
            write_row(&mut out, &[cell, "x"]);
            assert_eq!(out, format!("{written},x\r\n"), "{cell:?}");
        }
    }

    fn any_cell() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[a-zA-Zé€😀 ,;\t|\"\r\n=+@'-]{0,12}").unwrap()
    }

    proptest! {
        #[test]
        fn write_then_parse_gives_the_guarded_cells(
            table in (1usize..5).prop_flat_map(|w| prop::collection::vec(prop::collection::vec(any_cell(), w), 1..6))
        ) {
            let (headers, rows) = table.split_first().unwrap();
            let text = write_csv(headers, rows);
            let options = CsvOptions { separator: Some(b','), ..CsvOptions::default() };
            let parsed = parse_all(text.as_bytes(), &options).unwrap();
            let guard = |row: &Vec<String>| row.iter().map(|c| guard_formula(c).into_owned()).collect::<Vec<_>>();
            prop_assert_eq!(&parsed.headers, &guard(headers));
            let got: Vec<Vec<String>> = parsed.rows.into_iter().map(|r| r.fields).collect();
            let want: Vec<Vec<String>> = rows.iter().map(guard).collect();
            prop_assert_eq!(got, want);
            prop_assert_eq!(parsed.ragged_count, 0);
        }

        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_all(&bytes, &CsvOptions::default());
            let small = CsvOptions { max_field_bytes: 8, max_columns: 4, has_header: false, separator: None };
            let _ = parse_all(&bytes, &small);
        }

        #[test]
        fn never_panics_on_csv_like_text(text in "[a\",;\t|\r\n\u{FEFF}é]{0,200}") {
            if let Ok(t) = parse_all(text.as_bytes(), &CsvOptions::default()) {
                prop_assert!(t.rows.iter().all(|r| r.row >= 2 && r.line >= 1));
            }
        }
    }
}
