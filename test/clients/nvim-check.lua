-- Drives sas-guard-language-server from Neovim's built-in LSP client (0.7 API: start_client).
-- Run: nvim --headless -u NONE -i NONE --cmd 'filetype on' -c 'luafile nvim-check.lua'
-- Environment: SG_NODE, SG_SERVER (dist/server.js), SG_FILE, SG_ROOT, SG_SIGNATURE.
-- Prints "RESULT <json>" lines for the node runner; exits non-zero on the first failed check.

local function emit(check, value)
  io.stdout:write('RESULT ' .. vim.fn.json_encode({ check = check, value = value }) .. '\n')
end

local function fail(msg)
  io.stdout:write('FAIL ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local ok, err = pcall(function()
  local file, root, signature = vim.env.SG_FILE, vim.env.SG_ROOT, vim.env.SG_SIGNATURE
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()

  local client_id = vim.lsp.start_client({
    name = 'sas-guard',
    cmd = { vim.env.SG_NODE, vim.env.SG_SERVER, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'root' } },
  })
  if not client_id then return fail('vim.lsp.start_client returned nil') end
  vim.lsp.buf_attach_client(bufnr, client_id)
  emit('connected', vim.wait(15000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized == true
  end, 20))

  if not vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then
    return fail('no diagnostics within 20 s')
  end
  local diags = vim.diagnostic.get(bufnr)
  local out = {}
  for _, d in ipairs(diags) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(out, {
      code = d.code or lsp.code, source = d.source, severity = d.severity,
      message = d.message, line = d.lnum, col = d.col,
    })
    if signature and d.message:find(signature, 1, true) then
      return fail('a diagnostic message shows the whole signature')
    end
  end
  emit('diagnostics', out)

  -- 0.7 keeps code and data in user_data.lsp but not range and message: rebuild the LSP diagnostic.
  local d = diags[1]
  local lsp = (d.user_data or {}).lsp or {}
  local range = {
    start = { line = d.lnum, character = d.col },
    ['end'] = { line = d.end_lnum, character = d.end_col },
  }
  local lsp_diag = {
    range = range, severity = d.severity, message = d.message, source = d.source,
    code = lsp.code, codeDescription = lsp.codeDescription, data = lsp.data,
  }
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = range,
    context = { diagnostics = { lsp_diag } },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000) or {}
  local actions, titles = {}, {}
  for _, resp in pairs(responses) do
    if resp.error then return fail('codeAction error: ' .. vim.inspect(resp.error)) end
    for _, a in ipairs(resp.result or {}) do
      table.insert(actions, a)
      table.insert(titles, a.title)
    end
  end
  emit('code-actions', titles)
  if #actions == 0 then return fail('no code actions for the diagnostic') end

  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
    textDocument = params.textDocument, position = range.start,
  }, 10000) or {}
  local hover_text = ''
  for _, resp in pairs(hover) do
    local c = resp.result and resp.result.contents
    if type(c) == 'table' then hover_text = hover_text .. (c.value or vim.fn.json_encode(c)) end
    if type(c) == 'string' then hover_text = hover_text .. c end
  end
  emit('hover', hover_text)

  -- Apply the environment-reference fix as a client would, then wait for the diagnostic to go.
  local env_fix
  -- The environment-reference fix is the preferred one ("Replace the … with process.env.…").
  for _, a in ipairs(actions) do
    if a.edit and (a.isPreferred or a.title:find('^Replace')) then env_fix = a break end
  end
  if not env_fix then
    emit('applied', false)
  else
    vim.lsp.util.apply_workspace_edit(env_fix.edit, 'utf-16')
    emit('applied', env_fix.title)
    emit('buffer', table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n'))
    emit('cleared-after-fix', vim.wait(10000, function() return #vim.diagnostic.get(bufnr) == 0 end, 20))
  end
  vim.lsp.stop_client(client_id)
end)
if not ok then
  io.stdout:write('FAIL lua error: ' .. tostring(err) .. '\n')
  vim.cmd('cquit 1')
end
vim.cmd('qall!')
