import type { ModelRequest } from './client';

/** Characters a request sends: system prompt, messages and tool definitions — the base of every token estimate. */
export function requestCharacters(request: ModelRequest): number {
  let chars = request.system.length;
  for (const message of request.messages) chars += JSON.stringify(message.content).length;
  for (const tool of request.tools) chars += tool.name.length + tool.description.length + JSON.stringify(tool.inputSchema).length;
  return chars;
}
