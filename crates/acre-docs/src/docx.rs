//! DOCX export of lists (one table) and of single records (label/value
//! tables per section), laid out for A4 with Chinese fonts.
//!
//! docx-rs has no API for two things Word needs here, so the generated XML
//! parts are patched before zipping:
//! - `w:tblHeader` (repeat the header row on every page): header rows are
//!   built with `w:cantSplit`, which no other row uses, and get `w:tblHeader`
//!   added next to it;
//! - `w:lang` (`w:eastAsia="zh-CN"`) in the document defaults.
//!
//! Both markers are inserted where docx-rs itself writes markup, never inside
//! text (text is XML-escaped, so it cannot contain `<`).

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, Docx, Header, LineSpacing, PageMargin, PageOrientationType,
    Paragraph, Run, RunFonts, Shading, Style, StyleType, Table, TableBorder, TableBorderPosition,
    TableBorders, TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

use crate::{DocError, TableSpec};

/// A4 in twentieths of a point.
const A4_SHORT: u32 = 11_906;
const A4_LONG: u32 = 16_838;
/// 1.5 cm.
const MARGIN: i32 = 851;
/// 0.75 cm from the page edge to the header/footer.
const HEADER_DISTANCE: i32 = 425;
/// Lists with more columns than this are laid out in landscape.
const PORTRAIT_MAX_COLUMNS: usize = 6;

const HEADER_SHADE: &str = "D9E1F2";
const LABEL_SHADE: &str = "F2F2F2";
const BORDER_COLOR: &str = "808080";

const TITLE_STYLE: &str = "Heading1";
const SECTION_STYLE: &str = "Heading2";

/// Body text, 10.5 pt (五号), in half-points.
const BODY_SIZE: usize = 21;
/// Table text in wide (landscape) lists, 9 pt (小五).
const SMALL_SIZE: usize = 18;

/// Latin text in Calibri, Chinese in SimSun (宋体).
fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii("Calibri")
        .hi_ansi("Calibri")
        .cs("Calibri")
        .east_asia("SimSun")
        .hint("eastAsia")
}

/// A document with Chinese defaults, A4 page and 1.5 cm margins.
fn base(landscape: bool) -> Docx {
    let heading = |id: &str, name: &str, size: usize, level: usize, before: u32| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .bold()
            .size(size)
            .fonts(fonts())
            .outline_lvl(level)
            .line_spacing(LineSpacing::new().before(before).after(120))
    };
    let docx = Docx::new()
        .default_fonts(fonts())
        .default_size(BODY_SIZE)
        .add_style(heading(TITLE_STYLE, "heading 1", 32, 0, 0))
        .add_style(heading(SECTION_STYLE, "heading 2", 26, 1, 240))
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(HEADER_DISTANCE)
                .footer(HEADER_DISTANCE)
                .gutter(0),
        );
    if landscape {
        docx.page_size(A4_LONG, A4_SHORT)
            .page_orient(PageOrientationType::Landscape)
    } else {
        docx.page_size(A4_SHORT, A4_LONG)
    }
}

/// Width available for text between the margins, in twips.
fn content_width(landscape: bool) -> usize {
    let page = if landscape { A4_LONG } else { A4_SHORT };
    page as usize - 2 * MARGIN as usize
}

/// Removes characters XML 1.0 cannot carry (control characters other than
/// tab and newline).
fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || !(c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        })
        .collect()
}

/// One paragraph holding `text`; line breaks become `w:br`.
fn paragraph(text: &str, bold: bool, size: Option<usize>) -> Paragraph {
    let text = xml_safe(text).replace("\r\n", "\n").replace('\r', "\n");
    let mut run = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        if !line.is_empty() {
            run = run.add_text(line);
        }
    }
    if bold {
        run = run.bold();
    }
    if let Some(size) = size {
        run = run.size(size);
    }
    Paragraph::new().add_run(run)
}

fn heading(text: &str, style: &str) -> Paragraph {
    paragraph(text, false, None).style(style).keep_next(true)
}

fn cell(p: Paragraph, width: usize, shade: Option<&str>) -> TableCell {
    let c = TableCell::new()
        .add_paragraph(p)
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center);
    match shade {
        Some(fill) => c.shading(Shading::new().fill(fill)),
        None => c,
    }
}

fn borders() -> TableBorders {
    use TableBorderPosition::*;
    [Top, Left, Bottom, Right, InsideH, InsideV]
        .into_iter()
        .fold(TableBorders::new(), |b, pos| {
            b.set(TableBorder::new(pos).size(4).color(BORDER_COLOR))
        })
}

fn table(rows: Vec<TableRow>, grid: Vec<usize>) -> Table {
    let total = grid.iter().sum();
    Table::new(rows)
        .set_grid(grid)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(borders())
}

/// Splits `total` twips between columns in proportion to their width hints.
fn grid(hints: &[u16], total: usize) -> Vec<usize> {
    let hints: Vec<usize> = hints.iter().map(|&w| usize::from(w.clamp(4, 60))).collect();
    let sum: usize = hints.iter().sum::<usize>().max(1);
    let mut widths: Vec<usize> = hints.iter().map(|h| total * h / sum).collect();
    // Give the rounding remainder to the last column.
    if let Some(last) = widths.last_mut() {
        *last += total - hints.iter().map(|h| total * h / sum).sum::<usize>();
    }
    widths
}

/// Builds the parts, applies the two patches and zips them.
fn pack(docx: Docx) -> Result<Vec<u8>, DocError> {
    let mut xml = docx.build();
    let document = String::from_utf8(std::mem::take(&mut xml.document))
        .map_err(|e| DocError::Write(e.to_string()))?;
    xml.document = document
        .replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />")
        .into_bytes();
    let styles = String::from_utf8(std::mem::take(&mut xml.styles))
        .map_err(|e| DocError::Write(e.to_string()))?;
    xml.styles = styles
        .replacen(
            "</w:rPr></w:rPrDefault>",
            r#"<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA" /></w:rPr></w:rPrDefault>"#,
            1,
        )
        .into_bytes();
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| DocError::Write(e.to_string()))?;
    Ok(out.into_inner())
}

/// A list export: the title as a heading and one table whose bold, shaded
/// header row repeats on every page. A4 landscape for more than six
/// columns, portrait otherwise. Rows are padded/cut to the column count.
pub fn list_docx<I: IntoIterator<Item = Vec<String>>>(
    spec: &TableSpec,
    rows: I,
) -> Result<Vec<u8>, DocError> {
    let ncols = spec.columns.len();
    let landscape = ncols > PORTRAIT_MAX_COLUMNS;
    let size = landscape.then_some(SMALL_SIZE);
    let hints: Vec<u16> = spec.columns.iter().map(|c| c.width).collect();
    let widths = grid(&hints, content_width(landscape));

    let mut docx = base(landscape).add_paragraph(heading(&spec.title, TITLE_STYLE));
    if ncols > 0 {
        let header = TableRow::new(
            spec.columns
                .iter()
                .zip(&widths)
                .map(|(c, &w)| {
                    cell(
                        paragraph(&c.header, true, size).align(AlignmentType::Center),
                        w,
                        Some(HEADER_SHADE),
                    )
                })
                .collect(),
        )
        .cant_split();
        let mut table_rows = vec![header];
        for row in rows {
            let mut texts = row.into_iter();
            let cells = widths
                .iter()
                .map(|&w| {
                    cell(
                        paragraph(&texts.next().unwrap_or_default(), false, size),
                        w,
                        None,
                    )
                })
                .collect();
            table_rows.push(TableRow::new(cells));
        }
        docx = docx.add_table(table(table_rows, widths));
    }
    pack(docx)
}

/// A single-record export: the title as a heading, then every section as a
/// heading followed by a two-column label/value table (labels shaded, 30 %).
pub fn record_docx(
    title: &str,
    sections: &[(String, Vec<(String, String)>)],
) -> Result<Vec<u8>, DocError> {
    let total = content_width(false);
    let label_width = total * 3 / 10;
    let widths = vec![label_width, total - label_width];

    let mut docx = base(false).add_paragraph(heading(title, TITLE_STYLE));
    for (name, fields) in sections {
        if !name.is_empty() {
            docx = docx.add_paragraph(heading(name, SECTION_STYLE));
        }
        if fields.is_empty() {
            continue;
        }
        let rows = fields
            .iter()
            .map(|(label, value)| {
                TableRow::new(vec![
                    cell(paragraph(label, true, None), widths[0], Some(LABEL_SHADE)),
                    cell(paragraph(value, false, None), widths[1], None),
                ])
            })
            .collect();
        docx = docx.add_table(table(rows, widths.clone()));
    }
    pack(docx)
}

/// A piece of a generated document.
pub enum Block {
    Paragraph(String),
    /// Headers and rows, the header row bold and shaded.
    Table(Vec<String>, Vec<Vec<String>>),
    /// Label/value pairs, two to a row (labels bold and shaded): a quote's
    /// customer, number, dates.
    Pairs(Vec<(String, String)>),
    /// A bold line aligned right: a total.
    Total(String),
}

/// A generated document (a contract from its template): the title as a
/// heading, then paragraphs and tables in order. A4 portrait.
pub fn document_docx(title: &str, blocks: &[Block]) -> Result<Vec<u8>, DocError> {
    pack(add_blocks(base(false), title, blocks))
}

/// A document issued by the company (a quote): like `document_docx`, under a
/// letterhead repeated on every page — the company's name, large and bold,
/// and a line of its details.
pub fn letter_docx(
    company: &str,
    details: &str,
    title: &str,
    blocks: &[Block],
) -> Result<Vec<u8>, DocError> {
    let mut header = Header::new()
        .add_paragraph(paragraph(company, true, Some(32)).align(AlignmentType::Center));
    if !details.is_empty() {
        header = header.add_paragraph(
            paragraph(details, false, Some(SMALL_SIZE)).align(AlignmentType::Center),
        );
    }
    let docx = base(false).header(header);
    pack(add_blocks(docx, title, blocks))
}

fn add_blocks(docx: Docx, title: &str, blocks: &[Block]) -> Docx {
    let width = content_width(false);
    let mut docx = docx.add_paragraph(heading(title, TITLE_STYLE).align(AlignmentType::Center));
    for b in blocks {
        match b {
            Block::Paragraph(text) => docx = docx.add_paragraph(paragraph(text, false, None)),
            Block::Total(text) => {
                docx = docx.add_paragraph(paragraph(text, true, None).align(AlignmentType::Right))
            }
            Block::Pairs(pairs) => {
                let widths = grid(&[14, 36, 14, 36], width);
                let rows = pairs
                    .chunks(2)
                    .map(|two| {
                        let mut cells = Vec::with_capacity(4);
                        for i in 0..2 {
                            let (label, value) = two
                                .get(i)
                                .map(|(l, v)| (l.as_str(), v.as_str()))
                                .unwrap_or(("", ""));
                            cells.push(cell(
                                paragraph(label, true, None),
                                widths[2 * i],
                                Some(LABEL_SHADE),
                            ));
                            cells.push(cell(
                                paragraph(value, false, None),
                                widths[2 * i + 1],
                                None,
                            ));
                        }
                        TableRow::new(cells)
                    })
                    .collect();
                docx = docx.add_table(table(rows, widths));
            }
            Block::Table(headers, rows) => {
                let widths = grid(&vec![10; headers.len()], width);
                let mut table_rows = vec![
                    TableRow::new(
                        headers
                            .iter()
                            .zip(&widths)
                            .map(|(h, &w)| cell(paragraph(h, true, None), w, Some(HEADER_SHADE)))
                            .collect(),
                    )
                    .cant_split(),
                ];
                for row in rows {
                    table_rows.push(TableRow::new(
                        widths
                            .iter()
                            .enumerate()
                            .map(|(i, &w)| {
                                cell(
                                    paragraph(
                                        row.get(i).map(String::as_str).unwrap_or(""),
                                        false,
                                        None,
                                    ),
                                    w,
                                    None,
                                )
                            })
                            .collect(),
                    ));
                }
                docx = docx.add_table(table(table_rows, widths));
            }
        }
    }
    docx
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ColumnSpec;
    use std::io::Read;

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("docx is a zip");
        let mut file = zip.by_name(name).expect("part exists");
        let mut s = String::new();
        file.read_to_string(&mut s).unwrap();
        s
    }

    fn spec(n: usize) -> TableSpec {
        TableSpec {
            title: "客户列表 <script>&\"".into(),
            columns: (0..n)
                .map(|i| ColumnSpec {
                    header: format!("列{i}"),
                    width: 10 + i as u16,
                })
                .collect(),
        }
    }

    const NASTY: &str = "<script>alert('x')</script> & \"quoted\"";

    #[test]
    fn list_has_escaped_text_header_row_and_fonts() {
        let rows = vec![
            vec![
                "华为技术有限公司".to_string(),
                NASTY.to_string(),
                "1,234.50".into(),
            ],
            vec!["第一行\n第二行".to_string()],
        ];
        let bytes = list_docx(&spec(3), rows).unwrap();
        let doc = part(&bytes, "word/document.xml");

        assert!(doc.contains("华为技术有限公司"));
        assert!(doc.contains("&lt;script&gt;"), "{doc}");
        assert!(!doc.contains("<script>"));
        assert!(doc.contains("&amp;"));
        assert!(doc.contains("客户列表 &lt;script&gt;&amp;"));
        assert!(doc.contains("第一行</w:t>"));
        assert!(doc.contains(r#"<w:br w:type="textWrapping" />"#), "{doc}");

        // Exactly one repeating header row.
        assert_eq!(doc.matches("<w:tblHeader />").count(), 1);
        let header_at = doc.find("<w:tblHeader />").unwrap();
        assert!(header_at < doc.find("列0").unwrap());
        assert!(header_at < doc.find("华为").unwrap());
        assert!(doc.contains(r#"w:fill="D9E1F2""#));
        assert!(doc.contains("<w:b />"));
        assert!(doc.contains("<w:tblBorders>"));
        assert!(doc.contains(r#"<w:tblLayout w:type="fixed" />"#));
        // Short rows are padded: 3 rows x 3 cells.
        assert_eq!(doc.matches("<w:tc>").count(), 9);

        // Three columns: A4 portrait, 1.5 cm margins.
        assert!(!doc.contains(r#"w:orient="landscape""#));
        assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "{doc}");
        assert!(doc.contains(r#"w:left="851""#));

        let styles = part(&bytes, "word/styles.xml");
        assert!(styles.contains(r#"w:eastAsia="SimSun""#), "{styles}");
        assert!(styles.contains(r#"w:ascii="Calibri""#));
        assert!(styles.contains(r#"<w:lang w:val="en-US" w:eastAsia="zh-CN""#));
        assert!(styles.contains(r#"w:styleId="Heading1""#));
    }

    #[test]
    fn wide_list_is_landscape() {
        let rows = (0..5).map(|i| (0..7).map(|c| format!("{i}-{c}")).collect());
        let bytes = list_docx(&spec(7), rows).unwrap();
        let doc = part(&bytes, "word/document.xml");
        assert!(doc.contains(r#"w:orient="landscape""#), "{doc}");
        assert!(doc.contains(r#"<w:pgSz w:w="16838" w:h="11906""#));
        assert_eq!(doc.matches("<w:tblHeader />").count(), 1);
        assert_eq!(doc.matches("<w:tc>").count(), 7 * 6);
    }

    #[test]
    fn list_without_columns_is_just_a_title() {
        let bytes = list_docx(&spec(0), Vec::<Vec<String>>::new()).unwrap();
        let doc = part(&bytes, "word/document.xml");
        assert!(!doc.contains("<w:tbl>"));
        assert!(doc.contains("客户列表"));
    }

    #[test]
    fn control_characters_are_dropped() {
        let bytes = list_docx(&spec(1), vec![vec!["a\u{1}b\u{0}c".to_string()]]).unwrap();
        let doc = part(&bytes, "word/document.xml");
        assert!(doc.contains(">abc</w:t>"), "{doc}");
    }

    #[test]
    fn grid_is_proportional_and_fills_the_width() {
        let g = grid(&[10, 20, 10], 10_000);
        assert_eq!(g, vec![2500, 5000, 2500]);
        let g = grid(&[7, 7, 7], 10_000);
        assert_eq!(g.iter().sum::<usize>(), 10_000);
        assert_eq!(grid(&[], 10_000), Vec::<usize>::new());
    }

    #[test]
    fn record_has_sections_and_label_tables() {
        let sections = vec![
            (
                "基本信息".to_string(),
                vec![
                    ("客户名称".to_string(), "华为技术有限公司".to_string()),
                    ("备注".to_string(), NASTY.to_string()),
                ],
            ),
            (
                "联系人".to_string(),
                vec![("姓名".to_string(), "张三".to_string())],
            ),
            ("空".to_string(), vec![]),
        ];
        let bytes = record_docx("客户：华为", &sections).unwrap();
        let doc = part(&bytes, "word/document.xml");
        assert!(doc.contains("客户：华为"));
        assert!(doc.contains("基本信息"));
        assert!(doc.contains(r#"<w:pStyle w:val="Heading2" />"#), "{doc}");
        assert!(doc.contains("&lt;script&gt;alert("));
        assert!(!doc.contains("<script>"));
        assert_eq!(doc.matches("<w:tbl>").count(), 2);
        assert_eq!(doc.matches(r#"w:fill="F2F2F2""#).count(), 3);
        // Label column is 30 % of the portrait text width.
        let label = content_width(false) * 3 / 10;
        assert!(
            doc.contains(&format!(r#"<w:gridCol w:w="{label}""#)),
            "{doc}"
        );
        assert!(!doc.contains("<w:tblHeader />"));
        assert!(!doc.contains(r#"w:orient="landscape""#));
        let styles = part(&bytes, "word/styles.xml");
        assert!(styles.contains(r#"w:eastAsia="SimSun""#));
    }

    #[test]
    fn a_letter_has_the_company_in_its_header_and_escapes_text() {
        let blocks = [
            Block::Pairs(vec![
                ("客户".into(), NASTY.into()),
                ("报价单号".into(), "QT-20261127-0001".into()),
                ("报价日期".into(), "2026-11-27".into()),
            ]),
            Block::Table(
                vec!["品名".into(), "金额".into()],
                vec![vec!["ERP".into(), "1,000.00".into()]],
            ),
            Block::Total("含税总额：¥1,130.00".into()),
        ];
        let bytes = letter_docx("一亩软件有限公司", "电话 0755-0000", "报价单", &blocks).unwrap();
        let header = part(&bytes, "word/header1.xml");
        assert!(header.contains("一亩软件有限公司"), "{header}");
        assert!(header.contains("电话 0755-0000"));
        let doc = part(&bytes, "word/document.xml");
        assert!(doc.contains("报价单"));
        assert!(doc.contains("&lt;script&gt;"));
        assert!(!doc.contains("<script>"));
        // Three pairs: two rows of four cells; the lines: two rows of two.
        assert_eq!(doc.matches("<w:tc>").count(), 8 + 4);
        assert!(doc.contains(r#"<w:jc w:val="right" />"#), "{doc}");
    }
}
