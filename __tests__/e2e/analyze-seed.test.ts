// The seed scenario end to end: the committed bundle, the real Octokit and AWS SDK, loopback GitHub/Bedrock/DynamoDB.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { startGitHub, type FakeGitHub } from '../support/github-server.js'
import { startBedrock, toolUseReply, type BedrockServer } from '../support/bedrock-server.js'
import { startDynamo, type LocalDynamo } from '../support/dynamo.js'
import { runAction } from '../support/action.js'
import { initTable } from '../../src/store/init-table.js'
import { DynamoStore } from '../../src/store/dynamo.js'

const EXAMPLE = 'examples/python-missing-module'
const AWS = {
  AWS_ACCESS_KEY_ID: 'AKIDFAKEFAKEFAKE',
  AWS_SECRET_ACCESS_KEY: 'fake-secret-for-tests',
  AWS_REGION: 'us-east-1'
}

describe('analyze: a PR whose tests fail with a missing module', () => {
  let gh: FakeGitHub
  let bedrock: BedrockServer
  let dynamo: LocalDynamo

  beforeAll(async () => {
    gh = await startGitHub()
    dynamo = await startDynamo()
    process.env.AWS_ACCESS_KEY_ID = AWS.AWS_ACCESS_KEY_ID
    process.env.AWS_SECRET_ACCESS_KEY = AWS.AWS_SECRET_ACCESS_KEY
    bedrock = await startBedrock(() =>
      toolUseReply({
        root_cause:
          "`weather_report/report.py` imports pandas, which requirements.txt does not list,\nso pytest fails with ModuleNotFoundError: No module named 'pandas'.",
        files_to_modify: [
          {
            file_path: 'requirements.txt',
            original: 'numpy==2.1.3\n',
            replacement: 'numpy==2.1.3\npandas==2.2.3\n'
          }
        ],
        confidence: 0.9,
        commit_message: 'fix(deps): add missing pandas dependency'
      })
    )
  })

  afterAll(async () => {
    await Promise.all([gh?.close(), bedrock?.close(), dynamo?.close()])
  })

  it('posts one PR comment with root cause, medium risk, the pin in the diff, and stores the proposal', async () => {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint
    await initTable({ table: 'ci_failures', region: 'us-east-1' })
    const base = gh.push('main', gh.readDir(`${EXAMPLE}/repo`), 'initial')
    const head = gh.seedCommit({ 'weather_report/extra.py': 'X = 1\n' }, base, 'feature')
    const pr = gh.addPull({ head_sha: head, head_ref: 'feature/forecast', base_ref: 'main' })
    const run = gh.addRun({
      head_sha: head,
      head_branch: 'feature/forecast',
      event: 'pull_request',
      name: 'CI'
    })
    gh.addJob(run.id, {
      name: 'test',
      failedStep: 'Run pytest',
      log: readFileSync(`${EXAMPLE}/ci.log`, 'utf8')
    })
    gh.addJob(run.id, { name: 'lint', conclusion: 'success', log: 'all good\n' })

    const result = await runAction({
      eventName: 'pull_request',
      event: {
        action: 'synchronize',
        number: pr.number,
        pull_request: gh.payload.pull(pr.number),
        repository: gh.payload.repository()
      },
      inputs: { 'github-token': gh.token, 'dynamodb-table': 'ci_failures' },
      env: {
        ...AWS,
        GITHUB_REPOSITORY: gh.fullName,
        GITHUB_API_URL: gh.url,
        GITHUB_RUN_ID: String(run.id),
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_SHA: 'f'.repeat(40),
        GITHUB_REF: `refs/pull/${pr.number}/merge`,
        GITHUB_WORKFLOW: 'CI',
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.url,
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint
      }
    })
    expect(result.stdout).not.toContain('::error::')
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({
      status: 'pending',
      risk: 'medium',
      'failure-id': `${run.id}-1`,
      confidence: '0.9',
      // One paragraph of plain text for scripts: the reply's code span and line break are gone.
      'root-cause':
        "weather_report/report.py imports pandas, which requirements.txt does not list, so pytest fails with ModuleNotFoundError: No module named 'pandas'."
    })

    const comments = gh.commentsOn({ kind: 'pr', number: pr.number })
    expect(comments).toHaveLength(1)
    const body = comments[0]!.body
    expect(body).toContain('No module named')
    expect(body).toContain('🟡 medium')
    expect(body).toContain('+pandas==2.2.3')
    expect(body).toContain(`/fixflow approve ${run.id}-1`)
    expect(result.outputs['comment-url']).toBe(comments[0]!.html_url)

    // The model saw the failure and the manifest at the developer's commit, not the merge commit.
    const sent = JSON.stringify(bedrock.requests[0]!.body)
    expect(sent).toContain("No module named 'pandas'")
    expect(sent).toContain('numpy==2.1.3')

    const store = new DynamoStore({ table: 'ci_failures', region: 'us-east-1' })
    const item = await store.get(`${run.id}-1`)
    expect(item).toMatchObject({
      status: 'pending',
      commit_sha: head,
      branch: 'feature/forecast',
      repo_name: gh.fullName,
      risk_score: 'medium',
      confidence: 0.9,
      pr_number: pr.number,
      comment_url: comments[0]!.html_url
    })
    expect(result.summary).toContain('+pandas==2.2.3')
  })
})
