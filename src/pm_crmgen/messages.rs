//! Every message text of pm_crmgen, in the original Japanese wording. Nothing else
//! in the module spells out a message, so the wording can be checked in one place.

use super::text::column_label;

/// One message of the catalogue (spec §10.2, §10.3). Column positions are 0-based
/// indexes; they are rendered as `列X`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    // --- format errors and warnings about the sheet -------------------------
    FormatError,
    UndefinedTable {
        marker: String,
        col: usize,
    },
    NoTableHeader,
    PrimitiveTableWrong,
    AlertTableWrong,
    ColumnMissing(String),
    ColumnDuplicate {
        name: String,
        first: usize,
        again: usize,
    },
    ColumnUndefined {
        name: String,
        col: usize,
    },
    ColumnNonAscii {
        name: String,
        col: usize,
    },
    ResourceTableWrong,
    ValueNonAscii {
        value: String,
        col: usize,
    },
    InvalidValue {
        value: String,
        col: usize,
    },
    NoValue(&'static str),
    NoValueSince {
        column: &'static str,
        line: usize,
    },
    HasValue(&'static str),
    DuplicateItem {
        context: String,
        name: String,
        line: usize,
    },
    UndefinedParamKind {
        label: &'static str,
        value: String,
    },
    SeveralResourceItems,
    UndefinedResourceKind(String),
    StructureWrong,
    KindNestingWrong,
    ResourceDefined {
        id: String,
        line: usize,
    },
    ResourceNotFound {
        id: String,
        kind: &'static str,
    },
    PrimitiveTableDefined {
        id: String,
        line: usize,
    },
    NoResourceId,
    PingResourceUnknown {
        attr: String,
        prefix: String,
    },
    LocationRuleDuplicate {
        col: usize,
        line: usize,
        first_col: usize,
    },
    LocationOnlyRsc,
    SameConstraint(usize),
    NoPrecedingRecipient,
    NoPath,
    PrimitiveTableMissing {
        id: String,
        line: usize,
    },
    EmptyContainer {
        kind: &'static str,
        id: String,
        line: usize,
    },
    NoValidData,
    /// Replaces a Python traceback of the original (continuation row after a pure
    /// `$id-ref` rule): there is no score to continue.
    NoScoreToContinue,
    // --- pm_pcsgen sheets, in pm_pcsgen's own wording -----------------------
    PcsTableWrong(&'static str),
    PcsUndefinedTable {
        marker: String,
        col: usize,
    },
    PcsNoTableHeader,
    PcsColumnMissing(String),
    PcsColumnDuplicate {
        name: String,
        first: usize,
        again: usize,
    },
    PcsColumnInvalid {
        name: String,
        col: usize,
    },
    PcsNoValue(String),
    PcsHasValue(String),
    PcsInvalidValue {
        column: String,
        value: String,
        allowed: String,
    },
    PcsAlreadySet {
        what: String,
        item: String,
        line: usize,
    },
    PcsSameLocation(String),
    PcsStructureWrong,
    PcsKindNestingWrong,
    PcsResourceNotFound {
        id: String,
        kind: String,
    },
    PcsTableMissing {
        id: String,
        table: &'static str,
    },
    PcsEmptyContainer {
        kind: &'static str,
        id: String,
    },
    PcsNoValidData,
    /// ADDITIONAL_CONFIG of a pm_pcsgen sheet holds pcs commands (our check).
    PcsCommandsNotConverted,
    /// STONITH_LEVEL: crm's `fencing_topology` numbers a node's levels 1, 2,
    /// ... in order, so a sheet level that is not that number becomes
    /// another one (pcs would keep it). Our check; pm_pcsgen has none.
    PcsLevelRenumbered {
        node: String,
        level: String,
        number: usize,
    },
    /// Debug trace: which sheet generation was found.
    PcsSheetFound,
    /// `--json` describes pm_crmgen's sheet model only.
    PcsNoJson,
    // --- file and system errors ---------------------------------------------
    UnsupportedEncoding,
    DecodeFailed,
    OpenFailed(String),
    ReadFailed(String),
    WriteFailed(String),
    /// `-o` names an input file (our check; the original overwrote it).
    OutputIsInput(String),
    /// `-o` names a file we may not replace (read-only, other owner, ...).
    OutputRefused(String),
    StdoutFailed,
    /// `-x`: the generated crm text did not compile to CIB XML.
    XmlCompileFailed,
    /// `-x PATH` could not be written.
    XmlWriteFailed(String),
    // --- CIB → sheet (our extension) -----------------------------------------
    /// The objects no table can say went to ADDITIONAL_CONFIG as crm text.
    ReverseAdditional(String),
    /// The comment row written above that ADDITIONAL_CONFIG table.
    ReverseSheetComment,
    CibReadFailed(String),
    NoConfiguration,
    EncodingUnknown(String),
    EncodeFailed(char),
    SheetWriteFailed(String),
    XlsxFailed(String),
    /// An OS or CSV error text, printed as is on its own ERROR line.
    Raw(String),
    CommandLine(String),
    // --- workbook input (our extension) --------------------------------------
    SheetNotFound(String),
    NoTableSheet,
    /// The workbook reader failed on a malformed file.
    WorkbookMalformed,
    /// A formula cell saved without its value: it reads as empty.
    UncachedFormula {
        cell: String,
        formula: String,
    },
    /// An error value (`#DIV/0!`) in a cell: its text is used.
    ErrorCell {
        cell: String,
        value: String,
    },
    WorkbookFailed(String),
    /// A sheet spanning more cells than pm_crmgen reads (or a cell beyond
    /// Excel's last row or column).
    WorkbookTooLarge {
        sheet: String,
        cell: String,
        rows: u64,
        cols: u64,
        limit: u64,
    },
    // --- debug trace -----------------------------------------------------------
    GenerateStart,
    CsvToXml,
    Encoding(&'static str),
    EmptyLine,
    CommentLine,
    ColumnAText,
    NoDataLine,
    TableHeader,
    ModeSet(&'static str),
    SubModeSet(char),
    SubModeSkipped(char),
    SkipToNextTable,
    ColumnHeader,
    NoRealData,
    ProcessingTable(&'static str),
    XmlDump,
    XmlToCrm,
    GenerateEnd,
}

impl Msg {
    pub fn text(&self) -> String {
        use Msg::*;
        match self {
            FormatError => "フォーマット・エラーが見つかりました。".into(),
            UndefinedTable { marker, col } => format!(
                "未定義の表ヘッダ [{}]({}) が設定されています。",
                marker,
                column_label(*col)
            ),
            NoTableHeader => "表ヘッダが設定されていません。".into(),
            PrimitiveTableWrong => "Primitiveリソース表の定義が正しくありません。".into(),
            AlertTableWrong => "Alert設定表の定義が正しくありません。".into(),
            ColumnMissing(name) => format!("'{}'列が設定されていません。", name),
            ColumnDuplicate { name, first, again } => format!(
                "'{}'列が複数設定されています。({}と{})",
                name,
                column_label(*first),
                column_label(*again)
            ),
            ColumnUndefined { name, col } => format!(
                "未定義の列 [{}]({}) が設定されています。",
                name,
                column_label(*col)
            ),
            ColumnNonAscii { name, col } => format!(
                "列定義に全角文字が含まれています。[{}]({})",
                name,
                column_label(*col)
            ),
            ResourceTableWrong => "リソース構成表の定義が正しくありません。".into(),
            ValueNonAscii { value, col } => format!(
                "設定値に全角文字が含まれています。[{}]({})",
                value,
                column_label(*col)
            ),
            InvalidValue { value, col } => format!(
                "無効な値 [{}]({}) が設定されています。",
                value,
                column_label(*col)
            ),
            NoValue(column) => format!("'{}'列に値が設定されていません。", column),
            NoValueSince { column, line } => {
                format!("'{}'列に値が設定されていません。({}行目)", column, line)
            }
            HasValue(column) => format!("'{}'列に値が設定されています。", column),
            DuplicateItem {
                context,
                name,
                line,
            } => format!(
                "項目 ('name'列{}) の値 [{}] は既に設定されています。({}行目)",
                context, name, line
            ),
            UndefinedParamKind { label, value } => format!(
                "未定義のパラメータ種別 [{}: {}] が設定されています。",
                label, value
            ),
            SeveralResourceItems => "複数の'resourceItem'列に値が設定されています。".into(),
            UndefinedResourceKind(v) => {
                format!("未定義のリソース種別 [type: {}] が設定されています。", v)
            }
            StructureWrong => "'resourceItem'列 (リソース構成) の設定に誤りがあります。".into(),
            KindNestingWrong => "リソース種別 ('resourceItem'列) の設定に誤りがあります。".into(),
            ResourceDefined { id, line } => {
                format!(
                    "[id: {}] のリソースは既に設定されています。({}行目)",
                    id, line
                )
            }
            ResourceNotFound { id, kind } => format!(
                "[id: {}] の{}リソースが「リソース構成表」に設定されていません。",
                id, kind
            ),
            PrimitiveTableDefined { id, line } => format!(
                "[id: {}] のPrimitiveリソース表は既に設定されています。({}行目)",
                id, line
            ),
            NoResourceId => "表に「リソースID」('id'列に値) が設定されていません。".into(),
            PingResourceUnknown { attr, prefix } => format!(
                "パラメータ [(name=) {}] を設定した「{}リソース」が特定できません。",
                attr, prefix
            ),
            LocationRuleDuplicate {
                col,
                line,
                first_col,
            } => format!(
                "{}の設定による制約は既に指定されています。({}行目、{})",
                column_label(*col),
                line,
                column_label(*first_col)
            ),
            LocationOnlyRsc => "配置制約対象のリソースID ('rsc'列) のみ設定されています。".into(),
            SameConstraint(line) => format!("同じ設定値が既に指定されています。({}行目)", line),
            NoPrecedingRecipient => "直前の'recipient'列に値が設定されていません。".into(),
            NoPath => "本表の'path'列に値が設定されていません。".into(),
            PrimitiveTableMissing { id, line } => format!(
                "[id: {}] の「Primitiveリソース表」が設定されていません。({}行目)",
                id, line
            ),
            EmptyContainer { kind, id, line } => format!(
                "{}リソース [id: {}] にリソースが設定されていません。({}行目)",
                kind, id, line
            ),
            NoValidData => "CSVファイルが不正です。(有効なデータが設定されていません。)".into(),
            NoScoreToContinue => "'score'列に値が設定されていません。".into(),
            PcsTableWrong(t) => format!("{}の定義が正しくありません", t),
            PcsUndefinedTable { marker, col } => {
                format!("「{}」({})は無効な表ヘッダです", marker, column_label(*col))
            }
            PcsNoTableHeader => "表ヘッダが設定されていません".into(),
            PcsColumnMissing(name) => format!("'{}'列が設定されていません", name),
            PcsColumnDuplicate { name, first, again } => format!(
                "'{}'列が複数設定されています({}と{})",
                name,
                column_label(*first),
                column_label(*again)
            ),
            PcsColumnInvalid { name, col } => {
                format!("「{}」({})は無効な列です", name, column_label(*col))
            }
            PcsNoValue(c) => format!("'{}'列に値が設定されていません", c),
            PcsHasValue(w) => format!("{}に値が設定されています", w),
            PcsInvalidValue {
                column,
                value,
                allowed,
            } => format!(
                "'{}'列の「{}」は無効な値です。有効な値は [{}] です",
                column, value, allowed
            ),
            PcsAlreadySet { what, item, line } => {
                format!("{}の{}は、既に{}行目で設定されています", what, item, line)
            }
            PcsSameLocation(w) => format!("{}のリソース配置制約は、既に設定されています", w),
            PcsStructureWrong => "'resourceItem'列 (リソース構成) の設定に誤りがあります".into(),
            PcsKindNestingWrong => "リソース種別('resourceItem'列)の設定に誤りがあります".into(),
            PcsResourceNotFound { id, kind } => format!(
                "「id: {}」の{}リソースがリソース構成表に設定されていません",
                id, kind
            ),
            PcsTableMissing { id, table } => format!("「id: {}」の{}が設定されていません", id, table),
            PcsEmptyContainer { kind, id } => {
                format!("{}リソース「id: {}」にリソースが設定されていません", kind, id)
            }
            PcsNoValidData => "有効なデータが設定されていません".into(),
            PcsLevelRenumbered { node, level, number } => format!(
                "ノード {} の'level'列の「{}」はレベル {} として出力されます (crm の fencing_topology はノードごとにレベルを 1 から順に番号付けします)",
                node, level, number
            ),
            PcsCommandsNotConverted => "追加設定表 (ADDITIONAL_CONFIG) のpcsコマンドはcrmコマンドに変換できません。crmコマンドに書き換えてpm_crmgenのシートの追加設定表に移してください".into(),
            PcsNoJson => "--json はpm_crmgenのシートにのみ使えます。(pm_pcsgenのシートには使えません)".into(),
            PcsSheetFound => "pm_pcsgenのシート (Pacemaker 2/3用) として読み込みます。".into(),
            UnsupportedEncoding => {
                "CSVファイルの文字エンコーディングが未対応のエンコーディングです。".into()
            }
            DecodeFailed => "データのUnicodeへの変換に失敗しました。".into(),
            OpenFailed(p) => format!("ファイルのオープンに失敗しました。[{}]", p),
            ReadFailed(p) => format!("ファイルの読み込みに失敗しました。[{}]", p),
            WriteFailed(p) => format!("crmファイルの出力に失敗しました。[{}]", p),
            OutputIsInput(p) => format!(
                "出力ファイルが入力ファイルと同じです。入力ファイルは上書きしません。[{}]",
                p
            ),
            OutputRefused(p) => format!("出力ファイルを書き込めません。[{}]", p),
            StdoutFailed => "crmコマンドの出力に失敗しました。[標準出力]".into(),
            XmlCompileFailed => "生成したcrmコマンドをCIB XMLに変換できません。".into(),
            XmlWriteFailed(p) => format!("CIB XMLファイルの出力に失敗しました。[{}]", p),
            ReverseAdditional(ids) => format!(
                "シートの表で表せない設定 [{}] は、crmコマンドのまま追加設定表 (ADDITIONAL_CONFIG) に出力しました。",
                ids
            ),
            ReverseSheetComment => "以下はシートの表で表せない設定です。crmコマンドのまま追加設定表 (ADDITIONAL_CONFIG) に出力しています。(pm_crmgen --reverse)".into(),
            CibReadFailed(p) => format!("CIBの読み込みに失敗しました。[{}]", p),
            NoConfiguration => "CIBに設定 (<configuration>) がありません。".into(),
            EncodingUnknown(w) => format!(
                "未対応の文字エンコーディング [{}] が指定されました。(utf8 または sjis)",
                w
            ),
            EncodeFailed(c) => format!(
                "文字 [{}] はShift_JISで表せません。(--encoding utf8 で出力してください)",
                c
            ),
            SheetWriteFailed(p) => format!("シートの出力に失敗しました。[{}]", p),
            XlsxFailed(e) => format!("xlsxファイルの作成に失敗しました。({})", e),
            Raw(s) => s.clone(),
            CommandLine(s) => format!("実行コマンドライン [{}]", s),
            SheetNotFound(s) => format!("シート [{}] がワークブックにありません。", s),
            WorkbookMalformed => "ワークブックの形式が壊れています。(読み込みに失敗しました)".into(),
            UncachedFormula { cell, formula } => format!(
                "セル [{}] の数式 [={}] に計算済みの値が保存されていません。空のセルとして読みます。(Excelで開いて保存し直してください)",
                cell, formula
            ),
            ErrorCell { cell, value } => format!(
                "セル [{}] はエラー値 [{}] です。その文字列をそのまま使います。",
                cell, value
            ),
            NoTableSheet => "表ヘッダを含むシートがワークブックにありません。".into(),
            WorkbookFailed(s) => format!("ワークブックの読み込みに失敗しました。({})", s),
            WorkbookTooLarge { sheet, cell, rows, cols, limit } => format!(
                "シート [{}] のセル範囲が大きすぎます。(A1 から [{}] まで {} 行 × {} 列。読み込めるのは {} セルまで、Excel の上限 XFD1048576 の内側です)",
                sheet, cell, rows, cols, limit
            ),
            GenerateStart => "crmファイル生成処理を開始します。".into(),
            CsvToXml => "[ CSV -> XML ]処理を開始します。".into(),
            Encoding(e) => format!("CSVファイルの文字エンコーディング [{}]", e),
            EmptyLine => "改行のみの行です。".into(),
            CommentLine => "コメントの行です。".into(),
            ColumnAText => "列Aに#以外から始まる文字列が設定されています。".into(),
            NoDataLine => "データなし行です。".into(),
            TableHeader => "表ヘッダ解析処理を開始します。".into(),
            ModeSet(m) => format!("処理モードを[{}]にセットしました。", m),
            SubModeSet(s) => format!("サブモードを[{}]にセットしました。", s),
            SubModeSkipped(s) => format!("エラー検知中のためサブモード[{}]はスキップします。", s),
            SkipToNextTable => "次の表ヘッダ行までスキップします。".into(),
            ColumnHeader => "列ヘッダ解析処理を開始します。".into(),
            NoRealData => "実データが設定されていません。".into(),
            ProcessingTable(t) => format!("{}のデータを処理します。", t),
            XmlDump => "XML (CSVデータから生成) を出力します。".into(),
            XmlToCrm => "[ XML -> crmコマンド ]処理を開始します。".into(),
            GenerateEnd => "crmファイル生成処理を終了します。".into(),
        }
    }
}

/// Last stderr line of a run that failed after option parsing.
pub const ABORTING: &str = "crmファイル生成中にエラーが発生しました。処理を中止します。\n";
/// Last stderr line of a run that only warned, at verbosity 0.
pub const WARNINGS_HIDDEN: &str =
    "警告が発生しています。警告のログを出力するには '-V' オプションを指定してください。\n";
pub const NO_CSV_FILE: &str = "CSVファイルが指定されていません。\n\n";
pub const SEVERAL_CSV_FILES: &str = "CSVファイルが複数指定されています。\n\n";
pub const FILE_NAME_NOT_UNICODE: &str = "ファイル名のUnicodeへの変換に失敗しました。\n";

/// Caption of each table in the debug trace ("processing data of table T").
pub fn table_caption(mode: &str) -> &'static str {
    match mode {
        "Node" => "クラスタ・ノード表",
        "Property" => "クラスタ・プロパティ表",
        "RscDefaults" => "リソース・デフォルト表",
        "OpDefaults" => "オペレーション・デフォルト表",
        "Resources" => "リソース構成表",
        "Attributes" => "リソース構成パラメータ表",
        "Primitive" => "Primitiveリソース表",
        "Location" => "リソース配置制約表",
        "LocExpert" => "リソース配置制約（エキスパート）表",
        "Colocation" => "リソース同居制約表",
        "Order" => "リソース起動順序制約表",
        "FTopo" => "STONITHの実行順序表",
        "Ticket" => "リソースチケット制約表",
        "Config" => "追加設定表",
        _ => "Alert設定表",
    }
}
