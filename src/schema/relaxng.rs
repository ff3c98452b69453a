//! libxml2's RelaxNG validator, the one Pacemaker itself validates the CIB
//! with, so a verdict here is the verdict the cluster would give. This is
//! the only code that talks to libxml2; it takes XML text (written by
//! `crate::xml`) and gives back plain values.
//!
//! The binding is ours and tiny (a dozen functions of libxml2's stable C
//! ABI): the `libxml` crate wraps only XSD, not RelaxNG, and would add
//! bindgen and libclang to the build for the same raw calls.

use std::ffi::{c_char, c_int, c_long, c_void, CStr, CString};
use std::path::Path;

#[repr(C)]
struct XmlError {
    domain: c_int,
    code: c_int,
    message: *const c_char,
    level: c_int,
    file: *const c_char,
    line: c_int,
    str1: *const c_char,
    str2: *const c_char,
    str3: *const c_char,
    int1: c_int,
    int2: c_int,
    ctxt: *mut c_void,
    node: *mut c_void,
}

type ErrorFn = unsafe extern "C" fn(*mut c_void, *mut XmlError);

#[link(name = "xml2")]
extern "C" {
    fn xmlInitParser();
    fn xmlRelaxNGNewParserCtxt(url: *const c_char) -> *mut c_void;
    fn xmlRelaxNGNewMemParserCtxt(buffer: *const c_char, size: c_int) -> *mut c_void;
    fn xmlRelaxNGSetParserStructuredErrors(
        ctxt: *mut c_void,
        f: Option<ErrorFn>,
        data: *mut c_void,
    );
    fn xmlRelaxNGParse(ctxt: *mut c_void) -> *mut c_void;
    fn xmlRelaxNGFreeParserCtxt(ctxt: *mut c_void);
    fn xmlRelaxNGFree(schema: *mut c_void);
    fn xmlRelaxNGNewValidCtxt(schema: *mut c_void) -> *mut c_void;
    fn xmlRelaxNGSetValidStructuredErrors(ctxt: *mut c_void, f: Option<ErrorFn>, data: *mut c_void);
    fn xmlRelaxNGValidateDoc(ctxt: *mut c_void, doc: *mut c_void) -> c_int;
    fn xmlRelaxNGFreeValidCtxt(ctxt: *mut c_void);
    fn xmlReadMemory(
        buffer: *const c_char,
        size: c_int,
        url: *const c_char,
        encoding: *const c_char,
        options: c_int,
    ) -> *mut c_void;
    fn xmlFreeDoc(doc: *mut c_void);
    fn xmlGetNodePath(node: *const c_void) -> *mut c_char;
    fn xmlGetLineNo(node: *const c_void) -> c_long;
    fn xmlSetStructuredErrorFunc(data: *mut c_void, f: Option<ErrorFn>);
    static xmlFree: unsafe extern "C" fn(*mut c_void);
}

const XML_PARSE_NOERROR: c_int = 1 << 5;
const XML_PARSE_NOWARNING: c_int = 1 << 6;
const XML_PARSE_NONET: c_int = 1 << 11;
const XML_PARSE_HUGE: c_int = 1 << 19;
const XML_ERR_ERROR: c_int = 2;
/// libxml2's "IDREF attribute … references an unknown ID" (`XML_DTD_UNKNOWN_ID`).
const XML_DTD_UNKNOWN_ID: c_int = 536;

/// One complaint of the validator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// libxml2's message, without its trailing newline.
    pub message: String,
    /// The element it is about, as an XPath (`/cib/configuration/resources/primitive[2]`).
    pub path: Option<String>,
    /// For an IDREF to an id the document does not hold: that id.
    pub unknown_id: Option<String>,
    /// Line in the validated text.
    pub line: usize,
}

fn init() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    // SAFETY: xmlInitParser has no preconditions; Once runs it first, once.
    ONCE.call_once(|| unsafe { xmlInitParser() });
}

fn text(p: *const c_char) -> Option<String> {
    if p.is_null() {
        return None;
    }
    // SAFETY: libxml2 passes NUL-terminated strings or NULL.
    Some(unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

/// Collects errors into the `Vec<Problem>` behind `data`.
unsafe extern "C" fn collect(data: *mut c_void, err: *mut XmlError) {
    if data.is_null() || err.is_null() {
        return;
    }
    // SAFETY: `data` is the &mut Vec<Problem> registered by the caller for
    // the duration of the call that reports; `err` is valid during the
    // callback, and so is its node (the document is still alive).
    let (problems, err) = unsafe { (&mut *(data as *mut Vec<Problem>), &*err) };
    if err.level < XML_ERR_ERROR {
        return;
    }
    let (path, line) = if err.node.is_null() {
        (None, err.line.max(0) as usize)
    } else {
        let raw = unsafe { xmlGetNodePath(err.node) };
        let path = text(raw);
        if !raw.is_null() {
            unsafe { xmlFree(raw as *mut c_void) };
        }
        (path, unsafe { xmlGetLineNo(err.node) }.max(0) as usize)
    };
    problems.push(Problem {
        message: text(err.message).unwrap_or_default().trim_end().to_string(),
        path,
        unknown_id: (err.code == XML_DTD_UNKNOWN_ID)
            .then(|| text(err.str2))
            .flatten(),
        line,
    });
}

/// Routes libxml2's thread-wide error channel (the IDREF check at the end
/// of a validation reports there) into `problems` until dropped.
struct Capture;

impl Capture {
    /// `data` must point to a `Vec<Problem>` that outlives the Capture.
    fn new(data: *mut c_void) -> Self {
        // SAFETY: the handler is reset in Drop, before `data` can go away.
        unsafe { xmlSetStructuredErrorFunc(data, Some(collect)) };
        Capture
    }
}

impl Problem {
    fn general(message: &str) -> Problem {
        Problem {
            message: message.to_string(),
            path: None,
            unknown_id: None,
            line: 0,
        }
    }
}

fn or_general(mut problems: Vec<Problem>, message: &str) -> Vec<Problem> {
    if problems.is_empty() {
        problems.push(Problem::general(message));
    }
    problems
}

impl Drop for Capture {
    fn drop(&mut self) {
        // SAFETY: resets the thread's handler to libxml2's default.
        unsafe { xmlSetStructuredErrorFunc(std::ptr::null_mut(), None) };
    }
}

/// A parsed RelaxNG grammar.
pub struct Grammar {
    schema: *mut c_void,
}

impl Drop for Grammar {
    fn drop(&mut self) {
        // SAFETY: `schema` came from xmlRelaxNGParse and is freed once.
        unsafe { xmlRelaxNGFree(self.schema) };
    }
}

impl Grammar {
    /// Reads a grammar file; its `externalRef`/`include` hrefs resolve
    /// against the file's own directory.
    pub fn load(path: &Path) -> Result<Grammar, Vec<Problem>> {
        let url = CString::new(path.to_string_lossy().as_bytes())
            .map_err(|_| vec![Problem::general("schema path contains a NUL byte")])?;
        // SAFETY: a NUL-terminated path, alive during the call.
        Grammar::parse(|| unsafe { xmlRelaxNGNewParserCtxt(url.as_ptr()) })
            .map_err(|p| or_general(p, &format!("cannot read {}", path.display())))
    }

    /// A grammar given as text (its hrefs must be absolute paths).
    pub fn from_text(text: &str) -> Result<Grammar, Vec<Problem>> {
        let len = c_int::try_from(text.len())
            .map_err(|_| vec![Problem::general("schema text too large")])?;
        // SAFETY: the buffer outlives the parser context (freed in parse).
        Grammar::parse(|| unsafe {
            xmlRelaxNGNewMemParserCtxt(text.as_ptr() as *const c_char, len)
        })
        .map_err(|p| or_general(p, "cannot read the composed schema"))
    }

    fn parse(new_ctxt: impl FnOnce() -> *mut c_void) -> Result<Grammar, Vec<Problem>> {
        init();
        let mut problems = Vec::new();
        let schema = {
            let data = &mut problems as *mut Vec<Problem> as *mut c_void;
            let _capture = Capture::new(data);
            let ctxt = new_ctxt();
            if ctxt.is_null() {
                std::ptr::null_mut()
            } else {
                // SAFETY: a fresh parser context, freed right after use;
                // `data` outlives it.
                unsafe {
                    xmlRelaxNGSetParserStructuredErrors(ctxt, Some(collect), data);
                    let schema = xmlRelaxNGParse(ctxt);
                    xmlRelaxNGFreeParserCtxt(ctxt);
                    schema
                }
            }
        };
        if schema.is_null() {
            return Err(problems);
        }
        Ok(Grammar { schema })
    }

    /// Validates one XML document; empty when it is valid.
    pub fn validate(&self, xml: &str) -> Vec<Problem> {
        let Ok(len) = c_int::try_from(xml.len()) else {
            return vec![Problem::general("document too large for libxml2")];
        };
        let mut problems = Vec::new();
        let data = &mut problems as *mut Vec<Problem> as *mut c_void;
        let valid = {
            let _capture = Capture::new(data);
            // SAFETY: the buffer outlives xmlReadMemory; the document and
            // the context are freed here, after validation; `data`
            // outlives both and the capture.
            unsafe {
                let doc = xmlReadMemory(
                    xml.as_ptr() as *const c_char,
                    len,
                    c"cib.xml".as_ptr(),
                    std::ptr::null(),
                    XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_NOERROR | XML_PARSE_NOWARNING,
                );
                if doc.is_null() {
                    false
                } else {
                    let ctxt = xmlRelaxNGNewValidCtxt(self.schema);
                    let rc = if ctxt.is_null() {
                        -1
                    } else {
                        xmlRelaxNGSetValidStructuredErrors(ctxt, Some(collect), data);
                        let rc = xmlRelaxNGValidateDoc(ctxt, doc);
                        xmlRelaxNGFreeValidCtxt(ctxt);
                        rc
                    };
                    xmlFreeDoc(doc);
                    rc == 0
                }
            }
        };
        if valid {
            problems.clear();
            problems
        } else {
            or_general(problems, "the document does not validate")
        }
    }
}
