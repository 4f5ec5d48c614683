// What every rule gets: the failure lines in order, and the repository files at the failing commit.
import type { JobFailure, ModelProposal } from '../../types.js'
import { cleanLine } from './text.js'

/** The repository at the failing commit: every file path, and a reader (undefined = no such file). */
export interface RuleRepo {
  paths: string[]
  read(path: string): Promise<string | undefined>
}

export interface EvidenceLine {
  text: string
  job: string
  step?: string
}

export interface RuleContext {
  lines: EvidenceLine[]
  paths: string[]
  /** Reads a file once per analysis; rules ask for the same manifests repeatedly. */
  read(path: string): Promise<string | undefined>
}

/**
 * What one rule concludes: a proposal; or a diagnosis without a certain edit (the failure is recognised but the fix
 * needs something the rules cannot do offline, or it is not a dependency problem); or nothing (not its class).
 */
export type RuleOutcome =
  { kind: 'proposal'; proposal: ModelProposal } | { kind: 'diagnosis'; reason: string } | undefined

export interface Rule {
  name: string
  /** The failure class in plain words, for the "no rule applies" reason. */
  describes: string
  apply(ctx: RuleContext): Promise<RuleOutcome>
}

export function buildContext(failures: JobFailure[], repo: RuleRepo): RuleContext {
  const lines: EvidenceLine[] = []
  for (const f of failures) {
    for (const block of f.extraction.blocks) {
      for (const l of block.lines) {
        const step = block.step ?? f.stepName
        lines.push({ text: cleanLine(l.text), job: f.jobName, ...(step !== undefined ? { step } : {}) })
      }
    }
  }
  const cache = new Map<string, Promise<string | undefined>>()
  const listed = new Set(repo.paths)
  return {
    lines,
    paths: repo.paths,
    read(path: string): Promise<string | undefined> {
      let hit = cache.get(path)
      if (hit === undefined) {
        hit = listed.has(path) ? repo.read(path) : Promise.resolve(undefined)
        cache.set(path, hit)
      }
      return hit
    }
  }
}

/** Workflow files of the repository, read: they tell which requirement files CI installs, which Node it uses. */
export async function workflowTexts(ctx: RuleContext): Promise<string> {
  const files = ctx.paths.filter(p => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p))
  const texts = await Promise.all(files.map(p => ctx.read(p)))
  return texts.filter((t): t is string => t !== undefined).join('\n')
}

/** The directory part of a repository path ('' for the root). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/')
  return i < 0 ? '' : path.slice(0, i)
}

export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`
}
