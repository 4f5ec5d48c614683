// Shapes shared by the localization resolvers. Each resolver is pure: text and tree paths in, candidates out.

/** How strong the evidence for a candidate is; the order of this list is the ranking order. */
export const EVIDENCE = [
  'frame', // a stack frame or a file:line diagnostic in the failure block
  'failing-test', // the test file of a test named as failing
  'under-test', // the code a failing test exercises, by naming convention
  'used-by-test', // a module the failing test uses near its failing line, or imports
  'named', // a repository file or class the failure lines name in passing
  'manifest', // the build manifest of the module that failed
  'related' // named with words of a failing test's name (fills places nothing stronger took)
] as const

export type Evidence = (typeof EVIDENCE)[number]

/** One repository file a resolver proposes for the context. */
export interface Candidate {
  path: string
  evidence: Evidence
  /** Why, in a few words a reviewer can check ("frame in the failure block"). */
  reason: string
  /** The log line (or the test file line) that points at the file. */
  line: string
  /** Line numbers of the file the evidence refers to (1-based), for windows. */
  lines: number[]
  /** Order within the same evidence: lower first (position in the log, closeness to the failure). */
  rank: number
}

/** A failure line as resolvers see it. */
export interface FailureText {
  text: string
}
