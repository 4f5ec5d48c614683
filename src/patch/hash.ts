// The proposal's fingerprint: approve recomputes it from the stored record and refuses on any difference, so
// what gets applied is exactly what was shown (docs/security.md, threat 7).

import { createHash } from 'node:crypto'
import type { ProposalRecord } from '../types.js'

export type HashedFields = Pick<
  ProposalRecord,
  | 'failure_id'
  | 'repo_name'
  | 'commit_sha'
  | 'proposed_patch'
  | 'file_shas'
  | 'from_fork'
  | 'protected_hits'
  | 'branch'
  | 'pr_number'
  | 'verification'
>

/**
 * sha256 hex of the canonical JSON of the fields that define what approve would apply and where, and of the
 * security decisions made for it (fork, protected paths) and its verification verdict, so that an altered record
 * cannot drop a defence or claim a check it did not pass.
 */
export function proposalHash(r: HashedFields): string {
  const fields: HashedFields = {
    failure_id: r.failure_id,
    repo_name: r.repo_name,
    commit_sha: r.commit_sha,
    proposed_patch: r.proposed_patch,
    file_shas: r.file_shas,
    from_fork: r.from_fork,
    protected_hits: r.protected_hits,
    branch: r.branch,
    pr_number: r.pr_number,
    // What the approver was told about the patch: a record edited to say "passed" must not pass the check.
    verification: r.verification
  }
  return createHash('sha256').update(canonicalJson(fields)).digest('hex')
}

/** The form shown in comments. */
export function shortHash(h: string): string {
  return h.slice(0, 12)
}

/**
 * JSON with object keys sorted at every depth and array order kept (edits apply in order, so their order is
 * part of the proposal). Undefined members are left out, as JSON.stringify does, so a record read back from a
 * store hashes the same as the one written.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value))
    return `[${value.map(v => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
  const obj = value as Record<string, unknown>
  const keys = Object.keys(obj)
    .filter(k => obj[k] !== undefined)
    .sort()
  return `{${keys.map(k => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`
}
