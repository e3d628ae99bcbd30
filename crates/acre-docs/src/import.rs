//! Parsing of uploaded CSV/XLSX files into a plain grid of strings, and a
//! first guess at which column feeds which field.
//!
//! Every entry point enforces [`MAX_IMPORT_BYTES`] before parsing and
//! [`MAX_IMPORT_ROWS`] while parsing (it stops as soon as the limit is
//! exceeded, so a huge sheet is never held in memory).

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, ExcelDateTime, Reader, SheetType, SheetVisible, Xls, Xlsx};
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use encoding_rs::{Encoding, GB18030, GBK};

use crate::DocError;
use crate::xlsx::deneutralise;

/// Largest accepted upload, in bytes.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;
/// Largest accepted number of data rows (header excluded).
pub const MAX_IMPORT_ROWS: usize = 200_000;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// A parsed file: the header row and the data rows.
///
/// Cells are trimmed (and an injection-guard quote added by our exporter is
/// removed); fully empty rows are skipped; every row has exactly
/// `headers.len()` cells. Trailing empty header cells are dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Collects rows into a [`Sheet`], enforcing the row limit.
struct SheetBuilder {
    headers: Option<Vec<String>>,
    rows: Vec<Vec<String>>,
}

impl SheetBuilder {
    fn new() -> Self {
        SheetBuilder {
            headers: None,
            rows: Vec::new(),
        }
    }

    /// Adds one raw row; the first non-empty one becomes the header.
    fn push<S: AsRef<str>>(&mut self, raw: impl IntoIterator<Item = S>) -> Result<(), DocError> {
        match &self.headers {
            None => {
                let mut headers: Vec<String> = raw.into_iter().map(|s| clean(s.as_ref())).collect();
                while headers.last().is_some_and(String::is_empty) {
                    headers.pop();
                }
                if !headers.is_empty() {
                    self.headers = Some(headers);
                }
            }
            Some(headers) => {
                let width = headers.len();
                let mut row: Vec<String> = raw
                    .into_iter()
                    .take(width)
                    .map(|s| clean(s.as_ref()))
                    .collect();
                if row.iter().all(String::is_empty) {
                    return Ok(());
                }
                if self.rows.len() >= MAX_IMPORT_ROWS {
                    return Err(DocError::TooManyRows {
                        limit: MAX_IMPORT_ROWS,
                    });
                }
                row.resize(width, String::new());
                self.rows.push(row);
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<Sheet, DocError> {
        let headers = self.headers.ok_or(DocError::Empty)?;
        Ok(Sheet {
            headers,
            rows: self.rows,
        })
    }
}

/// Trims a cell and removes the `'` our exporter puts before `= + - @`.
fn clean(cell: &str) -> String {
    let cell = cell.trim().trim_start_matches('\u{FEFF}');
    deneutralise(cell).trim().to_string()
}

fn check_size(bytes: &[u8]) -> Result<(), DocError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        Err(DocError::TooLarge {
            limit: MAX_IMPORT_BYTES,
        })
    } else {
        Ok(())
    }
}

/// Decodes CSV bytes: BOM (UTF-8/UTF-16) first, then UTF-8 if valid, else
/// the encoding chardetng guesses (GBK read as its superset GB18030).
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_len..]).0;
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(text);
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut encoding = detector.guess(None, Utf8Detection::Allow);
    if encoding == GBK {
        encoding = GB18030;
    }
    encoding.decode_without_bom_handling(bytes).0
}

/// Comma unless the first line has more semicolons or tabs than commas.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.chars().filter(|&x| x == c).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if tabs > commas && tabs >= semicolons {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// Parses a CSV file (UTF-8 with or without BOM, UTF-16 with BOM, GBK/GB18030
/// or Big5; comma, semicolon or tab separated).
pub fn read_csv(bytes: &[u8]) -> Result<Sheet, DocError> {
    check_size(bytes)?;
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(&text))
        .from_reader(text.as_bytes());
    let mut sheet = SheetBuilder::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => sheet.push(record.iter())?,
            Ok(false) => break,
            Err(e) => return Err(DocError::Unreadable(e.to_string())),
        }
    }
    sheet.finish()
}

/// The name of the sheet to import: the first visible worksheet, else the
/// first worksheet.
fn first_worksheet<RS: std::io::Read + std::io::Seek, R: Reader<RS>>(book: &R) -> Option<String> {
    let sheets = book.sheets_metadata();
    sheets
        .iter()
        .find(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .or_else(|| sheets.iter().find(|s| s.typ == SheetType::WorkSheet))
        .map(|s| s.name.clone())
}

/// Parses the first worksheet of an XLSX/XLSM file.
pub fn read_xlsx(bytes: &[u8]) -> Result<Sheet, DocError> {
    check_size(bytes)?;
    let unreadable = |e: calamine::XlsxError| DocError::Unreadable(e.to_string());
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let name = first_worksheet(&book).ok_or(DocError::Empty)?;
    let mut cells = book.worksheet_cells_reader(&name).map_err(unreadable)?;

    // Rows with absolute column positions; only non-empty values are placed,
    // so stray formatting far to the right costs nothing.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut current: Option<u32> = None;
    let mut row: Vec<String> = Vec::new();
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (r, c) = cell.get_position();
        if current != Some(r) {
            flush(&mut rows, std::mem::take(&mut row))?;
            current = Some(r);
        }
        let text = data_text(&Data::from(cell.get_value().clone()));
        if !text.trim().is_empty() {
            let c = c as usize;
            if row.len() <= c {
                row.resize(c + 1, String::new());
            }
            row[c] = text;
        }
    }
    flush(&mut rows, row)?;
    drop(cells);

    // Like calamine's ranges, start at the leftmost used column.
    let offset = rows
        .iter()
        .filter_map(|r| r.iter().position(|c| !c.trim().is_empty()))
        .min()
        .unwrap_or(0);
    let mut sheet = SheetBuilder::new();
    for r in rows {
        sheet.push(r.into_iter().skip(offset))?;
    }
    sheet.finish()
}

/// Keeps a non-empty row; fails early once there are more rows than a
/// header plus [`MAX_IMPORT_ROWS`].
fn flush(rows: &mut Vec<Vec<String>>, row: Vec<String>) -> Result<(), DocError> {
    if row.iter().all(|c| c.trim().is_empty()) {
        return Ok(());
    }
    if rows.len() > MAX_IMPORT_ROWS {
        return Err(DocError::TooManyRows {
            limit: MAX_IMPORT_ROWS,
        });
    }
    rows.push(row);
    Ok(())
}

/// Parses the first worksheet of a legacy `.xls` (BIFF) file.
fn read_xls(bytes: &[u8]) -> Result<Sheet, DocError> {
    check_size(bytes)?;
    let unreadable = |e: calamine::XlsError| DocError::Unreadable(e.to_string());
    let mut book = Xls::new(Cursor::new(bytes)).map_err(unreadable)?;
    let name = first_worksheet(&book).ok_or(DocError::Empty)?;
    let range = book.worksheet_range(&name).map_err(unreadable)?;
    let mut sheet = SheetBuilder::new();
    for row in range.rows() {
        sheet.push(row.iter().map(data_text))?;
    }
    sheet.finish()
}

/// Parses an upload by its extension (`.csv`/`.txt`/`.tsv` → CSV,
/// `.xlsx`/`.xlsm` → XLSX), else by its content (zip → XLSX, OLE → legacy
/// XLS, anything else → CSV).
pub fn read_any(file_name: &str, bytes: &[u8]) -> Result<Sheet, DocError> {
    check_size(bytes)?;
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let sheet = match extension.as_str() {
        "csv" | "txt" | "tsv" => read_csv(bytes)?,
        "xlsx" | "xlsm" => read_xlsx(bytes)?,
        _ if bytes.starts_with(ZIP_MAGIC) => read_xlsx(bytes)?,
        _ if bytes.starts_with(OLE_MAGIC) => read_xls(bytes)?,
        _ => read_csv(bytes)?,
    };
    if sheet.rows.len() > MAX_IMPORT_ROWS {
        return Err(DocError::TooManyRows {
            limit: MAX_IMPORT_ROWS,
        });
    }
    Ok(sheet)
}

/// A spreadsheet value as the text a user would type.
fn data_text(data: &Data) -> String {
    match data {
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => datetime_text(dt),
        Data::DateTimeIso(s) => iso_text(s),
        Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// Integers without ".0", other numbers in their shortest exact form.
fn float_text(f: f64) -> String {
    if !f.is_finite() {
        String::new()
    } else if f.fract() == 0.0 && f.abs() < 1e15 {
        (f as i64).to_string()
    } else {
        f.to_string()
    }
}

/// `YYYY-MM-DD` for dates, `YYYY-MM-DD HH:MM` for date-times, `HH:MM` for
/// times of day, `H:MM:SS` for durations.
fn datetime_text(dt: &ExcelDateTime) -> String {
    let value = dt.as_f64();
    if dt.is_duration() {
        let secs = (value * 86_400.0).round() as i64;
        let sign = if secs < 0 { "-" } else { "" };
        let secs = secs.abs();
        return format!(
            "{sign}{}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        );
    }
    let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
    let parts = NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(d))
        .and_then(|date| {
            date.and_hms_milli_opt(u32::from(h), u32::from(mi), u32::from(s), u32::from(ms))
        })
        // Round to the nearest second: serial dates are floats.
        .map(|t| t + chrono::Duration::milliseconds(500))
        .map(|t| (t.date(), t.hour(), t.minute(), t.second()));
    let Some((date, h, mi, s)) = parts else {
        // 1900-02-29 (Excel's leap-year bug) and other oddities.
        return format!("{y:04}-{mo:02}-{d:02}");
    };
    if (0.0..1.0).contains(&value) {
        return if s == 0 {
            format!("{h:02}:{mi:02}")
        } else {
            format!("{h:02}:{mi:02}:{s:02}")
        };
    }
    if (h, mi, s) == (0, 0, 0) {
        date.format("%Y-%m-%d").to_string()
    } else {
        format!("{} {h:02}:{mi:02}", date.format("%Y-%m-%d"))
    }
}

/// ISO 8601 values (from some writers) in the same shape as [`datetime_text`].
fn iso_text(s: &str) -> String {
    if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return if (t.hour(), t.minute(), t.second()) == (0, 0, 0) {
            t.format("%Y-%m-%d").to_string()
        } else {
            t.format("%Y-%m-%d %H:%M").to_string()
        };
    }
    s.to_string()
}

/// A header or label reduced for comparison: half-width, lower case, no
/// whitespace, no required-marker `*` and no trailing colon.
fn normalise(s: &str) -> String {
    let half: String = s
        .chars()
        .filter_map(|c| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' => ' ',
                c => c,
            };
            (!c.is_whitespace()).then_some(c)
        })
        .flat_map(char::to_lowercase)
        .collect();
    half.trim_matches('*')
        .trim_end_matches([':', '*'])
        .trim_start_matches('*')
        .to_string()
}

/// For each header, the key of the field whose key or one of whose labels
/// matches it (ignoring case, whitespace, full/half width, a `*` marker and
/// a trailing colon). Each field is used at most once, by the first header
/// that matches it; headers matching nothing get `None`.
pub fn guess_mapping(headers: &[String], fields: &[(String, Vec<String>)]) -> Vec<Option<String>> {
    let fields: Vec<(&str, Vec<String>)> = fields
        .iter()
        .map(|(key, labels)| {
            let mut names: Vec<String> = labels.iter().map(|l| normalise(l)).collect();
            names.push(normalise(key));
            names.retain(|n| !n.is_empty());
            (key.as_str(), names)
        })
        .collect();
    let mut used = vec![false; fields.len()];
    headers
        .iter()
        .map(|header| {
            let header = normalise(header);
            if header.is_empty() {
                return None;
            }
            let found = fields
                .iter()
                .enumerate()
                .position(|(i, (_, names))| !used[i] && names.contains(&header))?;
            used[found] = true;
            Some(fields[found].0.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xlsx::list_xlsx;
    use crate::{Cell, ColumnSpec, TableSpec};
    use encoding_rs::{BIG5, UTF_16BE, UTF_16LE};

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn simplified() -> Sheet {
        Sheet {
            headers: strings(&["客户名称", "电话"]),
            rows: vec![strings(&["华为技术有限公司", "0755-1234"])],
        }
    }

    const SIMPLIFIED: &str = "客户名称,电话\n华为技术有限公司,0755-1234\n";
    const TRADITIONAL: &str = "客戶名稱,電話\n台積電股份有限公司,03-5636688\n";

    fn traditional() -> Sheet {
        Sheet {
            headers: strings(&["客戶名稱", "電話"]),
            rows: vec![strings(&["台積電股份有限公司", "03-5636688"])],
        }
    }

    #[test]
    fn csv_utf8_with_and_without_bom() {
        assert_eq!(read_csv(SIMPLIFIED.as_bytes()).unwrap(), simplified());
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(SIMPLIFIED.as_bytes());
        assert_eq!(read_csv(&bom).unwrap(), simplified());
        // CRLF line ends.
        let crlf = SIMPLIFIED.replace('\n', "\r\n");
        assert_eq!(read_csv(crlf.as_bytes()).unwrap(), simplified());
    }

    #[test]
    fn csv_utf16_with_bom() {
        let mut le = b"\xFF\xFE".to_vec();
        le.extend(SIMPLIFIED.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read_csv(&le).unwrap(), simplified());
        let mut be = b"\xFE\xFF".to_vec();
        be.extend(SIMPLIFIED.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(read_csv(&be).unwrap(), simplified());
        // Sanity: encoding_rs agrees on the byte layout.
        assert_eq!(UTF_16LE.decode_with_bom_removal(&le).0, SIMPLIFIED);
        assert_eq!(UTF_16BE.decode_with_bom_removal(&be).0, SIMPLIFIED);
    }

    #[test]
    fn csv_gbk() {
        let (bytes, _, had_errors) = GBK.encode(SIMPLIFIED);
        assert!(!had_errors);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(read_csv(&bytes).unwrap(), simplified());
    }

    #[test]
    fn csv_gb18030_only_characters() {
        // "𠀀" (U+20000) exists in GB18030 but not in GBK.
        let text = "客户名称,备注\n华为技术有限公司,𠀀字\n";
        let (bytes, _, had_errors) = GB18030.encode(text);
        assert!(!had_errors);
        let sheet = read_csv(&bytes).unwrap();
        assert_eq!(sheet.rows[0][1], "𠀀字");
    }

    #[test]
    fn csv_big5() {
        let (bytes, _, had_errors) = BIG5.encode(TRADITIONAL);
        assert!(!had_errors);
        assert_eq!(read_csv(&bytes).unwrap(), traditional());
    }

    #[test]
    fn csv_quoting_and_shape() {
        let text = " 名称 ,\"地址, 城市\",备注,,\n\
                    \"华为, 深圳\",\"第一行\n第二行\",\"他说\"\"好\"\"\"\n\
                    ,,\n\
                    \n\
                    只有一列\n\
                    a,b,c,d,e,f\n";
        let sheet = read_csv(text.as_bytes()).unwrap();
        assert_eq!(sheet.headers, strings(&["名称", "地址, 城市", "备注"]));
        assert_eq!(
            sheet.rows,
            vec![
                strings(&["华为, 深圳", "第一行\n第二行", "他说\"好\""]),
                strings(&["只有一列", "", ""]),
                strings(&["a", "b", "c"]),
            ]
        );
    }

    #[test]
    fn csv_semicolon_and_tab() {
        let semi = "名称;金额;备注\n华为;1,5;好\n";
        let sheet = read_csv(semi.as_bytes()).unwrap();
        assert_eq!(sheet.headers, strings(&["名称", "金额", "备注"]));
        assert_eq!(sheet.rows, vec![strings(&["华为", "1,5", "好"])]);

        let tab = "名称\t金额\n华为\t1,234.5\n";
        let sheet = read_csv(tab.as_bytes()).unwrap();
        assert_eq!(sheet.headers, strings(&["名称", "金额"]));
        assert_eq!(sheet.rows, vec![strings(&["华为", "1,234.5"])]);
    }

    #[test]
    fn csv_removes_exporter_quote() {
        let text = "公式,普通\n'=1+1,'abc\n'-5,''@x\n";
        let sheet = read_csv(text.as_bytes()).unwrap();
        assert_eq!(
            sheet.rows,
            vec![strings(&["=1+1", "'abc"]), strings(&["-5", "'@x"])]
        );
    }

    #[test]
    fn empty_inputs() {
        assert_eq!(read_csv(b""), Err(DocError::Empty));
        assert_eq!(read_csv(b"\n , ,\n\n"), Err(DocError::Empty));
        let headers_only = read_csv("名称,电话\n".as_bytes()).unwrap();
        assert_eq!(headers_only.headers, strings(&["名称", "电话"]));
        assert!(headers_only.rows.is_empty());
    }

    #[test]
    fn xlsx_round_trip() {
        let spec = TableSpec {
            title: "导入测试".into(),
            columns: [
                "名称", "公式", "日期", "金额", "数量", "比例", "时间", "启用", "小数",
            ]
            .iter()
            .map(|h| ColumnSpec {
                header: h.to_string(),
                width: 10,
            })
            .collect(),
        };
        let ms = NaiveDate::from_ymd_opt(2024, 3, 5)
            .unwrap()
            .and_hms_opt(16, 30, 0)
            .unwrap()
            .and_utc()
            .timestamp_millis();
        let rows = vec![
            vec![
                Cell::Text("华为技术有限公司".into()),
                Cell::Text("=HYPERLINK(\"http://x\",\"y\")".into()),
                Cell::Date("2024-01-31".into()),
                Cell::Money(123_450),
                Cell::Integer(42),
                Cell::Percent(12.5),
                Cell::DateTime(ms),
                Cell::Bool(true, "是".into()),
                Cell::Number(0.1 + 0.2),
            ],
            vec![Cell::Empty; 9],
            vec![
                Cell::Text("  腾讯  ".into()),
                Cell::Text("@SUM(1)".into()),
                Cell::Empty,
                Cell::Money(-5),
                Cell::Integer(-1),
                Cell::Percent(0.0),
                Cell::Empty,
                Cell::Text("'-1+2".into()),
                Cell::Number(1e20),
            ],
        ];
        let bytes = list_xlsx(&spec, rows).unwrap();
        for sheet in [
            read_xlsx(&bytes).unwrap(),
            read_any("客户.xlsx", &bytes).unwrap(),
        ] {
            assert_eq!(
                sheet.headers,
                strings(&[
                    "名称", "公式", "日期", "金额", "数量", "比例", "时间", "启用", "小数"
                ])
            );
            assert_eq!(
                sheet.rows,
                vec![
                    strings(&[
                        "华为技术有限公司",
                        "=HYPERLINK(\"http://x\",\"y\")",
                        "2024-01-31",
                        "1234.5",
                        "42",
                        "12.5",
                        "2024-03-06 00:30",
                        "是",
                        "0.30000000000000004",
                    ]),
                    strings(&[
                        "腾讯",
                        "@SUM(1)",
                        "",
                        "-0.05",
                        "-1",
                        "0",
                        "",
                        "'-1+2",
                        "100000000000000000000"
                    ]),
                ]
            );
        }
    }

    #[test]
    fn xlsx_offset_data_and_garbage() {
        // Data starting at B3 is read as if it started at A1.
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        ws.write_string(2, 1, "名称").unwrap();
        ws.write_string(2, 2, "电话").unwrap();
        ws.write_string(3, 1, "华为").unwrap();
        ws.write_number(4, 2, 13800000000.0).unwrap();
        ws.write_boolean(5, 1, true).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let sheet = read_xlsx(&bytes).unwrap();
        assert_eq!(sheet.headers, strings(&["名称", "电话"]));
        assert_eq!(
            sheet.rows,
            vec![
                strings(&["华为", ""]),
                strings(&["", "13800000000"]),
                strings(&["true", ""]),
            ]
        );

        assert!(matches!(
            read_xlsx(b"PK\x03\x04 not really a zip"),
            Err(DocError::Unreadable(_))
        ));
        assert!(matches!(read_xlsx(b"a,b\n"), Err(DocError::Unreadable(_))));
    }

    #[test]
    fn datetime_text_shapes() {
        use calamine::ExcelDateTimeType::{DateTime, TimeDelta};
        let dt = |v: f64| datetime_text(&ExcelDateTime::new(v, DateTime, false));
        assert_eq!(dt(45322.0), "2024-01-31");
        assert_eq!(dt(45322.5), "2024-01-31 12:00");
        // 23:59:59.9999 rounds to the next day.
        assert_eq!(dt(45322.0 + 0.999_999_9), "2024-02-01");
        assert_eq!(dt(0.75), "18:00");
        let dur = datetime_text(&ExcelDateTime::new(1.5, TimeDelta, false));
        assert_eq!(dur, "36:00:00");
        assert_eq!(iso_text("2024-01-31T00:00:00"), "2024-01-31");
        assert_eq!(iso_text("2024-01-31T08:05:00"), "2024-01-31 08:05");
        assert_eq!(iso_text("whatever"), "whatever");
        assert_eq!(float_text(3.0), "3");
        assert_eq!(float_text(-0.0), "0");
        assert_eq!(float_text(1234.5), "1234.5");
        assert_eq!(float_text(f64::NAN), "");
    }

    #[test]
    fn read_any_dispatch() {
        let bytes = SIMPLIFIED.as_bytes();
        assert_eq!(read_any("客户.csv", bytes).unwrap(), simplified());
        assert_eq!(read_any("客户.TXT", bytes).unwrap(), simplified());
        assert_eq!(read_any("no-extension", bytes).unwrap(), simplified());
        let spec = TableSpec {
            title: "t".into(),
            columns: vec![ColumnSpec {
                header: "客户名称".into(),
                width: 10,
            }],
        };
        let xlsx = list_xlsx(&spec, vec![vec![Cell::Text("华为".into())]]).unwrap();
        let expected = Sheet {
            headers: strings(&["客户名称"]),
            rows: vec![strings(&["华为"])],
        };
        assert_eq!(read_any("upload.bin", &xlsx).unwrap(), expected);
        assert_eq!(read_any("客户.XLSM", &xlsx).unwrap(), expected);
        // Legacy .xls is recognised by its OLE signature (this one is broken).
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend_from_slice(&[0; 600]);
        assert!(matches!(
            read_any("old.xls", &ole),
            Err(DocError::Unreadable(_))
        ));
        // A zip under a .csv name is not CSV text: decoded as garbage, but no panic.
        let _ = read_any("wrong.csv", &xlsx);
    }

    #[test]
    fn byte_limit() {
        let big = vec![b'a'; MAX_IMPORT_BYTES + 1];
        let err = DocError::TooLarge {
            limit: MAX_IMPORT_BYTES,
        };
        assert_eq!(read_any("big.csv", &big), Err(err.clone()));
        assert_eq!(read_any("big.xlsx", &big), Err(err.clone()));
        assert_eq!(read_csv(&big), Err(err.clone()));
        assert_eq!(read_xlsx(&big), Err(err));
    }

    #[test]
    fn row_limit_csv() {
        let mut text = String::from("编号\n");
        for i in 0..MAX_IMPORT_ROWS {
            text.push_str(&format!("{i}\n"));
        }
        let sheet = read_any("ok.csv", text.as_bytes()).unwrap();
        assert_eq!(sheet.rows.len(), MAX_IMPORT_ROWS);
        // Empty lines do not count.
        text.push_str("\n,\n");
        assert!(read_any("ok.csv", text.as_bytes()).is_ok());
        text.push_str("one more\n");
        assert_eq!(
            read_any("big.csv", text.as_bytes()),
            Err(DocError::TooManyRows {
                limit: MAX_IMPORT_ROWS
            })
        );
    }

    #[test]
    fn row_limit_xlsx() {
        let spec = TableSpec {
            title: "t".into(),
            columns: vec![ColumnSpec {
                header: "编号".into(),
                width: 10,
            }],
        };
        let rows = (0..=MAX_IMPORT_ROWS as i64).map(|i| vec![Cell::Integer(i)]);
        let bytes = list_xlsx(&spec, rows).unwrap();
        assert_eq!(
            read_any("big.xlsx", &bytes),
            Err(DocError::TooManyRows {
                limit: MAX_IMPORT_ROWS
            })
        );
    }

    #[test]
    fn mapping_guesses() {
        let fields = vec![
            ("name".to_string(), strings(&["客户名称", "名称"])),
            ("code".to_string(), strings(&["编号"])),
            ("phone".to_string(), strings(&["电话", "联系电话"])),
            ("email".to_string(), strings(&["电子邮箱"])),
        ];
        let headers = strings(&[
            "客户名称 *",
            "Code",
            "联系电话：",
            "名称",
            "ＥＭＡＩＬ",
            "备注",
            "",
            "电 话",
        ]);
        assert_eq!(
            guess_mapping(&headers, &fields),
            vec![
                Some("name".to_string()),
                Some("code".to_string()),
                Some("phone".to_string()),
                None, // "name" already taken
                Some("email".to_string()),
                None,
                None,
                None, // "phone" already taken
            ]
        );
        assert_eq!(normalise(" *客户　名称＊: "), "客户名称");
        assert_eq!(normalise("Ｅ－ｍａｉｌ："), "e-mail");
    }
}
