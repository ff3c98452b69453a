//! The English side of pm_crmgen's messages (`--lang en`), variant for
//! variant beside the Japanese wording of `messages.rs`, which stays the
//! default so that scripts grepping the original's output keep working.

use super::messages::Msg;
use super::text::column_label;

fn col(pos: usize) -> String {
    column_label(pos).replacen("列", "column ", 1)
}

impl Msg {
    pub fn text_en(&self) -> String {
        use Msg::*;
        match self {
            FormatError => "A format error was found.".into(),
            UndefinedTable { marker, col: c } => {
                format!("Undefined table header [{}] ({}).", marker, col(*c))
            }
            NoTableHeader => "No table header is set.".into(),
            PrimitiveTableWrong => "The Primitive resource table is not defined correctly.".into(),
            AlertTableWrong => "The Alert table is not defined correctly.".into(),
            ColumnMissing(name) => format!("Column '{}' is not set.", name),
            ColumnDuplicate { name, first, again } => format!(
                "Column '{}' is set more than once. ({} and {})",
                name,
                col(*first),
                col(*again)
            ),
            ColumnUndefined { name, col: c } => {
                format!("Undefined column [{}] ({}).", name, col(*c))
            }
            ColumnNonAscii { name, col: c } => format!(
                "A column header contains full-width characters. [{}] ({})",
                name,
                col(*c)
            ),
            ResourceTableWrong => "The resource table is not defined correctly.".into(),
            ValueNonAscii { value, col: c } => format!(
                "A value contains full-width characters. [{}] ({})",
                value,
                col(*c)
            ),
            InvalidValue { value, col: c } => {
                format!("Invalid value [{}] ({}).", value, col(*c))
            }
            NoValue(column) => format!("Column '{}' has no value.", column),
            NoValueSince { column, line } => {
                format!("Column '{}' has no value. (row {})", column, line)
            }
            HasValue(column) => format!("Column '{}' has a value.", column),
            DuplicateItem {
                context,
                name,
                line,
            } => format!(
                "Item (column 'name'{}) [{}] is already set. (row {})",
                context, name, line
            ),
            UndefinedParamKind { label, value } => {
                format!("Undefined parameter kind [{}: {}].", label, value)
            }
            SeveralResourceItems => "More than one 'resourceItem' column has a value.".into(),
            UndefinedResourceKind(v) => format!("Undefined resource kind [type: {}].", v),
            StructureWrong => "The 'resourceItem' columns (resource structure) are wrong.".into(),
            KindNestingWrong => "The resource kind ('resourceItem' column) is wrong.".into(),
            ResourceDefined { id, line } => {
                format!("The resource [id: {}] is already set. (row {})", id, line)
            }
            ResourceNotFound { id, kind } => format!(
                "The {} resource [id: {}] is not in the resource table.",
                kind, id
            ),
            PrimitiveTableDefined { id, line } => format!(
                "The Primitive resource table of [id: {}] is already set. (row {})",
                id, line
            ),
            NoResourceId => "The table has no resource id (no value in column 'id').".into(),
            PingResourceUnknown { attr, prefix } => format!(
                "Cannot tell which {} resource sets the parameter [(name=) {}].",
                prefix, attr
            ),
            LocationRuleDuplicate {
                col: c,
                line,
                first_col,
            } => format!(
                "A constraint from {} is already given. (row {}, {})",
                col(*c),
                line,
                col(*first_col)
            ),
            LocationOnlyRsc => {
                "Only the resource id of the location constraint (column 'rsc') is set.".into()
            }
            SameConstraint(line) => format!("The same values are already given. (row {})", line),
            NoPrecedingRecipient => "The 'recipient' column above has no value.".into(),
            NoPath => "Column 'path' of this table has no value.".into(),
            PrimitiveTableMissing { id, line } => format!(
                "The Primitive resource table of [id: {}] is not set. (row {})",
                id, line
            ),
            EmptyContainer { kind, id, line } => format!(
                "The {} resource [id: {}] holds no resource. (row {})",
                kind, id, line
            ),
            NoValidData => "The CSV file is not valid. (It holds no valid data.)".into(),
            NoScoreToContinue => "Column 'score' has no value.".into(),
            PcsTableWrong(t) => format!("The {} is not defined correctly", en_table(t)),
            PcsUndefinedTable { marker, col: c } => {
                format!("[{}] ({}) is not a valid table header", marker, col(*c))
            }
            PcsNoTableHeader => "No table header is set".into(),
            PcsColumnMissing(name) => format!("Column '{}' is not set", name),
            PcsColumnDuplicate { name, first, again } => format!(
                "Column '{}' is set more than once ({} and {})",
                name,
                col(*first),
                col(*again)
            ),
            PcsColumnInvalid { name, col: c } => {
                format!("[{}] ({}) is not a valid column", name, col(*c))
            }
            PcsNoValue(c) => format!("Column '{}' has no value", c),
            PcsHasValue(w) => format!("{} has a value", w.replace("列", " column")),
            PcsInvalidValue {
                column,
                value,
                allowed,
            } => format!(
                "[{}] in column '{}' is not valid. Valid values are [{}]",
                value, column, allowed
            ),
            PcsAlreadySet { what, item, line } => format!(
                "{} of {} is already set in row {}",
                item.replace('値', "value "),
                what,
                line
            ),
            PcsSameLocation(w) => format!("The location constraint {} is already set", w),
            PcsStructureWrong => "The 'resourceItem' columns (resource structure) are wrong".into(),
            PcsKindNestingWrong => "The resource kind ('resourceItem' column) is wrong".into(),
            PcsResourceNotFound { id, kind } => format!(
                "The {} resource [id: {}] is not in the resource table",
                kind, id
            ),
            PcsTableMissing { id, table } => {
                format!("The {} of [id: {}] is not set", en_table(table), id)
            }
            PcsEmptyContainer { kind, id } => {
                format!("The {} resource [id: {}] holds no resource", kind, id)
            }
            PcsNoValidData => "No valid data is set".into(),
            PcsLevelRenumbered { node, level, number } => format!(
                "Level '{}' of node {} ('level' column) is written as level {} (crm's fencing_topology numbers each node's levels from 1 in order)",
                level, node, number
            ),
            PcsCommandsNotConverted => "The pcs commands of ADDITIONAL_CONFIG cannot become crm commands; rewrite them as crm commands in the ADDITIONAL_CONFIG table of a pm_crmgen sheet".into(),
            PcsSheetFound => "Reading a pm_pcsgen sheet (for Pacemaker 2/3).".into(),
            PcsNoJson => "--json works for pm_crmgen sheets only (not for pm_pcsgen sheets).".into(),
            UnsupportedEncoding => "The character encoding of the CSV file is not supported.".into(),
            DecodeFailed => "Converting the data to Unicode failed.".into(),
            OpenFailed(p) => format!("Opening the file failed. [{}]", p),
            ReadFailed(p) => format!("Reading the file failed. [{}]", p),
            WriteFailed(p) => format!("Writing the crm file failed. [{}]", p),
            OutputIsInput(p) => format!(
                "The output file is the input file; the input is never overwritten. [{}]",
                p
            ),
            OutputRefused(p) => format!("The output file cannot be written. [{}]", p),
            StdoutFailed => "Writing the crm commands failed. [stdout]".into(),
            XmlCompileFailed => "The generated crm commands do not convert to CIB XML.".into(),
            XmlWriteFailed(p) => format!("Writing the CIB XML file failed. [{}]", p),
            ReverseAdditional(ids) => format!(
                "Settings no table of the sheet can hold [{}] went to the ADDITIONAL_CONFIG table as crm commands.",
                ids
            ),
            ReverseSheetComment => "Below are settings no table of the sheet can hold, as crm commands in the ADDITIONAL_CONFIG table. (pm_crmgen --reverse)".into(),
            CibReadFailed(p) => format!("Reading the CIB failed. [{}]", p),
            NoConfiguration => "The CIB has no <configuration>.".into(),
            EncodingUnknown(w) => format!(
                "Unsupported character encoding [{}]. (utf8 or sjis)",
                w
            ),
            EncodeFailed(c) => format!(
                "The character [{}] has no Shift_JIS form. (write with --encoding utf8)",
                c
            ),
            SheetWriteFailed(p) => format!("Writing the sheet failed. [{}]", p),
            XlsxFailed(e) => format!("Making the xlsx file failed. ({})", e),
            Raw(s) => s.clone(),
            CommandLine(s) => format!("Command line [{}]", s),
            SheetNotFound(s) => format!("The workbook has no sheet [{}].", s),
            WorkbookMalformed => "The workbook is malformed. (reading it failed)".into(),
            UncachedFormula { cell, formula } => format!(
                "The formula [={}] of cell [{}] has no saved value; it reads as empty. (open and save it again in Excel)",
                formula, cell
            ),
            ErrorCell { cell, value } => format!(
                "Cell [{}] holds the error value [{}]; its text is used as is.",
                cell, value
            ),
            NoTableSheet => "No sheet of the workbook holds a table header.".into(),
            WorkbookFailed(s) => format!("Reading the workbook failed. ({})", s),
            WorkbookTooLarge {
                sheet,
                cell,
                rows,
                cols,
                limit,
            } => format!(
                "The cell range of sheet [{}] is too large. (A1 to [{}]: {} rows x {} columns; at most {} cells are read, inside Excel's limit XFD1048576)",
                sheet, cell, rows, cols, limit
            ),
            GenerateStart => "Generating the crm file.".into(),
            CsvToXml => "[ CSV -> XML ] starts.".into(),
            Encoding(e) => format!("Character encoding of the CSV file [{}]", e),
            EmptyLine => "An empty line.".into(),
            CommentLine => "A comment line.".into(),
            ColumnAText => "Column A holds text not starting with #.".into(),
            NoDataLine => "A line without data.".into(),
            TableHeader => "Reading a table header.".into(),
            ModeSet(m) => format!("Mode set to [{}].", m),
            SubModeSet(s) => format!("Sub-mode set to [{}].", s),
            SubModeSkipped(s) => format!("Sub-mode [{}] skipped after an error.", s),
            SkipToNextTable => "Skipping to the next table header.".into(),
            ColumnHeader => "Reading a column header.".into(),
            NoRealData => "No data is set.".into(),
            ProcessingTable(t) => format!("Processing the data of the {}.", en_table(t)),
            XmlDump => "XML (made from the CSV data):".into(),
            XmlToCrm => "[ XML -> crm commands ] starts.".into(),
            GenerateEnd => "The crm file is generated.".into(),
        }
    }
}

/// English name of a table caption of the Japanese catalogue.
fn en_table(caption: &str) -> &str {
    match caption {
        "クラスタ・ノード表" => "cluster node table",
        "クラスタ・プロパティ表" => "cluster property table",
        "リソース・デフォルト表" => "resource defaults table",
        "オペレーション・デフォルト表" => "operation defaults table",
        "リソース構成表" => "resource table",
        "リソース構成パラメータ表" => "resource attributes table",
        "Primitiveリソース表" => "Primitive resource table",
        "STONITHリソース表" => "STONITH resource table",
        "STONITHの実行順序表" => "STONITH level table",
        "リソース配置制約(ノード)表" => "location (node) table",
        "リソース配置制約(ルール)表" => "location (rule) table",
        "リソース配置制約表" => "location table",
        "リソース配置制約（エキスパート）表" => "location (expert) table",
        "リソース同居制約表" => "colocation table",
        "リソース起動順序制約表" => "order table",
        "リソースチケット制約表" => "ticket table",
        "追加設定表" => "additional config table",
        "Alert設定表" => "alert table",
        other => other,
    }
}

/// Last stderr line of a run that failed after option parsing.
pub const ABORTING: &str = "An error occurred while generating the crm file. Stopped.\n";
/// Last stderr line of a run that only warned, at verbosity 0.
pub const WARNINGS_HIDDEN: &str = "There are warnings. Give the '-V' option to see them.\n";
pub const NO_CSV_FILE: &str = "No CSV file is given.\n\n";
pub const SEVERAL_CSV_FILES: &str = "More than one CSV file is given.\n\n";
pub const FILE_NAME_NOT_UNICODE: &str = "Converting the file name to Unicode failed.\n";
