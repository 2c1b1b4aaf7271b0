/**
 * Commands the person allowed "always" in this workspace, kept in the extension's workspaceState
 * (VS Code's storage for this workspace, never a file in the workspace folder, which could forge
 * them). Sent to the server with the user setting's allowlist; never in Restricted Mode.
 */
import { z } from 'zod';

/** The slice of VS Code's Memento this needs (a fake one in Node tests). */
export interface StateStore {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

const storageKey = 'nova.commands.allowedInWorkspace';

const Remembered = z.array(z.strictObject({ command: z.string().min(1), cwd: z.string().min(1) }));
export type RememberedCommand = z.infer<typeof Remembered>[number];

/** The remembered entries; storage that does not hold them (corrupt, from elsewhere) counts as none. */
export function rememberedCommands(state: StateStore): RememberedCommand[] {
  const parsed = Remembered.safeParse(state.get(storageKey) ?? []);
  return parsed.success ? parsed.data : [];
}

/** Adds an entry (once); false when it was already remembered. */
export async function rememberCommand(state: StateStore, entry: RememberedCommand): Promise<boolean> {
  const known = rememberedCommands(state);
  if (known.some((item) => item.command === entry.command && item.cwd === entry.cwd)) return false;
  await state.update(storageKey, [...known, { command: entry.command, cwd: entry.cwd }]);
  return true;
}
