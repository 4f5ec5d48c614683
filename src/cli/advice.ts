// Messages written for the action (run in CI) say what to change in a workflow; run locally, the same faults are
// fixed in the user's shell. This rewrites the CI advice into local advice, and names the CLI the way it was run.
import { programName } from './args.js'

const CI_CREDENTIALS = /Configure them with aws-actions\/configure-aws-credentials[^.]*before FixFlow runs\./g

export const LOCAL_CREDENTIALS =
  'Locally, FixFlow uses the AWS SDK default chain: set AWS_PROFILE (after `aws sso login` or `aws configure`), or ' +
  'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys), in the environment, ' +
  'and AWS_REGION or --region; or pass --provider rules to analyse without a cloud account.'

/** `fixflow <command>` in a message, when meant as something to run: a `fixflow` binary is usually not installed. */
const FIXFLOW_COMMAND = /\bfixflow (analyze|extract|init-table|list)\b/g

export function localAdvice(message: string, prog = programName()): string {
  return message.replace(CI_CREDENTIALS, LOCAL_CREDENTIALS).replace(FIXFLOW_COMMAND, `${prog} $1`)
}
