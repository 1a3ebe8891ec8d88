import { readFileSync } from 'node:fs';

export type PromptName = 'chat' | 'resolution-note' | 'escalation-package' | 'assessment';

export const PROMPT_NAMES: readonly PromptName[] = ['chat', 'resolution-note', 'escalation-package', 'assessment'];

const cache = new Map<PromptName, string>();

/** The URL of a prompt file; the build copies `prompts/*.md` next to the compiled module. */
export function promptUrl(name: PromptName): URL {
  return new URL(`./prompts/${name}.md`, import.meta.url);
}

/** A system prompt, read once from its Markdown file so prompts are reviewed as text, not code. */
export function loadPrompt(name: PromptName): string {
  let prompt = cache.get(name);
  if (prompt === undefined) {
    prompt = readFileSync(promptUrl(name), 'utf8').trim();
    cache.set(name, prompt);
  }
  return prompt;
}
