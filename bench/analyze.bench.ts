// Benchmark of the analyze path (issue 2), run as the runner runs it: the committed dist/index.js against the
// loopback GitHub, Bedrock (an instant model) and DynamoDB servers of the tests. Bundled by bench/run.mjs with ncc.
// Reports: bundle size (what dist/index.js parses at start, and the chunks it loads on demand), cold start (spawn ->
// first output; also of a baseline dist/ given as BENCH_BASELINE, in the same run), the whole analyze path, GitHub requests per analysed failed job,
// and the prompt size (tokens in) per shipped example.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { cpus, totalmem } from 'node:os'
import { resolve } from 'node:path'
import { startGitHub } from '../__tests__/support/github-server.js'
import { startBedrock, toolUseReply } from '../__tests__/support/bedrock-server.js'
import { startDynamo } from '../__tests__/support/dynamo.js'
import { runAction } from '../__tests__/support/action.js'
import { initTable } from '../src/store/init-table.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const AWS = {
  AWS_ACCESS_KEY_ID: 'AKIDFAKEFAKEFAKE',
  AWS_SECRET_ACCESS_KEY: 'fake-secret-for-bench',
  AWS_REGION: 'us-east-1'
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? 0
}

async function coldStart(dist: string): Promise<number> {
  const t0 = performance.now()
  const child = spawn(process.execPath, [resolve(dist, 'index.js')], {
    env: { PATH: process.env.PATH ?? '', GITHUB_REPOSITORY: 'bench/cold', 'INPUT_GITHUB-TOKEN': 'x' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const first = await new Promise<number>(res => child.stdout.once('data', () => res(performance.now() - t0)))
  await new Promise(res => child.on('close', res))
  return first
}

async function main(): Promise<void> {
  const m = cpus()
  console.log(
    `machine: ${m[0]?.model ?? 'unknown cpu'}, ${m.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`
  )

  // BENCH_BASELINE=<dir>: another build's dist/ (e.g. the previous commit's) measured in the same run, interleaved.
  const dists = ['dist', ...(process.env.BENCH_BASELINE ? [process.env.BENCH_BASELINE] : [])]
  for (const dist of dists) {
    const mb = (file: string): string => (statSync(resolve(dist, file)).size / 1e6).toFixed(2)
    const chunks = readdirSync(resolve(dist)).filter(f => /^\d+\.index\.js$/.test(f))
    console.log(
      `${dist}/index.js: ${mb('index.js')} MB parsed at start (target < 3 MB); loaded only when needed: ` +
        (chunks.map(f => `${f} ${mb(f)} MB`).join(', ') || 'none')
    )
  }
  const cold = new Map<string, number[]>(dists.map(d => [d, []]))
  for (let i = 0; i < RUNS; i++) for (const dist of dists) cold.get(dist)?.push(await coldStart(dist))
  for (const dist of dists) {
    console.log(
      `cold start of ${dist}/index.js to first output: median ${median(cold.get(dist) ?? []).toFixed(0)} ms over ${RUNS} runs (target < 300 ms)`
    )
  }

  const gh = await startGitHub()
  const dynamo = await startDynamo()
  process.env.AWS_ACCESS_KEY_ID = AWS.AWS_ACCESS_KEY_ID
  process.env.AWS_SECRET_ACCESS_KEY = AWS.AWS_SECRET_ACCESS_KEY
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint
  await initTable({ table: 'bench', region: 'us-east-1' })
  // An instant model: it proposes the first manifest line again with a comment, which validates everywhere.
  let lastPromptChars = 0
  const bedrock = await startBedrock(req => {
    const body = req.body as { system?: { text?: string }[]; messages?: { content?: { text?: string }[] }[] }
    const text = [
      ...(body.system ?? []).map(s => s.text ?? ''),
      ...(body.messages ?? []).flatMap(x => (x.content ?? []).map(c => c.text ?? ''))
    ].join('\n')
    lastPromptChars = text.length
    const file = /--- FILE: ?([^\s]+)/.exec(text)?.[1] ?? ''
    return toolUseReply({
      root_cause: 'bench',
      files_to_modify: [],
      confidence: 0.5,
      commit_message: `fix: ${file}`
    })
  })

  const examples = readdirSync('examples', { withFileTypes: true })
    .filter(d => d.isDirectory())
    .map(d => d.name)
  const totals: number[] = []
  const perJob: number[] = []
  const prompts: { name: string; tokens: number }[] = []
  let n = 0
  for (const name of examples) {
    const runsFor = name === 'python-missing-module' ? RUNS : 1
    for (let i = 0; i < runsFor; i++) {
      n++
      const head = gh.push(`bench-${n}`, gh.readDir(`examples/${name}/repo`), name)
      const pr = gh.addPull({ head_sha: head, head_ref: `bench-${n}`, base_ref: 'main' })
      const run = gh.addRun({ head_sha: head, head_branch: `bench-${n}`, event: 'pull_request', name: 'CI' })
      gh.addJob(run.id, {
        name: 'test',
        failedStep: 'Run tests',
        log: readFileSync(`examples/${name}/ci.log`, 'utf8')
      })
      const before = gh.requests.length
      const t0 = performance.now()
      const r = await runAction({
        eventName: 'pull_request',
        event: {
          action: 'synchronize',
          number: pr.number,
          pull_request: gh.payload.pull(pr.number),
          repository: gh.payload.repository()
        },
        inputs: { 'github-token': gh.token, 'dynamodb-table': 'bench' },
        env: {
          ...AWS,
          GITHUB_REPOSITORY: gh.fullName,
          GITHUB_API_URL: gh.url,
          GITHUB_RUN_ID: String(run.id),
          GITHUB_RUN_ATTEMPT: '1',
          GITHUB_SHA: head,
          GITHUB_REF: `refs/pull/${pr.number}/merge`,
          GITHUB_WORKFLOW: 'CI',
          AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.url,
          AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint
        }
      })
      const ms = performance.now() - t0
      if (r.code !== 0) throw new Error(`analyze failed on ${name}: ${r.stdout}\n${r.stderr}`)
      if (name === 'python-missing-module') totals.push(ms)
      perJob.push(gh.requests.length - before)
      if (i === 0) prompts.push({ name, tokens: Math.round(lastPromptChars / 4) })
    }
  }
  console.log(
    `whole analyze path (seed example, bundle + loopback GitHub/Bedrock/DynamoDB, instant model): median ${median(totals).toFixed(0)} ms over ${totals.length} runs (target < 1500 ms)`
  )
  console.log(
    `GitHub API requests per analysed failed job: median ${median(perJob)}, max ${Math.max(...perJob)} (target <= 6)`
  )
  console.log('prompt size (system + user text / 4) per shipped example:')
  for (const p of prompts) console.log(`  ${p.name.padEnd(32)} ${p.tokens} tokens`)
  console.log(
    `  median ${median(prompts.map(p => p.tokens))} tokens (target <= 6000; cap max-prompt-tokens = 6000)`
  )
  await Promise.all([gh.close(), bedrock.close(), dynamo.close()])
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
