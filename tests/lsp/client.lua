-- Drives `crm lsp` through Neovim's own LSP client (0.7 API, the one
-- Debian ships) and writes what the server answered as JSON to $CRM_OUT.
-- The Rust test (tests/lsp_nvim.rs) checks the answers.
local crm = os.getenv("CRM_BIN")
local out = os.getenv("CRM_OUT")
local errors_file = os.getenv("CRM_ERRORS")
local format_file = os.getenv("CRM_FORMAT")
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
  local id = vim.lsp.start_client({ name = "crm", cmd = { crm, "lsp" }, root_dir = vim.fn.getcwd() })
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
end

local ok, err = pcall(run)
if not ok then result.failure = tostring(err) end
finish()
