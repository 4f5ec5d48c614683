// Input and output names in one place (action.yml is the contract).
export const Input = {
  GitHubToken: 'github-token',
  Mode: 'mode',
  Provider: 'provider',
  ModelId: 'model-id',
  AwsRegion: 'aws-region',
  DynamoDbTable: 'dynamodb-table',
  FixToken: 'fix-token',
  MaxLogBytes: 'max-log-bytes',
  MaxPromptTokens: 'max-prompt-tokens',
  ProtectedPaths: 'protected-paths',
  Dashboard: 'dashboard',
  // Verification (issue 10)
  Verify: 'verify',
  VerifyTimeout: 'verify-timeout',
  MaxAttempts: 'max-attempts',
  // Triage (issue 11)
  RerunTransient: 'rerun-transient',
  CommentOnNoFix: 'comment-on-no-fix'
} as const

export const Output = {
  FailureId: 'failure-id',
  Status: 'status',
  Risk: 'risk',
  Confidence: 'confidence',
  CommentUrl: 'comment-url',
  PrUrl: 'pr-url',
  PrNumber: 'pr-number',
  Branch: 'branch',
  RootCause: 'root-cause',
  // Verification (issue 10): passed, failed or skipped.
  Verified: 'verified'
} as const

/** Failed jobs analysed per run; the rest are listed in the comment but not sent to the model. */
export const MAX_JOBS = 5
/** Proposals per PR (or commit) per hour before FixFlow stops proposing (cost and flood cap). */
export const MAX_PROPOSALS_PER_HOUR = 10
