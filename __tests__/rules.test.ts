// The built-in analyzer on the shipped examples (real-shaped logs and repositories) and on the variants real logs
// and manifests come in.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { analyzeWithRules, type RuleRepo, type RulesResult } from '../src/analysis/rules.js'
import { extractText } from '../src/logs/extract.js'
import type { JobFailure, ModelProposal } from '../src/types.js'

const EXAMPLES = join(import.meta.dirname, '..', 'examples')

function walk(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = join(dir, name)
    return statSync(full).isDirectory() ? walk(full, root) : [relative(root, full).split('\\').join('/')]
  })
}

/** A repository from files in memory. */
function memRepo(files: Record<string, string>): RuleRepo {
  return {
    paths: Object.keys(files),
    read: path => Promise.resolve(files[path])
  }
}

function exampleFiles(name: string): Record<string, string> {
  const root = join(EXAMPLES, name, 'repo')
  return Object.fromEntries(walk(root).map(p => [p, readFileSync(join(root, p), 'utf8')]))
}

/** A failure built the simple way: the log's last lines without their timestamps, as one block. */
function tailFailure(lines: string[], jobName = 'test', tail = 60): JobFailure {
  const kept = lines.slice(-tail).map((text, i) => ({ n: lines.length - tail + i + 1, text }))
  return {
    jobId: 1,
    jobName,
    extraction: { blocks: [{ kind: 'test', lines: kept }], tokens: 0, totalLines: lines.length }
  }
}

function logFailures(name: string, jobName: string): { tail: JobFailure; extracted: JobFailure } {
  const raw = readFileSync(join(EXAMPLES, name, 'ci.log'), 'utf8')
  const lines = raw
    .replace(/^\uFEFF/, '')
    .split('\n')
    .filter(l => l !== '')
    .map(l => l.replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z /, ''))
  // Stop at the runner's error line, like the failure block does; cleanup lines after it are noise.
  const end = lines.findIndex(l => l.startsWith('##[error]Process completed'))
  return {
    tail: tailFailure(lines.slice(0, end + 1), jobName),
    extracted: { jobId: 2, jobName, extraction: extractText(raw) }
  }
}

/** Applies a proposal the way the patch step does: each original found exactly once (or '' = append/create). */
function apply(files: Record<string, string>, p: ModelProposal): Record<string, string> {
  const out = { ...files }
  for (const e of p.files_to_modify) {
    const before = out[e.file_path] ?? ''
    if (e.original === '') {
      out[e.file_path] = before + e.replacement
      continue
    }
    const at = before.indexOf(e.original)
    expect(at).toBeGreaterThanOrEqual(0)
    expect(before.indexOf(e.original, at + 1)).toBe(-1)
    out[e.file_path] = before.slice(0, at) + e.replacement + before.slice(at + e.original.length)
  }
  return out
}

function expectProposal(r: RulesResult, rule: string): ModelProposal {
  if (r.rule === undefined) throw new Error(`expected rule ${rule}, got: ${r.reason}`)
  expect(r.rule).toBe(rule)
  expect(r.proposal.confidence).toBeGreaterThan(0)
  expect(r.proposal.confidence).toBeLessThanOrEqual(1)
  expect(r.proposal.commit_message).toMatch(/^fix\(deps\): /)
  return r.proposal
}

function expectNoRule(r: RulesResult): string {
  if (r.rule !== undefined) throw new Error(`expected no rule, got ${r.rule}: ${r.proposal.root_cause}`)
  return r.reason
}

/** One failure from a few log lines (already cleaned). */
function failure(lines: string[], jobName = 'test'): JobFailure[] {
  return [tailFailure(lines, jobName, lines.length)]
}

describe('examples', () => {
  const cases: Array<{
    name: string
    job: string
    rule: string
    check: (after: Record<string, string>) => void
  }> = [
    {
      name: 'python-missing-module',
      job: 'test',
      rule: 'python-missing-module',
      check: after =>
        expect(after['requirements.txt']).toBe(
          '# Runtime and test dependencies (pinned; update with care)\nnumpy==2.1.3\npandas\npytest==8.3.4\npython-dateutil==2.9.0.post0\nrequests==2.32.3\n'
        )
    },
    {
      name: 'python-pytest-plugin',
      job: 'test (3.12)',
      rule: 'pytest-missing-plugin',
      check: after => {
        expect(after['requirements-dev.txt']).toBe(
          '-r requirements.txt\n\npytest==8.3.4\npytest-cov\nruff==0.8.2\n'
        )
        expect(after['requirements.txt']).toBe('httpx==0.28.1\npydantic==2.10.3\n')
      }
    },
    {
      name: 'node-missing-package',
      job: 'test',
      rule: 'node-missing-package',
      check: after => {
        const pkg = JSON.parse(after['package.json'] ?? '') as { dependencies: Record<string, string> }
        expect(Object.keys(pkg.dependencies)).toEqual(['commander', 'p-limit', 'picocolors'])
        expect(pkg.dependencies['p-limit']).toBe('*')
        expect(after['package.json']).toContain(
          '    "commander": "^12.1.0",\n    "p-limit": "*",\n    "picocolors"'
        )
      }
    },
    {
      name: 'typescript-missing-node-types',
      job: 'build',
      rule: 'typescript-missing-types',
      check: after => {
        expect(after['package.json']).toContain(
          '"devDependencies": {\n    "@types/node": "^20",\n    "typescript": "^5.6.3"\n  }'
        )
      }
    },
    {
      name: 'ruby-missing-gem',
      job: 'rspec',
      rule: 'ruby-missing-gem',
      check: after =>
        expect(after['Gemfile']).toContain(
          'gem "csv"\ngem "rake", "~> 13.2"\ngem "terminal-table", "~> 3.0"\n'
        )
    }
  ]

  it('ships one example per rule, each a repository with a workflow and a long job log', () => {
    const shipped = readdirSync(EXAMPLES).filter(n => statSync(join(EXAMPLES, n)).isDirectory())
    expect(shipped.sort()).toEqual(cases.map(c => c.name).sort())
    for (const name of shipped) {
      const files = exampleFiles(name)
      expect(Object.keys(files)).toContain('.github/workflows/ci.yml')
      const log = readFileSync(join(EXAMPLES, name, 'ci.log'), 'utf8').split('\n')
      expect(log.length).toBeGreaterThan(150)
      expect(
        log.filter(l => l !== '').every(l => /^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z /.test(l))
      ).toBe(true)
      expect(log.some(l => l.includes('##[error]Process completed with exit code'))).toBe(true)
    }
  })

  for (const c of cases) {
    for (const mode of ['tail', 'extracted'] as const) {
      it(`${c.name}: ${c.rule} proposes the exact edit (${mode} failure block)`, async () => {
        const files = exampleFiles(c.name)
        const failures = logFailures(c.name, c.job)
        const p = expectProposal(await analyzeWithRules([failures[mode]], memRepo(files)), c.rule)
        c.check(apply(files, p))
        expect(p.root_cause.length).toBeGreaterThan(40)
      })
    }
  }

  it('the seed names the evidence line, leaves the pin to the maintainer and writes a conventional commit', async () => {
    const files = exampleFiles('python-missing-module')
    const p = expectProposal(
      await analyzeWithRules([logFailures('python-missing-module', 'test').tail], memRepo(files)),
      'python-missing-module'
    )
    expect(p.root_cause).toContain("ModuleNotFoundError: No module named 'pandas'")
    expect(p.root_cause).toContain('pip install -r requirements.txt')
    expect(p.root_cause).toMatch(/no version is invented/)
    expect(p.commit_message).toBe('fix(deps): add missing pandas dependency')
    expect(p.files_to_modify).toEqual([
      { file_path: 'requirements.txt', original: 'numpy==2.1.3\n', replacement: 'numpy==2.1.3\npandas\n' }
    ])
    expect(p.confidence).toBe(0.85)
  })
})

const PY_REPO = {
  'requirements.txt': 'flask==3.1.0\nrequests==2.32.3\n',
  'app/__init__.py': '',
  'app/main.py': 'import yaml\n',
  'tests/test_main.py': 'import app.main\n'
}

describe('python-missing-module', () => {
  it.each([
    ["E   ModuleNotFoundError: No module named 'yaml'", 'PyYAML'],
    ["ModuleNotFoundError: No module named 'cv2'", 'opencv-python'],
    ["ModuleNotFoundError: No module named 'sklearn.ensemble'", 'scikit-learn'],
    ["ModuleNotFoundError: No module named 'PIL'", 'Pillow'],
    ["ModuleNotFoundError: No module named 'bs4'", 'beautifulsoup4'],
    ["ModuleNotFoundError: No module named 'dateutil'", 'python-dateutil'],
    ["ModuleNotFoundError: No module named 'google.cloud.storage'", 'google-cloud-storage'],
    ["ModuleNotFoundError: No module named 'distutils'", 'setuptools'],
    ['ImportError: No module named markdown', 'Markdown'],
    ["ImportError: No module named 'httpx'", 'httpx']
  ])('%s -> %s', async (line, dist) => {
    const p = expectProposal(
      await analyzeWithRules(failure([line]), memRepo(PY_REPO)),
      'python-missing-module'
    )
    const after = apply(PY_REPO, p)['requirements.txt'] ?? ''
    expect(after.split('\n')).toContain(dist)
    expect(after).toContain('flask==3.1.0\n')
    expect(p.root_cause).toContain(line.trim())
  })

  it('skips standard-library modules', async () => {
    const reason = expectNoRule(
      await analyzeWithRules(failure(["ModuleNotFoundError: No module named 'tomllib'"]), memRepo(PY_REPO))
    )
    expect(reason).toMatch(/standard library/)
  })

  it('skips the repository’s own packages and modules', async () => {
    for (const mod of ['app', 'app.settings', 'conftest_helpers']) {
      const repo = memRepo({ ...PY_REPO, 'tests/conftest_helpers.py': '' })
      const reason = expectNoRule(
        await analyzeWithRules(failure([`ModuleNotFoundError: No module named '${mod}'`]), repo)
      )
      expect(reason).toMatch(/repository's own module/)
    }
  })

  it('skips a module shadowed by a local file ("is not a package")', async () => {
    expectNoRule(
      await analyzeWithRules(
        failure(["ModuleNotFoundError: No module named 'yaml.loader'; 'yaml' is not a package"]),
        memRepo(PY_REPO)
      )
    )
  })

  it('does not add a dependency that is already declared', async () => {
    const reason = expectNoRule(
      await analyzeWithRules(failure(["ModuleNotFoundError: No module named 'requests'"]), memRepo(PY_REPO))
    )
    expect(reason).toMatch(/already declared in requirements\.txt/)
  })

  it('keeps CRLF line endings and appends to an unsorted file', async () => {
    const files = { 'requirements.txt': 'requests>=2\r\nflask\r\n' }
    const p = expectProposal(
      await analyzeWithRules(failure(["ModuleNotFoundError: No module named 'yaml'"]), memRepo(files)),
      'python-missing-module'
    )
    expect(apply(files, p)['requirements.txt']).toBe('requests>=2\r\nflask\r\nPyYAML\r\n')
    expect(p.root_cause).toMatch(/picks the latest release/)
    expect(p.confidence).toBe(0.9)
  })

  it('adds a final newline-less file without gluing lines', async () => {
    const files = { 'requirements.txt': 'flask' }
    const p = expectProposal(
      await analyzeWithRules(failure(["ModuleNotFoundError: No module named 'yaml'"]), memRepo(files)),
      'python-missing-module'
    )
    expect(apply(files, p)['requirements.txt']).toBe('flask\nPyYAML')
  })

  it('uses a version the log shows', async () => {
    const p = expectProposal(
      await analyzeWithRules(
        failure([
          'Collecting pandas==2.2.2 (from -r requirements/base.txt (line 4))',
          "ModuleNotFoundError: No module named 'pandas'"
        ]),
        memRepo(PY_REPO)
      ),
      'python-missing-module'
    )
    expect(apply(PY_REPO, p)['requirements.txt']).toBe('flask==3.1.0\npandas==2.2.2\nrequests==2.32.3\n')
    expect(p.root_cause).toMatch(/from the log itself/)
  })

  it('adds to pyproject.toml [project] dependencies (multi-line and inline arrays)', async () => {
    const multi = {
      'pyproject.toml':
        '[build-system]\nrequires = ["hatchling"]\n\n[project]\nname = "svc"\ndependencies = [\n    "flask>=3",\n    "requests>=2.31"\n]\n\n[tool.ruff]\nline-length = 100\n',
      'svc/__init__.py': ''
    }
    const p = expectProposal(
      await analyzeWithRules(failure(["ModuleNotFoundError: No module named 'yaml'"]), memRepo(multi)),
      'python-missing-module'
    )
    expect(apply(multi, p)['pyproject.toml']).toContain(
      'dependencies = [\n    "flask>=3",\n    "PyYAML",\n    "requests>=2.31"\n]'
    )
    const inline = { 'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["flask>=3"]\n' }
    const q = expectProposal(
      await analyzeWithRules(failure(["ModuleNotFoundError: No module named 'httpx'"]), memRepo(inline)),
      'python-missing-module'
    )
    expect(apply(inline, q)['pyproject.toml']).toBe(
      '[project]\nname = "svc"\ndependencies = ["flask>=3", "httpx"]\n'
    )
  })

  it('adds to poetry dependencies when there is no lock, refuses when poetry.lock must be re-resolved', async () => {
    const poetry = {
      'pyproject.toml':
        '[tool.poetry]\nname = "svc"\n\n[tool.poetry.dependencies]\npython = "^3.12"\nflask = "^3.0"\n'
    }
    const p = expectProposal(
      await analyzeWithRules(failure(["ModuleNotFoundError: No module named 'yaml'"]), memRepo(poetry)),
      'python-missing-module'
    )
    expect(apply(poetry, p)['pyproject.toml']).toContain('flask = "^3.0"\nPyYAML = "*"\n')
    const reason = expectNoRule(
      await analyzeWithRules(
        failure(["ModuleNotFoundError: No module named 'yaml'"]),
        memRepo({ ...poetry, 'poetry.lock': '' })
      )
    )
    expect(reason).toMatch(/poetry\.lock/)
  })

  it('puts test tools in the dev requirements CI installs', async () => {
    const files = {
      'requirements.txt': 'flask==3.1.0\n',
      'requirements/dev.txt': '-r ../requirements.txt\nruff==0.8.2\n',
      '.github/workflows/ci.yml':
        'jobs:\n  t:\n    steps:\n      - run: pip install -r requirements/dev.txt\n'
    }
    for (const line of [
      '/home/runner/work/_temp/5b1e.sh: line 1: pytest: command not found',
      '/opt/hostedtoolcache/Python/3.12.7/x64/bin/python: No module named pytest'
    ]) {
      const p = expectProposal(
        await analyzeWithRules(failure([line]), memRepo(files)),
        'python-missing-module'
      )
      expect(apply(files, p)['requirements/dev.txt']).toBe('-r ../requirements.txt\npytest\nruff==0.8.2\n')
      expect(p.commit_message).toBe('fix(deps): add missing pytest test dependency')
    }
  })

  it('refuses a pip-compile output file', async () => {
    const files = {
      'requirements.in': 'flask\n',
      'requirements.txt': '#\n# This file is autogenerated by pip-compile with Python 3.12\n#\nflask==3.1.0\n'
    }
    const reason = expectNoRule(
      await analyzeWithRules(failure(["ModuleNotFoundError: No module named 'yaml'"]), memRepo(files))
    )
    expect(reason).toMatch(/pip-compile from requirements\.in/)
  })
})

describe('pytest-missing-plugin', () => {
  it('maps plugin options to their plugins', async () => {
    const files = { 'requirements.txt': 'pytest\n' }
    const p = expectProposal(
      await analyzeWithRules(
        failure([
          'ERROR: usage: __main__.py [options] [file_or_dir] [file_or_dir] [...]',
          '__main__.py: error: unrecognized arguments: -n 4 --timeout=30',
          '  inifile: /home/runner/work/a/a/pytest.ini'
        ]),
        memRepo(files)
      ),
      'pytest-missing-plugin'
    )
    expect(apply(files, p)['requirements.txt']).toBe('pytest\npytest-timeout\npytest-xdist\n')
  })
})

const PKG =
  '{\n  "name": "api",\n  "type": "module",\n  "dependencies": {\n    "express": "^4.21.1"\n  },\n  "devDependencies": {\n    "jest": "^29.7.0"\n  }\n}\n'

describe('node-missing-package', () => {
  it.each([
    ["Error: Cannot find module 'lodash/fp'", 'lodash', 'dependencies'],
    [
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package '@aws-sdk/client-s3' imported from /home/runner/work/api/api/src/s3.js",
      '@aws-sdk/client-s3',
      'dependencies'
    ],
    [
      "src/index.ts(3,22): error TS2307: Cannot find module 'zod' or its corresponding type declarations.",
      'zod',
      'dependencies'
    ],
    [
      "src/app.test.ts:1:21 - error TS2307: Cannot find module 'supertest' or its corresponding type declarations.",
      'supertest',
      'devDependencies'
    ],
    ["    Cannot find module 'nock' from 'src/client.test.js'", 'nock', 'devDependencies'],
    [
      'Error: Failed to resolve import "dayjs" from "src/date.ts". Does the file exist?',
      'dayjs',
      'dependencies'
    ],
    [
      "Module not found: Error: Can't resolve 'axios' in '/home/runner/work/api/api/src'",
      'axios',
      'dependencies'
    ]
  ])('%s -> %s in %s', async (line, pkg, kind) => {
    const files = { 'package.json': PKG, 'src/index.ts': '', 'src/app.test.ts': '' }
    const p = expectProposal(await analyzeWithRules(failure([line]), memRepo(files)), 'node-missing-package')
    const after = JSON.parse(apply(files, p)['package.json'] ?? '') as Record<string, Record<string, string>>
    expect(after[kind]?.[pkg]).toBe('*')
    expect(p.root_cause).toMatch(/no lockfile/)
    expect(p.confidence).toBe(0.7)
  })

  it('takes the version the lockfile resolves and keeps package-lock.json in sync', async () => {
    const lock = JSON.stringify(
      {
        name: 'api',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: 'api', dependencies: { express: '^4.21.1' }, devDependencies: { jest: '^29.7.0' } },
          'node_modules/express': { version: '4.21.1' },
          'node_modules/ms': { version: '2.1.3' }
        }
      },
      null,
      2
    )
    const files = { 'package.json': PKG, 'package-lock.json': `${lock}\n` }
    const p = expectProposal(
      await analyzeWithRules(failure(["Error: Cannot find module 'ms'"]), memRepo(files)),
      'node-missing-package'
    )
    const after = apply(files, p)
    expect((JSON.parse(after['package.json'] ?? '') as { dependencies: object }).dependencies).toEqual({
      express: '^4.21.1',
      ms: '^2.1.3'
    })
    const root = (
      JSON.parse(after['package-lock.json'] ?? '') as { packages: Record<string, { dependencies: object }> }
    ).packages['']
    expect(root?.dependencies).toEqual({ express: '^4.21.1', ms: '^2.1.3' })
    expect(p.confidence).toBe(0.9)
  })

  it('refuses when the lockfile does not resolve the package (npm ci would reject the edit)', async () => {
    const files = {
      'package.json': PKG,
      'package-lock.json': '{"lockfileVersion": 3, "packages": {"": {}}}\n'
    }
    const reason = expectNoRule(
      await analyzeWithRules(failure(["Error: Cannot find module 'ms'"]), memRepo(files))
    )
    expect(reason).toMatch(/npm install ms/)
  })

  it.each([
    "Error: Cannot find module './config.js'",
    "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/home/runner/work/api/api/src/db.js' imported from /home/runner/work/api/api/src/index.js",
    "src/a.ts(1,20): error TS2307: Cannot find module 'node:fs' or its corresponding type declarations.",
    "Error: Cannot find module 'fs/promises'",
    "src/a.ts(1,20): error TS2307: Cannot find module '@/lib/db' or its corresponding type declarations.",
    "Error: Cannot find module 'express'"
  ])('no rule for %s', async line => {
    const files = {
      'package.json': PKG,
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }'
    }
    expectNoRule(await analyzeWithRules(failure([line]), memRepo(files)))
  })

  it('adds to the nearest package.json in a monorepo, creating the dependencies object', async () => {
    const files = {
      'package.json': '{\n  "private": true,\n  "workspaces": ["packages/*"]\n}\n',
      'packages/web/package.json':
        '{\n  "name": "@acme/web",\n  "devDependencies": {\n    "vite": "^6.0.1"\n  }\n}\n',
      'packages/web/src/main.ts': ''
    }
    const p = expectProposal(
      await analyzeWithRules(
        failure(['Error: Failed to resolve import "@tanstack/react-query" from "packages/web/src/main.ts".']),
        memRepo(files)
      ),
      'node-missing-package'
    )
    expect(apply(files, p)['packages/web/package.json']).toBe(
      '{\n  "name": "@acme/web",\n  "dependencies": {\n    "@tanstack/react-query": "*"\n  },\n  "devDependencies": {\n    "vite": "^6.0.1"\n  }\n}\n'
    )
  })
})

describe('typescript-missing-types', () => {
  it('picks @types/jest for test globals when the project uses jest, with jest’s major', async () => {
    const files = { 'package.json': PKG }
    const p = expectProposal(
      await analyzeWithRules(
        failure([
          "src/a.test.ts(3,1): error TS2582: Cannot find name 'describe'. Do you need to install type definitions for a test runner? Try `npm i --save-dev @types/jest` or `npm i --save-dev @types/mocha`."
        ]),
        memRepo(files)
      ),
      'typescript-missing-types'
    )
    const after = JSON.parse(apply(files, p)['package.json'] ?? '') as {
      devDependencies: Record<string, string>
    }
    expect(after.devDependencies).toEqual({ '@types/jest': '^29', jest: '^29.7.0' })
  })

  it('gives a plain reason when @types/node is already declared', async () => {
    const files = { 'package.json': '{"devDependencies": {"@types/node": "^22.0.0"}}' }
    const reason = expectNoRule(
      await analyzeWithRules(
        failure([
          "src/a.ts(1,1): error TS2591: Cannot find name 'process'. Do you need to install type definitions for node? Try `npm i --save-dev @types/node` and then add 'node' to the types field in your tsconfig."
        ]),
        memRepo(files)
      )
    )
    expect(reason).toMatch(/already declared/)
  })
})

describe('ruby-missing-gem', () => {
  const GEMFILE =
    "source 'https://rubygems.org'\n\ngem 'nokogiri'\ngem 'sinatra'\n\ngroup :test do\n  gem 'rspec'\nend\n"

  it('adds the gem (mapped require path, quote style kept) and test gems to the test group', async () => {
    const files = { Gemfile: GEMFILE }
    const p = expectProposal(
      await analyzeWithRules(
        failure([
          "<internal:/opt/hostedtoolcache/Ruby/3.3.6/x64/lib/ruby/3.3.0/rubygems/core_ext/kernel_require.rb>:136:in `require': cannot load such file -- active_support/core_ext/string (LoadError)"
        ]),
        memRepo(files)
      ),
      'ruby-missing-gem'
    )
    expect(apply(files, p)['Gemfile']).toContain("gem 'activesupport'\ngem 'nokogiri'\n")
    const q = expectProposal(
      await analyzeWithRules(failure(['  cannot load such file -- rack/test']), memRepo(files)),
      'ruby-missing-gem'
    )
    expect(apply(files, q)['Gemfile']).toContain("group :test do\n  gem 'rack-test'\n  gem 'rspec'\nend\n")
  })

  it.each([
    'cannot load such file -- ./lib/helpers (LoadError)',
    'cannot load such file -- /home/runner/work/app/app/lib/helpers (LoadError)',
    'cannot load such file -- json (LoadError)',
    'cannot load such file -- sinatra (LoadError)',
    'cannot load such file -- app_helpers (LoadError)'
  ])('no rule for %s', async line => {
    const files = { Gemfile: GEMFILE, 'lib/app_helpers.rb': '' }
    expectNoRule(await analyzeWithRules(failure([line]), memRepo(files)))
  })

  it('with a Gemfile.lock: syncs DEPENDENCIES when the lock resolves the gem, refuses otherwise', async () => {
    const lock =
      'GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.16.7)\n      racc (~> 1.4)\n    racc (1.8.1)\n    sinatra (4.1.1)\n\nPLATFORMS\n  x86_64-linux\n\nDEPENDENCIES\n  nokogiri\n  sinatra\n\nBUNDLED WITH\n   2.6.2\n'
    const files = { Gemfile: GEMFILE, 'Gemfile.lock': lock }
    const p = expectProposal(
      await analyzeWithRules(failure(['cannot load such file -- racc (LoadError)']), memRepo(files)),
      'ruby-missing-gem'
    )
    expect(apply(files, p)['Gemfile.lock']).toContain('DEPENDENCIES\n  nokogiri\n  racc\n  sinatra\n')
    const reason = expectNoRule(
      await analyzeWithRules(failure(['cannot load such file -- csv (LoadError)']), memRepo(files))
    )
    expect(reason).toMatch(/bundle add csv/)
  })
})

describe('no rule applies', () => {
  it('says plainly which classes were checked', async () => {
    const reason = expectNoRule(
      await analyzeWithRules(
        failure([
          'FAILED tests/test_math.py::test_add - assert 3 == 4',
          '##[error]Process completed with exit code 1.'
        ]),
        memRepo(PY_REPO)
      )
    )
    expect(reason).toMatch(/^No built-in rule matches this failure\./)
    for (const cls of [
      'No module named',
      'unrecognized arguments',
      'Cannot find module',
      '@types/node',
      'LoadError'
    ]) {
      expect(reason).toContain(cls)
    }
  })

  it('explains an empty extraction', async () => {
    const r = await analyzeWithRules(
      [
        {
          jobId: 1,
          jobName: 'test',
          extraction: { blocks: [], tokens: 0, totalLines: 0 },
          logError: 'expired'
        }
      ],
      memRepo({})
    )
    expect(expectNoRule(r)).toMatch(/No failure lines/)
  })
})
