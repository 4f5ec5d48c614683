// Review of the new capabilities (in process): the verification command runs code a model wrote, isolated from
// FixFlow's process; FixFlow's own git calls after it run outside that isolation. A git config the command
// plants in $HOME (a clean filter, which `git status` runs on a file whose stat changed) must neither run there nor
// stay behind for the job's later steps (actions/checkout's post step runs git with the job's token).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { verifyProposal } from '../src/verify/index.js'
import type { Logger } from '../src/log.js'

let base: string
let ws: string
let home: string
let runnerTemp: string
let messages: string[]
const log: Logger = {
  info: m => messages.push(m),
  warning: m => messages.push(`warning: ${m}`),
  debug: () => {},
  startGroup: () => {},
  endGroup: () => {}
}

function sh(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: ws,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: home }
  }).trim()
}

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'fixflow-review-'))
  ws = join(base, 'workspace')
  home = join(base, 'home')
  runnerTemp = join(base, 'runner-temp')
  for (const d of [ws, home, runnerTemp]) mkdirSync(d)
  messages = []
})

afterEach(() => {
  rmSync(base, { recursive: true, force: true })
})

describe('verify and git config planted in $HOME', () => {
  it.each([
    ['~/.gitconfig, absent before', '.gitconfig', undefined],
    ['~/.gitconfig, present before', '.gitconfig', '[user]\n\tname = Someone\n'],
    ['~/.config/git/config', '.config/git/config', undefined]
  ])(
    "%s -> the filter never runs in FixFlow's git, and the file is back as it was",
    async (_name, rel, before) => {
      writeFileSync(join(ws, 'check.sh'), 'exit 1\n')
      writeFileSync(join(ws, 'README.md'), '# demo\n')
      sh('init', '-q', '-b', 'main')
      sh('config', 'user.email', 't@example.com')
      sh('config', 'user.name', 't')
      sh('add', '-A')
      sh('commit', '-q', '-m', 'first')
      const sha = sh('rev-parse', 'HEAD')
      const config = join(home, rel)
      if (before !== undefined) writeFileSync(config, before)
      const pwned = join(base, 'pwned')
      const command = [
        `mkdir -p "$(dirname "$HOME/${rel}")"`,
        `printf '[filter "x"]\\n\\tclean = touch ${pwned} && cat\\n' >> "$HOME/${rel}"`,
        "echo '* filter=x' > .gitattributes",
        // A stat change makes git status read the file again, through the clean filter.
        'sleep 1; touch README.md',
        'bash check.sh'
      ].join('; ')
      const r = await verifyProposal({
        workspace: ws,
        commitSha: sha,
        changes: [{ path: 'check.sh', before: 'exit 1\n', after: 'exit 0\n', created: false }],
        command,
        timeoutMs: 20_000,
        secrets: [],
        log,
        env: { PATH: process.env.PATH, HOME: home, RUNNER_TEMP: runnerTemp, LANG: 'C.UTF-8' },
        stateDir: runnerTemp
      })
      expect(r.verdict).toBe('passed')
      expect(existsSync(pwned)).toBe(false)
      expect(existsSync(config) ? readFileSync(config, 'utf8') : undefined).toBe(before)
    },
    30_000
  )

  it('the command replaces .git with a link to a git dir of its own -> its filter runs only where the command ran, never beside FixFlow', async () => {
    writeFileSync(join(ws, 'check.sh'), 'exit 1\n')
    writeFileSync(join(ws, 'README.md'), '# demo\n')
    sh('init', '-q', '-b', 'main')
    sh('config', 'user.email', 't@example.com')
    sh('config', 'user.name', 't')
    sh('add', '-A')
    sh('commit', '-q', '-m', 'first')
    const sha = sh('rev-parse', 'HEAD')
    const ran = join(base, 'ran')
    const sawFixFlow = join(base, 'saw-fixflow')
    const evil = join(base, 'evil')
    // This process is FixFlow here: a filter that can see its /proc entry could read its tokens.
    const filter = `touch ${ran}; test -e /proc/${process.pid}/environ && touch ${sawFixFlow}; cat`
    const command = [
      `cp -r .git ${evil}`,
      `git config --file ${evil}/config filter.x.clean '${filter}'`,
      `rm -rf .git && echo 'gitdir: ${evil}' > .git`,
      "echo '* filter=x' > .gitattributes",
      'sleep 1; touch README.md',
      'bash check.sh'
    ].join('; ')
    await verifyProposal({
      workspace: ws,
      commitSha: sha,
      changes: [{ path: 'check.sh', before: 'exit 1\n', after: 'exit 0\n', created: false }],
      command,
      timeoutMs: 20_000,
      secrets: [],
      log,
      env: { PATH: process.env.PATH, HOME: home, RUNNER_TEMP: runnerTemp, LANG: 'C.UTF-8' },
      stateDir: runnerTemp
    }).catch((e: unknown) => e)
    // The filter did run (FixFlow's git status after the command), so the isolation is what kept FixFlow out.
    expect(existsSync(ran)).toBe(true)
    expect(existsSync(sawFixFlow)).toBe(false)
  }, 30_000)
})
