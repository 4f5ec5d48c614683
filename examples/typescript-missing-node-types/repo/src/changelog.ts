import { writeFile } from 'node:fs/promises'

export interface Commit {
  type: string
  scope?: string
  subject: string
}

const HEADINGS: Record<string, string> = { feat: 'Features', fix: 'Bug fixes', perf: 'Performance' }

export function parseCommit(line: string): Commit | undefined {
  const m = /^(\w+)(?:\(([^)]+)\))?!?: (.+)$/.exec(line)
  if (!m) return undefined
  return { type: m[1], scope: m[2], subject: m[3] }
}

export function render(commits: Commit[]): string {
  const out: string[] = []
  for (const [type, heading] of Object.entries(HEADINGS)) {
    const items = commits.filter(c => c.type === type)
    if (items.length === 0) continue
    out.push(`## ${heading}`, '', ...items.map(c => `- ${c.scope ? `**${c.scope}:** ` : ''}${c.subject}`), '')
  }
  return out.join('\n')
}

export async function writeNotes(path: string, commits: Commit[]): Promise<void> {
  await writeFile(path, render(commits))
}
