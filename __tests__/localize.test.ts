import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { TreeIndex, localize, type Candidate } from '../src/analysis/localize/index.js'
import { subjectStems, nameStems } from '../src/analysis/localize/subjects.js'
import { isTestPath } from '../src/analysis/localize/tree.js'

/** A written repository: path -> content (content only matters for files the localizer reads). */
function repo(files: Record<string, string>): {
  tree: TreeIndex
  read: (p: string) => Promise<string | undefined>
} {
  const tree = new TreeIndex(Object.keys(files))
  return { tree, read: p => Promise.resolve(files[p]) }
}

async function run(lines: string[], files: Record<string, string>, maxFiles?: number): Promise<Candidate[]> {
  const { tree, read } = repo(files)
  return localize(lines, tree, read, maxFiles === undefined ? {} : { maxFiles })
}

const paths = (cs: Candidate[]): string[] => cs.map(c => c.path)

describe('JVM (Java, Kotlin, Groovy, Scala)', () => {
  const files = {
    'pom.xml': '<project/>',
    'shop/pom.xml': '<project/>',
    'shop/src/main/java/com/acme/shop/Cart.java': 'package com.acme.shop;\npublic class Cart {}\n',
    'shop/src/main/java/com/acme/shop/Price.java': 'package com.acme.shop;\npublic class Price {}\n',
    'shop/src/main/java/com/acme/shop/Money.java': 'package com.acme.shop;\npublic class Money {}\n',
    'shop/src/test/java/com/acme/shop/CartTest.java': [
      'package com.acme.shop;',
      'import com.acme.util.Rounding;',
      'public class CartTest {',
      '  @Test public void total() {',
      '    Cart c = new Cart();',
      '    assertEquals(Price.of(3), c.total());',
      '  }',
      '}'
    ].join('\n'),
    'util/src/main/java/com/acme/util/Rounding.java': 'package com.acme.util;\n',
    'other/src/main/java/com/acme/other/Logger.java': 'package com.acme.other;\n'
  }

  it('resolves frames by package path in any layout, test frames to the failing test, and the module manifest', async () => {
    const got = await run(
      [
        'Tests run: 3, Failures: 0, Errors: 1, Skipped: 0, Time elapsed: 0.2 sec <<< FAILURE! - in com.acme.shop.CartTest',
        'total(com.acme.shop.CartTest)  Time elapsed: 0.01 sec  <<< ERROR!',
        'java.lang.NullPointerException',
        '\tat com.acme.shop.Cart.total(Cart.java:42)',
        '\tat java.util.ArrayList.forEach(ArrayList.java:1257)',
        '\tat com.acme.shop.CartTest.total(CartTest.java:6)'
      ],
      files
    )
    expect(got[0]).toMatchObject({
      path: 'shop/src/main/java/com/acme/shop/Cart.java',
      evidence: 'frame',
      lines: [42]
    })
    expect(got[1]).toMatchObject({
      path: 'shop/src/test/java/com/acme/shop/CartTest.java',
      evidence: 'failing-test'
    })
    // Price is used on the failing line (6) of the test; Rounding only imported.
    const price = got.findIndex(c => c.path.endsWith('Price.java'))
    const rounding = got.findIndex(c => c.path.endsWith('Rounding.java'))
    expect(price).toBeGreaterThan(1)
    expect(rounding === -1 || rounding > price).toBe(true)
    expect(got[got.length - 1]?.path).toBe('shop/pom.xml')
    expect(paths(got)).not.toContain('other/src/main/java/com/acme/other/Logger.java')
  })

  it('follows an assertion failure with no code frame to the class under test (FooTest -> Foo)', async () => {
    const got = await run(
      [
        'Failed tests:',
        '  CartTest.total:6 expected:<3> but was:<2>',
        'Tests run: 3, Failures: 1, Errors: 0, Skipped: 0'
      ],
      files
    )
    expect(paths(got).slice(0, 2)).toEqual([
      'shop/src/test/java/com/acme/shop/CartTest.java',
      'shop/src/main/java/com/acme/shop/Cart.java'
    ])
    expect(got[1]?.evidence).toBe('under-test')
  })

  it('demotes traces logged while tests passed when the log reports failing tests', async () => {
    const got = await run(
      [
        '12:00:01.000 [main] ERROR retry failed',
        '\tat com.acme.other.Logger.log(Logger.java:10)',
        'Running com.acme.shop.CartTest',
        'Tests run: 1, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.1 sec <<< FAILURE! - in com.acme.shop.CartTest',
        'total(com.acme.shop.CartTest)  Time elapsed: 0.01 sec  <<< FAILURE!',
        'java.lang.AssertionError: expected 3',
        '\tat com.acme.shop.CartTest.total(CartTest.java:6)'
      ],
      files
    )
    const logger = got.find(c => c.path.endsWith('Logger.java'))
    expect(logger?.evidence).toBe('named')
    expect(paths(got).indexOf('shop/src/main/java/com/acme/shop/Cart.java')).toBeLessThan(
      paths(got).indexOf(logger?.path ?? '')
    )
  })

  it('resolves Kotlin files outside their package folder, Groovy specs and class-path resources', async () => {
    const got = await run(
      [
        'com.acme.OrderSpec > totals FAILED',
        '    at com.acme.orders.Order.total(Order.kt:12)',
        'Caused by: java.lang.ClassNotFoundException: could not load com/acme/billing/Invoice$Line.class'
      ],
      {
        'src/main/kotlin/Order.kt': 'package com.acme.orders\n',
        'src/test/groovy/com/acme/OrderSpec.groovy': 'package com.acme\n',
        'billing/src/com/acme/billing/Invoice.scala': 'package com.acme.billing\n',
        'build.gradle': ''
      }
    )
    expect(paths(got)).toEqual(
      expect.arrayContaining([
        'src/main/kotlin/Order.kt',
        'src/test/groovy/com/acme/OrderSpec.groovy',
        'billing/src/com/acme/billing/Invoice.scala'
      ])
    )
    expect(got[0]?.path).toBe('src/main/kotlin/Order.kt')
  })
})

describe('other ecosystems', () => {
  it('Python: traceback frames, pytest failing test, its subject and imports', async () => {
    const got = await run(
      [
        'FAILED tests/test_pricing.py::test_discount - AssertionError: assert 9 == 10',
        '  File "/home/runner/work/shop/shop/shop/pricing.py", line 14, in discount',
        '  File "/usr/lib/python3.12/decimal.py", line 3, in x'
      ],
      {
        'shop/__init__.py': '',
        'shop/pricing.py': 'def discount(): pass\n',
        'shop/money.py': '',
        'tests/test_pricing.py':
          'from shop.money import Money\nfrom shop import pricing\n\ndef test_discount():\n    assert pricing.discount() == 10\n',
        'pyproject.toml': ''
      }
    )
    expect(got[0]).toMatchObject({ path: 'shop/pricing.py', evidence: 'frame', lines: [14] })
    expect(paths(got)).toEqual(
      expect.arrayContaining(['tests/test_pricing.py', 'shop/money.py', 'pyproject.toml'])
    )
  })

  it('JS/TS: Jest FAIL line, stack frame with line:col, foo.test.ts -> foo.ts, relative imports', async () => {
    const got = await run(
      [
        'FAIL src/cart.test.ts',
        '  ● cart › totals',
        '    at total (/home/runner/work/app/app/src/lib/sum.ts:7:11)',
        '    at Object.<anonymous> (src/cart.test.ts:5:3)'
      ],
      {
        'src/cart.ts': 'export const x = 1\n',
        'src/cart.test.ts': "import { total } from './lib/sum.js'\nimport { x } from './cart'\n",
        'src/lib/sum.ts': '',
        'src/index.ts': '',
        'package.json': '{}'
      }
    )
    expect(got[0]).toMatchObject({ path: 'src/lib/sum.ts', lines: [7] })
    expect(paths(got)).toEqual(expect.arrayContaining(['src/cart.test.ts', 'src/cart.ts', 'package.json']))
    expect(paths(got)).not.toContain('src/index.ts')
  })

  it('Go: --- FAIL names the test, FAIL names the package, file.go:N the frame', async () => {
    const got = await run(
      [
        '--- FAIL: TestParse (0.00s)',
        '    parse_test.go:21: got 1, want 2',
        'FAIL',
        'FAIL\tgithub.com/acme/tool/internal/parse\t0.012s'
      ],
      {
        'go.mod': 'module github.com/acme/tool\n',
        'internal/parse/parse.go': 'package parse\n',
        'internal/parse/parse_test.go': 'package parse\n\nfunc TestParse(t *testing.T) {}\n',
        'internal/other/parse_test.go': 'package other\n\nfunc TestOther(t *testing.T) {}\n'
      }
    )
    expect(got[0]).toMatchObject({ path: 'internal/parse/parse_test.go', evidence: 'failing-test' })
    expect(paths(got)).toContain('internal/parse/parse.go')
    expect(paths(got)).not.toContain('internal/other/parse_test.go')
  })

  it('C#: frames `in path:line N` and dotnet test ids', async () => {
    const got = await run(
      [
        '  Failed Acme.Shop.Tests.CartTests.Totals [12 ms]',
        '   at Acme.Shop.Cart.Total() in /home/runner/work/s/s/src/Shop/Cart.cs:line 30'
      ],
      {
        'src/Shop/Cart.cs': '',
        'tests/Shop.Tests/CartTests.cs': '',
        'src/Shop/Shop.csproj': ''
      }
    )
    expect(got[0]).toMatchObject({ path: 'src/Shop/Cart.cs', evidence: 'frame', lines: [30] })
    expect(paths(got)).toContain('tests/Shop.Tests/CartTests.cs')
  })

  it('Rust, Ruby and PHP frames and diagnostics', async () => {
    const files = {
      'src/parser.rs': '',
      'Cargo.toml': '',
      'lib/shop/cart.rb': '',
      'spec/shop/cart_spec.rb': "require 'shop/cart'\n",
      'src/Shop/Cart.php': '',
      'tests/Shop/CartTest.php': 'use Acme\\Shop\\Cart;\n'
    }
    const rust = await run(["thread 'parses' panicked at src/parser.rs:88:9:", 'error: test failed'], files)
    expect(rust[0]).toMatchObject({ path: 'src/parser.rs', lines: [88] })
    const ruby = await run(['rspec ./spec/shop/cart_spec.rb:12 # Cart totals'], files)
    expect(paths(ruby).slice(0, 2)).toEqual(['spec/shop/cart_spec.rb', 'lib/shop/cart.rb'])
    const php = await run(
      ['1) Acme\\Shop\\CartTest::testTotal', '/home/runner/work/x/x/tests/Shop/CartTest.php:20', 'FAILURES!'],
      files
    )
    expect(paths(php).slice(0, 2)).toEqual(['tests/Shop/CartTest.php', 'src/Shop/Cart.php'])
  })

  it('compiler and linter diagnostics; fixtures and warnings of passing steps are dropped', async () => {
    const got = await run(
      [
        'warning: src/old.ts:3:1 deprecated',
        "src/app.ts(12,5): error TS2322: Type 'string' is not assignable to type 'number'.",
        'Error: could not parse tests/fixtures/input.json'
      ],
      { 'src/app.ts': '', 'src/old.ts': '', 'tests/fixtures/input.json': '{}', 'tsconfig.json': '{}' }
    )
    expect(got[0]).toMatchObject({ path: 'src/app.ts', evidence: 'frame', lines: [12] })
    expect(paths(got)).not.toContain('src/old.ts')
    expect(paths(got)).not.toContain('tests/fixtures/input.json')
  })
})

describe('dependencies, paths outside the repository, weak relations', () => {
  it('a missing module puts the dependency manifest first', async () => {
    const got = await run(
      [
        'tests/test_report.py:3: in <module>',
        '    import pandas',
        "E   ModuleNotFoundError: No module named 'pandas'"
      ],
      { 'requirements.txt': 'numpy\n', 'tests/test_report.py': 'import pandas\n', 'app/report.py': '' }
    )
    expect(got[0]).toMatchObject({
      path: 'requirements.txt',
      reason: 'dependency manifest (a module is missing)'
    })
  })

  it('never matches an absolute path outside the repository by its basename alone', async () => {
    const got = await run(
      ['/opt/hostedtoolcache/Python/3.12/lib/python3.12/importlib/__init__.py:90: in import_module'],
      { 'pkg/__init__.py': '', 'lib/__init__.py': '' }
    )
    expect(got).toEqual([])
  })

  it('fills free places with files named with words of the failing test, closest first', async () => {
    const got = await run(['Tests run: 1, Failures: 1 <<< FAILURE! - in com.acme.yaml.ParserAutoCloseTest'], {
      'yaml/src/test/java/com/acme/yaml/ParserAutoCloseTest.java': 'package com.acme.yaml;\n',
      'yaml/src/main/java/com/acme/yaml/YAMLParser.java': '',
      'yaml/src/main/java/com/acme/yaml/YAMLFactory.java': '',
      'csv/src/main/java/com/acme/csv/CsvParser.java': ''
    })
    expect(paths(got)).toEqual([
      'yaml/src/test/java/com/acme/yaml/ParserAutoCloseTest.java',
      'yaml/src/main/java/com/acme/yaml/YAMLParser.java',
      'csv/src/main/java/com/acme/csv/CsvParser.java'
    ])
    expect(got[1]?.evidence).toBe('related')
  })
})

describe('implementations', () => {
  it('puts the implementation of an interface the failing test uses right after it', async () => {
    const got = await run(['  DiffTest.total:4 expected:<1> but was:<2>'], {
      'src/test/java/a/DiffTest.java':
        'package a;\nclass DiffTest {\n void t() {\n  Diff d = make();\n }\n}\n',
      'src/main/java/a/Diff.java': 'package a;\ninterface Diff {}\n',
      'src/main/java/a/impl/DiffImpl.java': 'package a.impl;\n'
    })
    expect(paths(got)).toEqual([
      'src/test/java/a/DiffTest.java',
      'src/main/java/a/Diff.java',
      'src/main/java/a/impl/DiffImpl.java'
    ])
  })
})

describe('naming conventions', () => {
  it('subject stems of test names', () => {
    expect(subjectStems('a/FooBarTest.java')).toEqual(['FooBar'])
    expect(subjectStems('tests/test_foo.py')).toEqual(['foo'])
    expect(subjectStems('src/foo.test.ts')).toEqual(['foo'])
    expect(subjectStems('x/foo_test.go')).toEqual(['foo'])
    expect(subjectStems('spec/foo_spec.rb')).toEqual(['foo'])
    expect(subjectStems('t/FooTests.cs')).toEqual(['Foo'])
    expect(subjectStems('t/TestFoo.java')).toEqual(['Foo'])
    expect(nameStems('DateSerializationTest')).toEqual(['date', 'serializ'])
  })

  it('tells test code from code', () => {
    for (const p of [
      'src/test/java/a/B.java',
      'tests/x.py',
      'a/__tests__/b.ts',
      'a/b.spec.ts',
      'pkg/x_test.go'
    ])
      expect(isTestPath(p)).toBe(true)
    for (const p of ['src/main/java/a/B.java', 'latest/x.py', 'contest/a.ts', 'lib/testing_utils_impl.rb'])
      expect(isTestPath(p)).toBe(false)
  })
})

describe('properties', () => {
  const segment = fc.constantFrom('src', 'lib', 'test', 'tests', 'main', 'java', 'com', 'acme', 'app', 'pkg')
  const name = fc.constantFrom('Foo', 'Bar', 'FooTest', 'test_foo', 'foo', 'bar_test', 'index', 'Cart')
  const ext = fc.constantFrom('java', 'py', 'ts', 'go', 'rb', 'php', 'cs', 'rs', 'json', 'xml')
  const pathArb = fc
    .tuple(fc.array(segment, { maxLength: 4 }), name, ext)
    .map(([dirs, n, e]) => [...dirs, `${n}.${e}`].join('/'))
  it('returns distinct paths of the tree, within the cap, whatever the log says', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(pathArb, { minLength: 1, maxLength: 30 }),
        fc.array(
          fc.oneof(
            fc.string(),
            pathArb.map(p => `  at x (${p}:3:1)`),
            pathArb.map(p => `FAIL ${p}`)
          ),
          {
            maxLength: 20
          }
        ),
        fc.integer({ min: 1, max: 10 }),
        async (ps, lines, max) => {
          const files = Object.fromEntries(ps.map(p => [p, 'import x\n']))
          const got = await run(lines, files, max)
          expect(got.length).toBeLessThanOrEqual(max)
          expect(new Set(paths(got)).size).toBe(got.length)
          for (const c of got) expect(ps).toContain(c.path)
        }
      ),
      { numRuns: 200 }
    )
  })
})
