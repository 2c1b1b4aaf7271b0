-- Loaded before the README's configuration by test/unit/server/neovim.test.ts on a Neovim older
-- than 0.11: it claims to be 0.11 and records what the configuration passes to vim.lsp.config and
-- vim.lsp.enable (0.11's documented API), so the 0.11 branch is at least run and its arguments
-- checked. It proves nothing about 0.11 itself.
local result_path = os.getenv('NOVA_RESULT')
local recorded = { config = {}, enabled = {} }
local has = vim.fn.has
vim.fn.has = function(feature)
  if feature == 'nvim-0.11' then return 1 end
  return has(feature)
end
vim.lsp.config = function(name, config)
  recorded.config[name] = config
end
vim.lsp.enable = function(name)
  table.insert(recorded.enabled, name)
end
vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    vim.fn.writefile({ vim.fn.json_encode(recorded) }, result_path)
    vim.cmd('qa!')
  end,
})
