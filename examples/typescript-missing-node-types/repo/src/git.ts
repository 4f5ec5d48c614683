import { execFileSync } from 'node:child_process'

export function commitSubjects(since: string): string[] {
  const out = execFileSync('git', ['log', '--format=%s', `${since}..HEAD`], { encoding: 'utf8' })
  return out.split('\n').filter(Boolean)
}

export function cwdName(): string {
  const dir = process.cwd()
  return dir.slice(dir.lastIndexOf('/') + 1)
}
