/** Claude Code agent files as public collections write them, generated in bulk for tests and benchmarks. */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/** Writes `count` Claude Code agent files mixing the shapes public collections use, in a few subfolders. */
export async function writeGeneratedAgents(folder: string, count: number): Promise<void> {
  const tools = ['Read, Grep, Glob', '[Read, Write, Edit, Bash]', 'Read, Agent(Explore, Plan), WebSearch', '', 'Read, mcp__github__get_issue, TaskList'];
  const models = ['sonnet', 'opus', 'haiku', 'inherit', 'claude-opus-4-1-20250805'];
  for (let index = 0; index < count; index += 1) {
    const sub = index % 4 === 0 ? `group-${index % 3}` : '';
    const name = `agent-${index}${index % 7 === 0 ? '.v2' : ''}`;
    const description = index % 5 === 0 ? `Use this agent when: task ${index} comes up` : `"Specialist number ${index}.\\n\\n<example>\\nuser: help\\n</example>"`;
    const text = `---\nname: ${name}\ndescription: ${description}\ntools: ${tools[index % tools.length]}\nmodel: ${models[index % models.length]}\ncolor: blue\n${index % 3 === 0 ? 'maxTurns: 8\n' : ''}---\nYou are specialist ${index}. ${'Read carefully and answer with references. '.repeat(20)}\n`;
    await fs.mkdir(path.join(folder, sub), { recursive: true });
    await fs.writeFile(path.join(folder, sub, `${name}.md`), index % 11 === 0 ? text.replace(/\n/g, '\r\n') : text);
  }
}
