// Builds the parts a command runs with from the inputs: the analyzer, the store, the secrets to redact.
import type { Inputs } from './inputs.js'
import type { GitHubApi } from './github/api.js'
import { BedrockAnalyzer, RulesAnalyzer, hasAwsCredentials, type Analyzer } from './analysis/analyzer.js'
import { NovaClient } from './analysis/bedrock.js'
import { proposalSource, type ProposalSource } from './thread/proposals.js'

/** Exact values that must never leave the job: tokens and AWS credentials. */
export function knownSecrets(inputs: Inputs, env: NodeJS.ProcessEnv = process.env): string[] {
  return [
    inputs.githubToken,
    inputs.fixToken,
    env.AWS_ACCESS_KEY_ID,
    env.AWS_SECRET_ACCESS_KEY,
    env.AWS_SESSION_TOKEN
  ].filter((v): v is string => typeof v === 'string' && v.length >= 8)
}

export function makeAnalyzer(inputs: Inputs, log: (m: string) => void): Analyzer {
  const useBedrock = inputs.provider === 'bedrock' || (inputs.provider === 'auto' && hasAwsCredentials())
  if (!useBedrock) {
    log('No AWS credentials (or provider: rules): using the built-in rules analyzer, no model call.')
    return new RulesAnalyzer()
  }
  const nova = new NovaClient({ region: inputs.awsRegion, modelId: inputs.modelId, log })
  return new BedrockAnalyzer(nova, inputs.modelId, log)
}

/** Where proposals live: the table when `dynamodb-table` is set, else each thread's comment. */
export function proposalsFor(inputs: Inputs, gh: GitHubApi): ProposalSource {
  return proposalSource(
    gh,
    inputs.dynamodbTable ? { table: inputs.dynamodbTable, region: inputs.awsRegion } : undefined
  )
}
