-- Drives `crm lsp` through Neovim's own LSP client (0.7 API, the one
-- Debian ships) and writes what the server answered as JSON to $CRM_OUT.
-- The Rust test (tests/lsp_nvim.rs) checks the answers.
local crm = os.getenv("CRM_BIN")
local out = os.getenv("CRM_OUT")
local errors_file = os.getenv("CRM_ERRORS")
local format_file = os.getenv("CRM_FORMAT")
local sjis_file = os.getenv("CRM_SJIS")
local yen_file = os.getenv("CRM_YEN")
local result = { log = {} }

local function log(s) table.insert(result.log, s) end

local function finish()
  local f = io.open(out, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qa!")
end

local function run()
  vim.cmd("edit " .. errors_file)
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({ name = "crm", cmd = { crm, "lsp", "--offline" }, root_dir = vim.fn.getcwd() })
  assert(id, "client did not start")
  vim.lsp.buf_attach_client(buf, id)
  local client = vim.lsp.get_client_by_id(id)
  assert(vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 20), "no diagnostics")
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, {
      line = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity,
      code = d.code, message = d.message,
      data = d.user_data and d.user_data.lsp and d.user_data.lsp.data or vim.NIL,
    })
  end

  local uri = vim.uri_from_bufnr(buf)
  local function req(method, params, b)
    local r, err = client.request_sync(method, params, 30000, b or buf)
    if not r then return { error = tostring(err) } end
    if r.err then return { error = r.err.message } end
    return { result = r.result == nil and vim.NIL or r.result }
  end
  local function at(line, character, b)
    return { textDocument = { uri = vim.uri_from_bufnr(b or buf) }, position = { line = line, character = character } }
  end

  -- Quick fixes of the typographic quote (line 2).
  local quote
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == "SmartQuote" then quote = d end
  end
  if quote then
    local lsp_d = {
      range = { start = { line = quote.lnum, character = quote.col }, ["end"] = { line = quote.end_lnum, character = quote.end_col } },
      message = quote.message, code = quote.code, severity = quote.severity,
      data = quote.user_data and quote.user_data.lsp and quote.user_data.lsp.data,
    }
    result.code_actions = req("textDocument/codeAction", {
      textDocument = { uri = uri },
      range = { start = { line = quote.lnum, character = quote.col }, ["end"] = { line = quote.end_lnum, character = quote.end_col } },
      context = { diagnostics = { lsp_d } },
    })
  end

  result.hover_ref = req("textDocument/hover", at(4, 17))      -- `web` in location
  result.hover_param = req("textDocument/hover", at(1, 52))    -- `ip=` of IPaddr2
  result.definition = req("textDocument/definition", at(3, 11)) -- `web` in the group
  result.references = req("textDocument/references", vim.tbl_extend("force", at(1, 11), { context = { includeDeclaration = true } }))
  result.rename = req("textDocument/rename", vim.tbl_extend("force", at(1, 11), { newName = "www" }))
  result.rename_bad = req("textDocument/rename", vim.tbl_extend("force", at(1, 11), { newName = "9x" }))
  result.symbols = req("textDocument/documentSymbol", { textDocument = { uri = uri } })
  result.format_errors = req("textDocument/formatting", { textDocument = { uri = uri }, options = { tabSize = 8, insertSpaces = false } })

  -- Completion: new lines typed at the end of the file.
  local function complete_after(text)
    local n = vim.api.nvim_buf_line_count(buf)
    vim.api.nvim_buf_set_lines(buf, n, n, false, { text })
    local r = req("textDocument/completion", at(n, #text))
    vim.api.nvim_buf_set_lines(buf, n, n + 1, false, {})
    return r
  end
  result.complete_keyword = complete_after("pri")
  result.complete_agent = complete_after("primitive ip2 ocf:heartbeat:IP")
  result.complete_param = complete_after("primitive ip2 ocf:heartbeat:IPaddr2 params ")
  result.complete_ids = complete_after("colocation c1 inf: ")
  result.complete_property = complete_after("property stonith")
  result.complete_node = complete_after("location l2 web 100: ")

  -- Formatting of a good file: the edits applied to the buffer.
  vim.cmd("edit " .. format_file)
  local fbuf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(fbuf, id)
  local fr = req("textDocument/formatting", { textDocument = { uri = vim.uri_from_bufnr(fbuf) }, options = { tabSize = 8, insertSpaces = false } }, fbuf)
  result.format = fr
  if fr.result and fr.result ~= vim.NIL then
    vim.lsp.util.apply_text_edits(fr.result, fbuf, "utf-16")
  end
  result.formatted = vim.api.nvim_buf_get_lines(fbuf, 0, -1, false)
  local again = req("textDocument/formatting", { textDocument = { uri = vim.uri_from_bufnr(fbuf) }, options = { tabSize = 8, insertSpaces = false } }, fbuf)
  result.format_again = again

  -- A Shift_JIS file (decoded by the editor), continued with `￥`, with a
  -- misspelt keyword: its diagnostics, the did-you-mean fix, the outline
  -- and navigation across the continued statement.
  vim.o.fileencodings = "ucs-bom,utf-8,cp932"
  vim.cmd("edit " .. sjis_file)
  local sbuf = vim.api.nvim_get_current_buf()
  result.sjis_encoding = vim.bo[sbuf].fileencoding
  vim.lsp.buf_attach_client(sbuf, id)
  assert(vim.wait(30000, function() return #vim.diagnostic.get(sbuf) > 0 end, 20), "no diagnostics (Shift_JIS)")
  result.sjis_diagnostics = {}
  local typo
  for _, d in ipairs(vim.diagnostic.get(sbuf)) do
    local data = d.user_data and d.user_data.lsp and d.user_data.lsp.data
    table.insert(result.sjis_diagnostics, { line = d.lnum, col = d.col, end_col = d.end_col, code = d.code, data = data or vim.NIL })
    if data then typo = d end
  end
  if typo then
    local range = { start = { line = typo.lnum, character = typo.col }, ["end"] = { line = typo.end_lnum, character = typo.end_col } }
    result.sjis_actions = req("textDocument/codeAction", {
      textDocument = { uri = vim.uri_from_bufnr(sbuf) }, range = range,
      context = { diagnostics = { { range = range, message = typo.message, code = typo.code, data = typo.user_data.lsp.data } } },
    }, sbuf)
  end
  result.sjis_symbols = req("textDocument/documentSymbol", { textDocument = { uri = vim.uri_from_bufnr(sbuf) } }, sbuf)
  result.sjis_definition = req("textDocument/definition", at(5, 14, sbuf), sbuf)
  result.sjis_references = req("textDocument/references", vim.tbl_extend("force", at(2, 12, sbuf), { context = { includeDeclaration = true } }), sbuf)

  -- `¥` (U+00A5) continues a line too.
  vim.cmd("edit " .. yen_file)
  local ybuf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(ybuf, id)
  result.yen_symbols = req("textDocument/documentSymbol", { textDocument = { uri = vim.uri_from_bufnr(ybuf) } }, ybuf)
  result.yen_hover = req("textDocument/hover", at(1, 12, ybuf), ybuf)
end

local ok, err = pcall(run)
if not ok then result.failure = tostring(err) end
finish()
