// The reviewed patch as a git-style unified diff: what the comment shows, what `fix.patch` holds, and what a
// developer can feed to `git apply`.

import { diffLines, formatPatch, structuredPatch } from 'diff'
import type { FileChange } from '../types.js'

const CONTEXT = 3

/** One `diff --git` section per change, in the order given, with 3 lines of context. */
export function unifiedDiff(changes: FileChange[]): string {
  return changes
    .map(c => {
      const patch = structuredPatch(
        c.created ? '/dev/null' : `a/${c.path}`,
        `b/${c.path}`,
        c.created ? '' : c.before,
        c.after,
        undefined,
        undefined,
        { context: CONTEXT }
      )
      // With isGit, formatPatch writes the `diff --git` line and `new file mode` for created files.
      patch.isGit = true
      if (c.created) {
        patch.isCreate = true
        patch.newMode = '100644'
      }
      return formatPatch(patch)
    })
    .join('')
}

/** Lines added plus lines removed over all changes: the size the caps and the risk score look at. */
export function changedLines(changes: FileChange[]): number {
  let n = 0
  for (const c of changes) {
    for (const part of diffLines(c.created ? '' : c.before, c.after)) {
      if (part.added || part.removed) n += part.count
    }
  }
  return n
}

/**
 * Characters on added plus removed lines over all changes. Lines alone undercount what a reviewer must read: a
 * one-line change in a minified bundle can hide 40 KB of new code.
 */
export function changedChars(changes: FileChange[]): number {
  let n = 0
  for (const c of changes) {
    for (const part of diffLines(c.created ? '' : c.before, c.after)) {
      if (part.added || part.removed) n += part.value.length
    }
  }
  return n
}

/** Length of the longest added line over all changes (the widest thing a reviewer must read whole). */
export function longestAddedLine(changes: FileChange[]): number {
  let max = 0
  for (const c of changes) {
    for (const part of diffLines(c.created ? '' : c.before, c.after)) {
      if (!part.added) continue
      for (const line of part.value.split('\n')) max = Math.max(max, line.length)
    }
  }
  return max
}
