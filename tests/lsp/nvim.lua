-- tests/lsp-editors.t's Neovim client (Neovim 0.7, Debian 12): run as
--   nvim --headless -u NONE -i NONE -n -c 'luafile tests/lsp/nvim.lua'
-- with GWLINT (the binary), LSP_FILE (a report; line 4 holds 𠮷, a tab and
-- CJK), LSP_FIXED (what gwlint --fix makes of it) and LSP_OUT (where the
-- TAP lines go) in the environment.  It starts gwlint --lsp with
-- vim.lsp.start_client, waits for vim.diagnostic.get, checks the byte
-- column against the character there, applies the quick fix and then
-- source.fixAll.gwlint with the client's offset encoding, and hovers.
local out = assert(io.open(os.getenv('LSP_OUT'), 'w'))
local n = 0
local function tap(cond, name, diag)
  n = n + 1
  out:write((cond and 'ok ' or 'not ok ') .. n .. ' - ' .. name .. '\n')
  if not cond and diag ~= nil then
    out:write('# ' .. vim.inspect(diag):gsub('\n', '\n# ') .. '\n')
  end
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('LSP_FILE')))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({ name = 'gwlint', cmd = { os.getenv('GWLINT'), '--lsp' },
    root_dir = vim.fn.fnamemodify(os.getenv('LSP_FILE'), ':h') })
  tap(id ~= nil, 'vim.lsp.start_client starts gwlint --lsp')
  vim.lsp.buf_attach_client(buf, id)
  local function comma()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.lnum == 3 and d.message:find('“,”', 1, true) then return d end
    end
  end
  vim.wait(10000, function() return comma() ~= nil end, 50)
  local client = vim.lsp.get_client_by_id(id)
  tap(client ~= nil and client.offset_encoding == 'utf-16', 'the client talks utf-16 (Neovim 0.7 offers no other)',
    client and client.offset_encoding)
  local d = comma()
  tap(d ~= nil, 'vim.diagnostic.get has the halfwidth-punct diagnostic on line 4', vim.diagnostic.get(buf))
  if d == nil then return end
  local line = vim.api.nvim_buf_get_lines(buf, 3, 4, false)[1]
  tap(d.col == 19 and line:sub(d.col + 1, d.col + 1) == ',',
    'its column (bytes, after 𠮷) is on the ","', { col = d.col, at = line:sub(d.col + 1, d.col + 1) })
  tap(d.severity == vim.diagnostic.severity.WARN, 'it is a warning')
  local paren
  for _, x in ipairs(vim.diagnostic.get(buf)) do
    if x.lnum == 3 and x.message:find('详见附件', 1, true) then paren = x end
  end
  tap(paren ~= nil and line:sub(paren.col + 1, paren.col + 1) == '(', 'the one after the tab is on the "("',
    paren and { col = paren.col, at = line:sub(paren.col + 1, paren.col + 1) })

  local uri = vim.uri_from_bufnr(buf)
  -- The LSP range of the diagnostic, from its byte columns (vim.str_utfindex
  -- gives the UTF-16 index, the client's encoding).
  local _, c0 = vim.str_utfindex(line, d.col)
  local _, c1 = vim.str_utfindex(line, d.end_col)
  local lsp_d = { range = { start = { line = 3, character = c0 }, ['end'] = { line = 3, character = c1 } },
    message = d.message, severity = 2, source = 'gwlint' }
  tap(c0 == 7, 'in UTF-16 the "," is character 7', c0)
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover',
    { textDocument = { uri = uri }, position = lsp_d.range.start }, 5000)
  local h = res and res[id] and res[id].result
  tap(h ~= nil and h.contents.value:find('halfwidth-punct', 1, true) ~= nil, 'hover explains halfwidth-punct', h)

  res = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', { textDocument = { uri = uri },
    range = lsp_d.range, context = { diagnostics = { lsp_d }, only = { 'quickfix' } } }, 5000)
  local acts = res and res[id] and res[id].result or {}
  tap(#acts == 1 and acts[1].kind == 'quickfix' and acts[1].isPreferred, 'one preferred quickfix', acts)
  if #acts == 0 then return end
  vim.lsp.util.apply_workspace_edit(acts[1].edit, client.offset_encoding)
  line = vim.api.nvim_buf_get_lines(buf, 3, 4, false)[1]
  tap(line == '关于𠮷某同志，工作\t情况(详见附件)。全年完成任务。', 'applied: only the "," changed', line)

  -- Let the change reach the server (Neovim debounces didChange), then fix all.
  local v = vim.lsp.util.buf_versions[buf]
  vim.wait(3000, function()
    for _, x in ipairs(vim.diagnostic.get(buf)) do
      if x.lnum == 3 and x.message:find('“,”', 1, true) then return false end
    end
    return true
  end, 50)
  res = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', { textDocument = { uri = uri },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
    context = { diagnostics = {}, only = { 'source.fixAll' } } }, 5000)
  acts = res and res[id] and res[id].result or {}
  tap(#acts == 1 and acts[1].kind == 'source.fixAll.gwlint', 'source.fixAll.gwlint offered (buffer version ' .. v .. ')', acts)
  if #acts == 1 then vim.lsp.util.apply_workspace_edit(acts[1].edit, client.offset_encoding) end
  local want = {}
  for l in io.lines(os.getenv('LSP_FIXED')) do want[#want + 1] = l end
  local got = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  tap(vim.deep_equal(want, got), 'the buffer is now what gwlint --fix writes', { want = want, got = got })
  vim.lsp.stop_client(id)
end

local okrun, err = pcall(run)
tap(okrun, 'the Neovim script ran to its end', err)
out:write('1..' .. n .. '\n')
out:close()
vim.cmd('qa!')
