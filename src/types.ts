// Shared data shapes. Every module speaks these; keep them small and stable.

export type RiskLevel = 'low' | 'medium' | 'high'

export type Status = 'pending' | 'approved' | 'rejected' | 'resolved' | 'failed' | 'merged' | 'stale'

/** One edit as the model (or the rules analyzer) proposes it. `original` empty = append, or create the file. */
export interface FileEdit {
  file_path: string
  original: string
  replacement: string
}

/** The model's reply, after schema validation (the contract in src/analysis/schema.ts). */
export interface ModelProposal {
  root_cause: string
  files_to_modify: FileEdit[]
  confidence: number
  commit_message?: string
}

/** One line of a log kept by the extractor: 1-based line number in the raw log, cleaned text. */
export interface LogLine {
  n: number
  text: string
}

/** A contiguous run of failure lines in one log. */
export interface FailureBlock {
  /** What recognised it: 'python-traceback', 'jest', 'gh-error', 'exit-code', 'score', ... */
  kind: string
  /** The GitHub Actions step (##[group] name) the block sits in, when known. */
  step?: string
  lines: LogLine[]
}

/** What the extractor returns for one log. */
export interface Extraction {
  blocks: FailureBlock[]
  /** Estimated tokens (chars / 4) of all block lines together; always <= the budget given. */
  tokens: number
  /** Total lines read from the log. */
  totalLines: number
  /** The step GitHub marked as failed, when the log tells. */
  failedStep?: string
}

/** A failed job of the analysed run with its extracted (and redacted) failure. */
export interface JobFailure {
  jobId: number
  jobName: string
  /** Name of the failed step from the jobs API, when known. */
  stepName?: string
  htmlUrl?: string
  extraction: Extraction
  /** Why the log could not be read (expired, missing), when it could not. */
  logError?: string
}

/** A repository file at the failing commit as read for context or patching. */
export interface RepoFile {
  path: string
  content: string
  /** Git blob SHA at the commit. */
  sha: string
  /** Why localization chose it (context files only). */
  reason?: string
  /** Lines of the file the failure points at (1-based), for windows of a large file. */
  focus?: number[]
}

/** A proposal that passed validation: the edits applied to real file contents. */
export interface FileChange {
  path: string
  before: string
  after: string
  /** Blob SHA of `before` at the commit; absent for a created file. */
  beforeSha?: string
  created: boolean
}

export interface Risk {
  level: RiskLevel
  reasons: string[]
}

/** The item stored per proposal (the DynamoDB item's attributes, same names; docs/aws-setup.md). */
export interface ProposalRecord {
  failure_id: string
  repo_name: string
  branch: string
  commit_sha: string
  run_id: number
  run_attempt: number
  workflow_name?: string
  /** PR the failure belongs to; absent for a push with no PR (the thread is the commit). */
  pr_number?: number
  root_cause: string
  proposed_patch: FileEdit[]
  diff: string
  risk_score: RiskLevel
  risk_reasons: string[]
  confidence: number
  status: Status
  commit_message: string
  /** Blob SHA of every touched file at commit_sha ('' for a file the patch creates). */
  file_shas: Record<string, string>
  proposal_hash: string
  /** True when the failing commit exists only in a fork. */
  from_fork: boolean
  /** 'bedrock' or 'rules'. */
  provider: string
  model_id: string
  input_tokens: number
  output_tokens: number
  timestamp: string
  updated_at: string
  pr_url?: string
  comment_url?: string
  approved_by?: string
  /** Why the fix failed / was rejected, shown in the thread. */
  outcome_note?: string
  /** The run or PR that decided the outcome (from GitHub's payload). */
  outcome_url?: string
  /** The failed jobs the proposal came from, for the thread comment (with why a log could not be read). */
  failed_jobs?: { name: string; step?: string; url?: string; logError?: string }[]
  /** Failed jobs of the run not analysed (over the job cap), so a re-rendered comment still says so. */
  skipped_jobs?: number
  run_url?: string
  /** The repository files the model saw, and why each was chosen (localization or the model's own reads). */
  context_files?: { path: string; reason: string }[]
  /** Paths the patch touches that are protected: approve needs the id spelled out by an admin or maintainer. */
  protected_hits?: string[]
  /** Who holds the pending -> approved claim (see Claim in store/store.ts), and since when. */
  claim_token?: string
  claimed_at?: string
  /** The `verify` command's verdict on this patch (absent when `verify` is not set). In the proposal hash. */
  verification?: VerificationRecord
}

/** Verification (issue 10): what the record stores about the last proposal's run of the `verify` command. The
 *  engine's full result is VerifyResult in src/verify/index.ts; the end of its redacted output is kept too. */
export interface VerificationRecord {
  verified: 'passed' | 'failed' | 'skipped'
  command: string
  exit_code?: number
  duration_ms: number
  /** Why skipped, or why failed without an exit code (timeout, signal). */
  reason?: string
  /** Proposals made for this failure, repair rounds included. */
  attempts: number
  /** The last lines the check printed, redacted (at most 4,000 characters): shown under the verdict. */
  output_tail?: string
}
