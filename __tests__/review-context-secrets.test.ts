// Review of the new capabilities (in process): the files localization puts in the prompt follow the lookup tool's
// rule. read_file refuses a secret-looking file; the prompt must not carry the same file because a log line named it.
import { describe, expect, it } from '@jest/globals'
import { RepoSnapshot, gatherContext, type TreeEntry } from '../src/analysis/context.js'
import type { JobFailure } from '../src/types.js'
import { isSecretLooking } from '../src/analysis/localize/tools.js'

const files: Record<string, string> = {
  'config/secrets.yml': 'production:\n  secret_key_base: fake-but-private\n',
  'config/settings.yml': 'timeout: 5\n',
  'deploy/prod.tfvars': 'db_password = "fake"\n',
  'app/load.py': 'import yaml\n\ndef load(p):\n    return yaml.safe_load(open(p))\n'
}
const tree: TreeEntry[] = Object.keys(files).map(path => ({ path, mode: '100644', sha: 'a'.repeat(40) }))
const snapshot = (): RepoSnapshot =>
  new RepoSnapshot(tree, path => {
    const content = files[path]
    return Promise.resolve(content === undefined ? undefined : { content, sha: 'a'.repeat(40) })
  })

const failure = (lines: string[]): JobFailure => ({
  jobId: 1,
  jobName: 'test',
  extraction: {
    blocks: [{ kind: 'x', lines: lines.map((text, i) => ({ n: i + 1, text })) }],
    tokens: 10,
    totalLines: lines.length
  }
})

describe('gatherContext and secret-looking files', () => {
  it('a failure naming config/secrets.yml and a .tfvars file -> neither is sent, the code is', async () => {
    const { files: sent } = await gatherContext(snapshot(), [
      failure([
        '  File "/home/runner/work/r/r/app/load.py", line 4, in load',
        'yaml.scanner.ScannerError: while scanning config/secrets.yml, line 2',
        'Error: deploy/prod.tfvars line 1: invalid value'
      ])
    ])
    const paths = sent.map(f => f.path)
    expect(paths).toContain('app/load.py')
    expect(paths).not.toContain('config/secrets.yml')
    expect(paths).not.toContain('deploy/prod.tfvars')
    expect(sent.map(f => f.content).join('\n')).not.toContain('fake-but-private')
  })

  it('isSecretLooking: credential files by convention beyond the first list, and no source file', () => {
    for (const p of [
      'deploy/prod.env',
      'config/secrets.production.yml',
      'gcp-credentials.json',
      'ci/aws_credentials.ini',
      'keys/service-account-prod.json',
      'kubeconfig',
      'ops/.kube/config',
      '.pgpass',
      'home/.my.cnf',
      'AuthKey_ABC123.p8'
    ])
      expect([p, isSecretLooking(p)]).toEqual([p, true])
    for (const p of [
      'src/env.ts',
      'src/environment.py',
      'src/credentials_test.py',
      'src/secrets_manager.go',
      'docs/managing-credentials.md',
      'lib/service_account.rb',
      'config/settings.yml'
    ])
      expect([p, isSecretLooking(p)]).toEqual([p, false])
  })
})
