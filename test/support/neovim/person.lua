-- Appended to the README's configuration by test/unit/server/neovim.test.ts: what a person does,
-- scripted. Wait for Nova's findings, put the cursor on the unused import, ask for code actions
-- (vim.lsp.buf.code_action) and pick Nova's from the menu; then write what was seen to NOVA_RESULT
-- and quit. Neovim's own handlers do the rest (the code action's command, the messages).
local result_path = os.getenv('NOVA_RESULT')
local out = { messages = {}, blocking = {}, actions = {}, diagnostics = {} }
local function save(path) vim.fn.writefile({ vim.fn.json_encode(out) }, path) end
vim.lsp.handlers['window/showMessage'] = function(_, params)
  table.insert(out.messages, params.message)
end
-- A server request Neovim 0.7 answers with a blocking prompt: noted on disk first, so a hung run says why.
local prompt = vim.lsp.handlers['window/showMessageRequest']
vim.lsp.handlers['window/showMessageRequest'] = function(err, params, ctx, config)
  table.insert(out.blocking, params.message)
  save(result_path .. '.blocking')
  return prompt(err, params, ctx, config)
end

local function step()
  if not vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50) then return end
  local target
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code
    table.insert(out.diagnostics, { message = d.message, source = d.source, code = code, lnum = d.lnum, col = d.col })
    if code == 'ts-6133' and not target then target = d end
  end
  if not target then return end
  vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
  local chosen = false
  vim.ui.select = function(items, opts, on_choice)
    local pick
    for i, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(out.actions, title)
      if not pick and title:find('Nova: propose', 1, true) then pick = i end
    end
    chosen = true
    on_choice(pick and items[pick] or nil, pick)
  end
  vim.lsp.buf.code_action()
  if not vim.wait(30000, function() return chosen end, 50) then return end
  vim.wait(30000, function() return #out.messages > 0 end, 50)
end

function NOVA_TEST_RUN()
  local ok, problem = pcall(step)
  if not ok then out.error = tostring(problem) end
  save(result_path)
  vim.cmd('qa!')
end
