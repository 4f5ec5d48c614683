import * as core from '@actions/core'
import { actionInputs, type Inputs, type Mode } from './inputs.js'
import { DynamoStore } from './store/dynamo.js'
import { renderDashboard } from './render/dashboard.js'
import { readContext } from './event/context.js'
import { pickMode } from './event/mode.js'
import { readCommand, readFailure, readFixOutcome, readRunCompleted } from './event/event.js'
import { actionLogger } from './log.js'
import { ConfigError, errorMessage } from './errors.js'
import { GitHubClient } from './github/client.js'
import { analyze, type AnalyzeResult } from './flows/analyze/index.js'
import { handleCommand, type ApproveStatus } from './flows/approve/index.js'
import { track, type TrackStatus } from './flows/track/index.js'
import { autoRerun, rerunCommand, type RerunResult } from './flows/rerun/index.js'
import { StoreConfigError } from './store/store.js'
import { knownSecrets, makeAnalyzer, proposalsFor } from './wiring.js'
import { refreshDashboardIssue } from './thread/dashboard.js'
import { uploadArtifacts } from './artifact.js'
import { Output } from './constants.js'
import { plainParagraph } from './render/plain-paragraph.js'

/** The `status` output: one vocabulary over the three flows. */
export type FlowStatus = AnalyzeResult['status'] | ApproveStatus | TrackStatus | RerunResult['status']

/** Outputs set in one place, whatever the mode. */
function setOutputs(r: {
  status: FlowStatus
  failureId?: string
  risk?: string
  confidence?: number
  commentUrl?: string
  prUrl?: string
  verified?: string
  prNumber?: number
  branch?: string
  rootCause?: string
}): void {
  core.setOutput(Output.Status, r.status)
  if (r.failureId) core.setOutput(Output.FailureId, r.failureId)
  if (r.risk) core.setOutput(Output.Risk, r.risk)
  if (r.confidence !== undefined) core.setOutput(Output.Confidence, String(r.confidence))
  if (r.commentUrl) core.setOutput(Output.CommentUrl, r.commentUrl)
  if (r.prUrl) core.setOutput(Output.PrUrl, r.prUrl)
  if (r.verified) core.setOutput(Output.Verified, r.verified)
  if (r.prNumber !== undefined) core.setOutput(Output.PrNumber, String(r.prNumber))
  if (r.branch) core.setOutput(Output.Branch, r.branch)
  if (r.rootCause) core.setOutput(Output.RootCause, plainParagraph(r.rootCause))
}

export async function run(): Promise<void> {
  let summary = ''
  let mode: Exclude<Mode, 'auto'> | undefined
  try {
    const inputs = actionInputs()
    const ctx = readContext()
    mode = pickMode(inputs.mode, ctx)
    actionLogger.info(`FixFlow ${mode} on ${ctx.owner}/${ctx.repo} (${ctx.eventName || 'no event'})`)
    if (!inputs.githubToken)
      throw new ConfigError(
        "Input 'github-token' is empty; pass ${{ github.token }} or a token with repo access."
      )
    for (const s of knownSecrets(inputs)) core.setSecret(s)
    const gh = new GitHubClient({
      token: inputs.githubToken,
      repo: { owner: ctx.owner, repo: ctx.repo },
      log: m => actionLogger.info(m)
    })
    if (mode === 'rerun') {
      setOutputs(
        await autoRerun({
          gh,
          event: readRunCompleted(ctx),
          rerunTransient: inputs.rerunTransient,
          maxLogBytes: inputs.maxLogBytes,
          log: actionLogger
        })
      )
      return
    }
    const proposals = proposalsFor(inputs, gh)
    try {
      if (mode === 'analyze') {
        const result = await analyze({
          gh,
          proposals,
          analyzer: makeAnalyzer(inputs, m => actionLogger.info(m)),
          inputs,
          job: ctx,
          event: readFailure(ctx),
          secrets: knownSecrets(inputs),
          log: actionLogger
        })
        setOutputs(result)
        if (result.notice) core.notice(result.notice, { title: 'FixFlow' })
        summary = result.markdown ?? ''
        if (inputs.dashboard === 'summary')
          summary += '\n\n' + (await dashboard(inputs, `${ctx.owner}/${ctx.repo}`))
        await uploadArtifacts(`fixflow-${result.failureId ?? ctx.runId}`, result.artifacts, actionLogger)
        return
      }
      if (mode === 'approve') {
        const command = readCommand(ctx)
        if (
          command.kind === 'command' &&
          command.via === 'comment' &&
          command.comment.command.verb === 'rerun'
        ) {
          const comment = { ...command.comment, command: command.comment.command }
          setOutputs(await rerunCommand({ gh, comment, log: actionLogger }))
          return
        }
        const fixGh = inputs.fixToken
          ? new GitHubClient({
              token: inputs.fixToken,
              repo: { owner: ctx.owner, repo: ctx.repo },
              log: m => actionLogger.info(m)
            })
          : gh
        setOutputs(
          await handleCommand({
            gh,
            fixGh,
            hasFixToken: Boolean(inputs.fixToken),
            protectedPaths: inputs.protectedPaths,
            proposals,
            job: ctx,
            event: command,
            log: actionLogger
          })
        )
        return
      }
      setOutputs(await track({ gh, proposals, job: ctx, event: readFixOutcome(ctx), log: actionLogger }))
    } finally {
      // Whatever the flow did to a proposal, also when it failed half-way, the dashboard shows what is stored.
      if (inputs.dashboard === 'issue') {
        const table = inputs.dynamodbTable
        await refreshDashboardIssue({
          gh,
          proposals,
          recent: table
            ? () =>
                new DynamoStore({ table, region: inputs.awsRegion }).listRecent(
                  `${ctx.owner}/${ctx.repo}`,
                  100
                )
            : undefined,
          log: actionLogger
        })
      }
    }
  } catch (e) {
    core.setFailed(failureMessage(e, mode))
  } finally {
    if (summary) {
      try {
        await core.summary.addRaw(summary).write()
      } catch (e) {
        core.warning(`could not write the job summary: ${errorMessage(e)}`)
      }
    }
  }
}

/** The repository's recent proposals for the job summary; needs the table (the thread store has no index). */
async function dashboard(inputs: Inputs, repo: string): Promise<string> {
  if (!inputs.dynamodbTable)
    return '_The dashboard needs `dynamodb-table`: without a table, proposals live in their threads._'
  try {
    const store = new DynamoStore({ table: inputs.dynamodbTable, region: inputs.awsRegion })
    return renderDashboard(repo, await store.listRecent(repo, 20))
  } catch (e) {
    core.warning(`could not build the dashboard: ${errorMessage(e)}`)
    return ''
  }
}

/** The least permissions of each job, for messages about a token that lacks one. */
const PERMISSIONS: Record<Exclude<Mode, 'auto'>, string> = {
  analyze: 'actions: read, contents: read, pull-requests: write, issues: write',
  approve: 'contents: write, pull-requests: write, issues: write, actions: write',
  track: 'contents: write, pull-requests: write, issues: write, actions: write',
  rerun: 'actions: write, pull-requests: read, issues: read'
}

/** Messages that say what to change, for the faults a user can fix; `mode` names the job whose permissions count. */
export function failureMessage(e: unknown, mode?: Exclude<Mode, 'auto'>): string {
  if (e instanceof ConfigError || e instanceof StoreConfigError) return e.message
  const status = (e as { status?: unknown }).status
  if (status === 401)
    return `GitHub rejected the token (401): check the github-token input. ${errorMessage(e)}`
  if (status === 403 || status === 404) {
    const need = mode
      ? `FixFlow's ${mode} job needs permissions: { ${PERMISSIONS[mode]} }.`
      : `FixFlow's analyze job needs permissions: { ${PERMISSIONS.analyze} }; ` +
        `the approve and track jobs need { ${PERMISSIONS.approve} }.`
    return `GitHub answered ${status}: the job's token probably lacks a permission. ${need} ${errorMessage(e)}`
  }
  return errorMessage(e)
}
