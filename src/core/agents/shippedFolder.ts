import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The shipped agents: beside a bundle (dist/cli.js or dist/server.js → agents/), or from the compiled
 * tree in development (out/src/core/agents → agents/). NOVA_AGENTS_DIR overrides both.
 */
export function shippedAgentsFolder(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.NOVA_AGENTS_DIR, path.join(__dirname, '..', 'agents'), path.join(__dirname, '..', '..', '..', '..', 'agents')];
  const found = candidates.find((candidate): candidate is string => candidate !== undefined && existsSync(path.join(candidate, 'concierge.md')));
  if (!found) throw new Error('Nova\'s agent files were not found next to the program; set NOVA_AGENTS_DIR to the folder that holds concierge.md.');
  return found;
}
