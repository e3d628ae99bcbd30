//! XLSX export of lists (streamed, constant memory) and of single records.
//!
//! Every piece of text goes through [`neutralise`] and is written with
//! `write_string`, so a cell can never become a formula in Excel, LibreOffice
//! or WPS.

use std::borrow::Cow;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::{Cell, DocError, RecordSection, TableSpec};

/// First characters that make a spreadsheet treat a cell as a formula
/// (or that some spreadsheets strip before doing so).
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Excel's limit on the length of a cell's text, in UTF-16 code units.
const MAX_CELL_TEXT: usize = 32_767;

/// Excel's last row index (0-based).
const MAX_ROW: usize = 1_048_575;

/// China Standard Time, UTC+8, in seconds.
const CST_OFFSET_SECS: i32 = 8 * 3600;

const HEADER_FILL: u32 = 0xD9E1F2;
const LABEL_FILL: u32 = 0xF2F2F2;

impl From<XlsxError> for DocError {
    fn from(e: XlsxError) -> Self {
        DocError::Write(e.to_string())
    }
}

/// Whether `text` has to be prefixed with `'` to be safe in a spreadsheet.
///
/// True when the text starts with a formula trigger (`= + - @`, tab or
/// carriage return), and also when it starts with one or more `'` followed
/// by a trigger: that way the importer can always remove exactly one added
/// quote and get the original text back.
fn needs_quote(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(FORMULA_TRIGGERS)
}

/// Formula/CSV injection guard: returns `text` prefixed with a single quote
/// `'` when its first character is one of `= + - @`, a tab or a carriage
/// return (also when such a character only follows leading quotes, so that
/// [`deneutralise`] is an exact inverse); otherwise `text` unchanged.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if needs_quote(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The inverse of [`neutralise`]: removes the single `'` that it added.
/// Text that [`neutralise`] would not have produced is returned unchanged.
pub fn deneutralise(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => text,
    }
}

/// A sheet name that Excel accepts: no `[ ] : * ? / \`, no leading or
/// trailing apostrophe, at most 31 characters, not blank, not "History".
pub(crate) fn sheet_name(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim();
    let mut name = String::new();
    let mut units = 0;
    for c in cleaned.chars() {
        units += c.len_utf16();
        if units > 31 {
            break;
        }
        name.push(c);
    }
    // Truncation may leave an apostrophe or a space at the end.
    let name = name.trim_end().trim_end_matches('\'').to_string();
    if name.is_empty() {
        "Sheet1".to_string()
    } else if name.eq_ignore_ascii_case("history") {
        // Reserved by Excel.
        format!("{name}_")
    } else {
        name
    }
}

/// `text` cut to Excel's maximum cell length.
fn clip(text: &str) -> &str {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > MAX_CELL_TEXT {
            return &text[..i];
        }
    }
    text
}

/// Cell formats for one kind of output (list cells or record values).
struct Formats {
    text: Format,
    integer: Format,
    number: Format,
    money: Format,
    percent: Format,
    date: Format,
    datetime: Format,
}

impl Formats {
    fn new(base: Format) -> Self {
        Formats {
            text: base.clone(),
            integer: base.clone().set_num_format("0"),
            number: base.clone(),
            money: base.clone().set_num_format("#,##0.00"),
            percent: base.clone().set_num_format("0.0#\"%\""),
            date: base.clone().set_num_format("yyyy-mm-dd"),
            datetime: base.set_num_format("yyyy-mm-dd hh:mm"),
        }
    }
}

/// Writes `text` as a plain string (never a formula), neutralised and clipped.
fn write_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<(), DocError> {
    if text.is_empty() {
        return Ok(());
    }
    let text = neutralise(text);
    ws.write_string_with_format(row, col, clip(&text), format)?;
    Ok(())
}

/// Writes one typed cell.
fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    f: &Formats,
) -> Result<(), DocError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) | Cell::Bool(_, s) => write_text(ws, row, col, s, &f.text)?,
        Cell::Integer(i) => {
            ws.write_number_with_format(row, col, *i as f64, &f.integer)?;
        }
        Cell::Number(n) => {
            if n.is_finite() {
                ws.write_number_with_format(row, col, *n, &f.number)?;
            }
        }
        Cell::Money(fen) => {
            ws.write_number_with_format(row, col, *fen as f64 / 100.0, &f.money)?;
        }
        Cell::Percent(p) => {
            if p.is_finite() {
                ws.write_number_with_format(row, col, *p, &f.percent)?;
            }
        }
        Cell::Date(s) => match excel_date(s) {
            Some(d) => {
                ws.write_datetime_with_format(row, col, d, &f.date)?;
            }
            None => write_text(ws, row, col, s, &f.text)?,
        },
        Cell::DateTime(ms) => match excel_datetime(*ms) {
            Some(d) => {
                ws.write_datetime_with_format(row, col, d, &f.datetime)?;
            }
            None => {
                let shown = cst(*ms)
                    .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_default();
                write_text(ws, row, col, &shown, &f.text)?;
            }
        },
    }
    Ok(())
}

/// `YYYY-MM-DD` as an Excel date, if it is one Excel can show.
fn excel_date(s: &str) -> Option<ExcelDateTime> {
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()?;
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

/// Milliseconds since the epoch (UTC) as an Excel datetime in UTC+8.
fn excel_datetime(ms: i64) -> Option<ExcelDateTime> {
    let secs = ms
        .div_euclid(1000)
        .checked_add(i64::from(CST_OFFSET_SECS))?;
    ExcelDateTime::from_timestamp(secs).ok()
}

fn cst(ms: i64) -> Option<DateTime<FixedOffset>> {
    let offset = FixedOffset::east_opt(CST_OFFSET_SECS)?;
    Some(DateTime::from_timestamp_millis(ms)?.with_timezone(&offset))
}

fn column_width(width: u16) -> f64 {
    f64::from(width.clamp(6, 60))
}

/// A list export: one worksheet named after the title, a bold, filled,
/// frozen header row with an autofilter, then one row per item.
///
/// Rows are streamed (constant-memory mode: each row is flushed to a
/// temporary file once the next one starts), so 100,000+ rows stay cheap.
/// Fails with [`DocError::Write`] beyond Excel's 1,048,575 data rows.
pub fn list_xlsx<I: IntoIterator<Item = Vec<Cell>>>(
    spec: &TableSpec,
    rows: I,
) -> Result<Vec<u8>, DocError> {
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet_with_constant_memory()?;
    ws.set_name(sheet_name(&spec.title))?;

    let ncols = spec.columns.len();
    if ncols > usize::from(u16::MAX) {
        return Err(DocError::Write("too many columns".into()));
    }
    for (col, column) in spec.columns.iter().enumerate() {
        ws.set_column_width(col as u16, column_width(column.width))?;
    }

    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(HEADER_FILL))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    for (col, column) in spec.columns.iter().enumerate() {
        write_text(ws, 0, col as u16, &column.header, &header)?;
    }
    ws.set_freeze_panes(1, 0)?;

    let formats = Formats::new(Format::new());
    let mut last_row = 0u32;
    for (i, cells) in rows.into_iter().enumerate() {
        if i >= MAX_ROW {
            return Err(DocError::Write(format!(
                "more than {MAX_ROW} rows do not fit in a worksheet"
            )));
        }
        let row = (i + 1) as u32;
        for (col, cell) in cells.iter().enumerate() {
            let col = u16::try_from(col).map_err(|_| DocError::Write("too many columns".into()))?;
            write_cell(ws, row, col, cell, &formats)?;
        }
        last_row = row;
    }

    if ncols > 0 {
        ws.autofilter(0, 0, last_row, (ncols - 1) as u16)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// A single-record export: the title in row 1, then for every section a
/// blank row, a heading row and one label/value row per field (labels in
/// column A, wrapped values in column B).
pub fn record_xlsx(title: &str, sections: &[RecordSection]) -> Result<Vec<u8>, DocError> {
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    ws.set_name(sheet_name(title))?;
    ws.set_column_width(0, 20)?;
    ws.set_column_width(1, 80)?;

    let title_format = Format::new().set_bold().set_font_size(16);
    let heading = Format::new()
        .set_bold()
        .set_font_size(12)
        .set_background_color(Color::RGB(HEADER_FILL));
    let label = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(LABEL_FILL))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
        .set_text_wrap();
    let values = Formats::new(
        Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Left)
            .set_align(FormatAlign::Top)
            .set_text_wrap(),
    );

    write_text(ws, 0, 0, title, &title_format)?;
    ws.set_row_height(0, 24)?;
    let mut row = 1u32;
    for section in sections {
        row += 1;
        if !section.heading.is_empty() {
            write_text(ws, row, 0, &section.heading, &heading)?;
            ws.write_blank(row, 1, &heading)?;
            row += 1;
        }
        for (name, value) in &section.fields {
            write_text(ws, row, 0, name, &label)?;
            if matches!(value, Cell::Empty) {
                ws.write_blank(row, 1, &values.text)?;
            } else {
                write_cell(ws, row, 1, value, &values)?;
            }
            row += 1;
        }
    }
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ColumnSpec;
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;
    use std::time::Instant;

    fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
        Xlsx::new(Cursor::new(bytes)).expect("valid xlsx")
    }

    fn first_sheet(bytes: Vec<u8>) -> (String, calamine::Range<Data>) {
        let mut book = open(bytes);
        let name = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&name).expect("sheet");
        (name, range)
    }

    fn cols(names: &[&str]) -> Vec<ColumnSpec> {
        names
            .iter()
            .map(|h| ColumnSpec {
                header: h.to_string(),
                width: 12,
            })
            .collect()
    }

    fn text(d: &Data) -> &str {
        match d {
            Data::String(s) => s,
            other => panic!("expected text, got {other:?}"),
        }
    }

    fn float(d: &Data) -> f64 {
        match d {
            Data::Float(f) => *f,
            Data::Int(i) => *i as f64,
            other => panic!("expected a number, got {other:?}"),
        }
    }

    fn is_date(d: &Data) -> bool {
        matches!(d, Data::DateTime(_) | Data::DateTimeIso(_))
    }

    #[test]
    fn neutralise_prefixes_formula_triggers() {
        for s in [
            "=1+1", "+86", "-1+2", "@SUM(1)", "\tx", "\rx", "'=x", "''-1",
        ] {
            assert_eq!(neutralise(s), format!("'{s}"), "{s:?}");
            assert_eq!(deneutralise(&neutralise(s)), s);
        }
        for s in ["", "abc", "华为", "1-2", " =x", "'abc", "'", "''"] {
            assert!(matches!(neutralise(s), Cow::Borrowed(_)), "{s:?}");
            assert_eq!(deneutralise(s), s);
        }
    }

    #[test]
    fn sheet_names_follow_excel_rules() {
        assert_eq!(sheet_name("产品资料"), "产品资料");
        assert_eq!(sheet_name("a/b:c[d]*e?f\\g"), "a_b_c_d__e_f_g");
        assert_eq!(sheet_name("'quoted'"), "quoted");
        assert_eq!(sheet_name("  "), "Sheet1");
        assert_eq!(sheet_name("History"), "History_");
        let long = "客".repeat(40);
        assert_eq!(sheet_name(&long).chars().count(), 31);
        // Astral characters count as two UTF-16 units.
        assert!(sheet_name(&"😀".repeat(20)).encode_utf16().count() <= 31);
    }

    #[test]
    fn list_round_trips_through_calamine() {
        let spec = TableSpec {
            title: "客户列表".into(),
            columns: cols(&[
                "名称", "数量", "单价", "金额", "比例", "日期", "时间", "启用", "备注", "空",
            ]),
        };
        // 2024-03-05 16:30 UTC == 2024-03-06 00:30 in UTC+8.
        let ms = chrono::NaiveDate::from_ymd_opt(2024, 3, 5)
            .unwrap()
            .and_hms_opt(16, 30, 0)
            .unwrap()
            .and_utc()
            .timestamp_millis();
        let rows = vec![
            vec![
                Cell::Text("华为技术有限公司".into()),
                Cell::Integer(42),
                Cell::Number(3.25),
                Cell::Money(123_450),
                Cell::Percent(12.5),
                Cell::Date("2024-01-31".into()),
                Cell::DateTime(ms),
                Cell::Bool(true, "是".into()),
                Cell::Text("=HYPERLINK(\"http://x\",\"y\")".into()),
                Cell::Empty,
            ],
            vec![
                Cell::Text("@SUM(1)".into()),
                Cell::Integer(-7),
                Cell::Number(-0.5),
                Cell::Money(-1),
                Cell::Percent(0.0),
                Cell::Date("not a date".into()),
                Cell::Empty,
                Cell::Bool(false, "否".into()),
                Cell::Text("-1+2".into()),
                Cell::Text("+8613800000000".into()),
            ],
        ];
        let bytes = list_xlsx(&spec, rows).unwrap();
        let (name, range) = first_sheet(bytes);
        assert_eq!(name, "客户列表");
        assert_eq!(range.start(), Some((0, 0)));

        let headers: Vec<&str> = (0..10).map(|c| text(&range[(0, c)])).collect();
        assert_eq!(
            headers,
            [
                "名称", "数量", "单价", "金额", "比例", "日期", "时间", "启用", "备注", "空"
            ]
        );

        let r = 1;
        assert_eq!(text(&range[(r, 0)]), "华为技术有限公司");
        assert!(matches!(range[(r, 1)], Data::Float(_) | Data::Int(_)));
        assert_eq!(float(&range[(r, 1)]), 42.0);
        assert_eq!(float(&range[(r, 2)]), 3.25);
        assert_eq!(float(&range[(r, 3)]), 1234.5);
        assert_eq!(float(&range[(r, 4)]), 12.5);
        assert!(is_date(&range[(r, 5)]), "{:?}", range[(r, 5)]);
        match &range[(r, 5)] {
            Data::DateTime(d) => {
                let (y, m, day, ..) = d.to_ymd_hms_milli();
                assert_eq!((y, m, day), (2024, 1, 31));
            }
            other => panic!("{other:?}"),
        }
        match &range[(r, 6)] {
            Data::DateTime(d) => {
                let (y, mo, da, h, mi, _, _) = d.to_ymd_hms_milli();
                assert_eq!((y, mo, da, h, mi), (2024, 3, 6, 0, 30));
            }
            other => panic!("expected datetime, got {other:?}"),
        }
        assert_eq!(text(&range[(r, 7)]), "是");
        assert_eq!(text(&range[(r, 8)]), "'=HYPERLINK(\"http://x\",\"y\")");
        assert_eq!(range[(r, 9)], Data::Empty);

        let r = 2;
        assert_eq!(text(&range[(r, 0)]), "'@SUM(1)");
        assert_eq!(float(&range[(r, 1)]), -7.0);
        assert_eq!(float(&range[(r, 2)]), -0.5);
        assert_eq!(float(&range[(r, 3)]), -0.01);
        assert_eq!(float(&range[(r, 4)]), 0.0);
        assert_eq!(text(&range[(r, 5)]), "not a date");
        assert_eq!(range[(r, 6)], Data::Empty);
        assert_eq!(text(&range[(r, 7)]), "否");
        assert_eq!(text(&range[(r, 8)]), "'-1+2");
        assert_eq!(text(&range[(r, 9)]), "'+8613800000000");

        // No formula anywhere.
        let mut book = open(list_xlsx(&spec, Vec::<Vec<Cell>>::new()).unwrap());
        let formulas = book.worksheet_formula("客户列表").unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    }

    /// Unzips one part of an xlsx (rust_xlsxwriter output is a zip).
    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut file = zip.by_name(name).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut file, &mut s).unwrap();
        s
    }

    #[test]
    fn list_layout_freeze_filter_widths_formats() {
        let spec = TableSpec {
            title: "产品资料".into(),
            columns: vec![
                ColumnSpec {
                    header: "名称".into(),
                    width: 2,
                },
                ColumnSpec {
                    header: "描述".into(),
                    width: 200,
                },
                ColumnSpec {
                    header: "比例".into(),
                    width: 10,
                },
            ],
        };
        let rows = (0..3).map(|i| {
            vec![
                Cell::Text(format!("产品{i}")),
                Cell::Text("说明".into()),
                Cell::Percent(12.5),
                Cell::Money(100),
                Cell::Date("2024-01-01".into()),
            ]
        });
        let bytes = list_xlsx(&spec, rows).unwrap();
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains(r#"state="frozen""#), "{sheet}");
        assert!(sheet.contains(r#"topLeftCell="A2""#));
        assert!(sheet.contains(r#"<autoFilter ref="A1:C4""#), "{sheet}");
        // Widths clamped to 6..60 (Excel stores width + padding).
        assert!(sheet.contains(r#"width="6.7109375""#), "{sheet}");
        assert!(sheet.contains(r#"width="60.7109375""#), "{sheet}");
        // Constant-memory mode writes inline strings.
        assert!(sheet.contains(r#"t="inlineStr""#));
        let styles = part(&bytes, "xl/styles.xml");
        assert!(
            styles.contains(r#"formatCode="0.0#&quot;%&quot;""#),
            "{styles}"
        );
        assert!(styles.contains(r##"formatCode="#,##0.00""##), "{styles}");
        assert!(styles.contains(r#"formatCode="yyyy-mm-dd""#));
        assert!(styles.contains(r#"<b/>"#));
        assert!(styles.contains(r#"patternType="solid""#));
        let workbook = part(&bytes, "xl/workbook.xml");
        assert!(workbook.contains("_xlnm._FilterDatabase"));
    }

    #[test]
    fn list_with_no_rows_or_columns() {
        let spec = TableSpec {
            title: String::new(),
            columns: vec![],
        };
        let (name, range) = first_sheet(list_xlsx(&spec, Vec::<Vec<Cell>>::new()).unwrap());
        assert_eq!(name, "Sheet1");
        assert!(range.is_empty());
    }

    #[test]
    fn overlong_text_is_clipped_not_an_error() {
        let spec = TableSpec {
            title: "长文本".into(),
            columns: cols(&["备注"]),
        };
        let long = "长".repeat(40_000);
        let (_, range) = first_sheet(list_xlsx(&spec, vec![vec![Cell::Text(long)]]).unwrap());
        assert_eq!(text(&range[(1, 0)]).chars().count(), MAX_CELL_TEXT);
    }

    #[test]
    fn large_list_streams() {
        const ROWS: usize = 100_000;
        let spec = TableSpec {
            title: "大数据".into(),
            columns: cols(&["编号", "名称", "金额", "日期", "备注"]),
        };
        let rows = (0..ROWS).map(|i| {
            vec![
                Cell::Integer(i as i64),
                Cell::Text(format!("客户{i}")),
                Cell::Money(i as i64 * 101),
                Cell::Date("2024-05-01".into()),
                Cell::Text(if i % 2 == 0 {
                    "=1+1".into()
                } else {
                    "备注".into()
                }),
            ]
        });
        let started = Instant::now();
        let bytes = list_xlsx(&spec, rows).unwrap();
        let took = started.elapsed();
        eprintln!(
            "list_xlsx: {ROWS} rows x 5 columns -> {} bytes in {took:?}",
            bytes.len()
        );
        let (_, range) = first_sheet(bytes);
        assert_eq!(range.height(), ROWS + 1);
        assert_eq!(float(&range[(ROWS, 0)]), (ROWS - 1) as f64);
        assert_eq!(text(&range[(ROWS - 1, 4)]), "'=1+1");
    }

    #[test]
    fn record_round_trips_through_calamine() {
        let sections = vec![
            RecordSection {
                heading: "基本信息".into(),
                fields: vec![
                    ("客户名称".into(), Cell::Text("华为技术有限公司".into())),
                    ("合同金额".into(), Cell::Money(123_450)),
                    ("签约日期".into(), Cell::Date("2024-01-31".into())),
                    ("备注".into(), Cell::Text("=cmd|' /C calc'!A0".into())),
                    ("空字段".into(), Cell::Empty),
                ],
            },
            RecordSection {
                heading: "其他".into(),
                fields: vec![
                    ("折扣".into(), Cell::Percent(7.5)),
                    ("启用".into(), Cell::Bool(true, "是".into())),
                    ("+危险标签".into(), Cell::Integer(3)),
                ],
            },
        ];
        let bytes = record_xlsx("客户：华为/深圳", &sections).unwrap();
        let (name, range) = first_sheet(bytes.clone());
        assert_eq!(name, "客户：华为_深圳");
        assert_eq!(text(&range[(0, 0)]), "客户：华为/深圳");
        assert_eq!(range[(1, 0)], Data::Empty);
        assert_eq!(text(&range[(2, 0)]), "基本信息");
        assert_eq!(text(&range[(3, 0)]), "客户名称");
        assert_eq!(text(&range[(3, 1)]), "华为技术有限公司");
        assert_eq!(text(&range[(4, 0)]), "合同金额");
        assert_eq!(float(&range[(4, 1)]), 1234.5);
        assert!(is_date(&range[(5, 1)]));
        assert_eq!(text(&range[(6, 1)]), "'=cmd|' /C calc'!A0");
        assert_eq!(text(&range[(7, 0)]), "空字段");
        assert_eq!(range[(7, 1)], Data::Empty);
        assert_eq!(range[(8, 0)], Data::Empty);
        assert_eq!(text(&range[(9, 0)]), "其他");
        assert_eq!(float(&range[(10, 1)]), 7.5);
        assert_eq!(text(&range[(11, 1)]), "是");
        assert_eq!(text(&range[(12, 0)]), "'+危险标签");
        assert_eq!(float(&range[(12, 1)]), 3.0);

        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains(r#"width="20.7109375""#), "{sheet}");
        assert!(sheet.contains(r#"width="80.7109375""#));
        assert!(!sheet.contains("<f>"));
        let styles = part(&bytes, "xl/styles.xml");
        assert!(styles.contains(r#"wrapText="1""#));
        assert!(styles.contains(r#"<sz val="16"/>"#));
    }
}
