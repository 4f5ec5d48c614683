// The built-in analyzer used without a model (no AWS credentials, or `provider: rules`): for failure classes whose
// fix is a certain text edit, it builds the same proposal the model would, from the failure lines and the repository
// files alone. No network, no shell: pure logic over the log and repo.read.
import type { JobFailure, ModelProposal } from '../types.js'
import { type Rule, type RuleRepo, buildContext } from './rules/context.js'
import { nodeMissingPackage, nodeMissingTypes } from './rules/node.js'
import { pythonMissingModule, pytestMissingPlugin } from './rules/python.js'
import { rubyMissingGem } from './rules/ruby.js'

export type { RuleRepo } from './rules/context.js'

export type RulesResult = { rule: string; proposal: ModelProposal } | { rule: undefined; reason: string }

/** In order of how specific their evidence is; the first proposal wins. */
export const RULES: readonly Rule[] = [
  pytestMissingPlugin,
  pythonMissingModule,
  nodeMissingTypes,
  nodeMissingPackage,
  rubyMissingGem
]

export async function analyzeWithRules(failures: JobFailure[], repo: RuleRepo): Promise<RulesResult> {
  const ctx = buildContext(failures, repo)
  if (ctx.lines.length === 0) {
    return {
      rule: undefined,
      reason: 'No failure lines were extracted from the logs, so no built-in rule could be checked.'
    }
  }
  const diagnoses: string[] = []
  for (const rule of RULES) {
    const outcome = await rule.apply(ctx)
    if (outcome?.kind === 'proposal') return { rule: rule.name, proposal: outcome.proposal }
    if (outcome?.kind === 'diagnosis') diagnoses.push(`${rule.name}: ${outcome.reason}.`)
  }
  const checked = RULES.map(r => `- ${r.describes}`).join('\n')
  const head =
    diagnoses.length > 0
      ? `A known failure class was recognised, but no certain edit follows from it:\n${diagnoses.map(d => `- ${d}`).join('\n')}\n\n`
      : 'No built-in rule matches this failure. '
  return {
    rule: undefined,
    reason: `${head}The built-in analyzer checks these failure classes only:\n${checked}\nA model (Amazon Nova via Bedrock) is needed for anything else.`
  }
}
