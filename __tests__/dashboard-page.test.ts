// The static dashboard in a real headless Chromium (Debian's package): views, filters, inert hostile text, and no
// request leaving the page. Skipped, with the reason printed, where Chromium cannot start.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { failureItems, renderDashboardPage, scriptSafeJson } from '../src/render/dashboard-page.js'
import { makeRecord } from '../__fixtures__/proposal-record.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const HOSTILE = `<img src=x onerror="window.pwned=1"><script>window.pwned=2</script></script>`

const records = [
  makeRecord({ failure_id: 'a-1-1', status: 'pending', risk_score: 'low', repo_name: 'octo/app' }),
  makeRecord({
    failure_id: 'b-2-1',
    status: 'pending',
    risk_score: 'high',
    repo_name: 'octo/api',
    root_cause: `${HOSTILE} and [a link](https://evil.example/x) @octo/team`,
    branch: `</script><script>window.pwned=3</script>`,
    risk_reasons: [HOSTILE],
    diff: `--- a/x.js\n+++ b/x.js\n@@ -1 +1 @@\n-old()\n+${HOSTILE}\n`,
    comment_url: 'javascript:window.pwned=4'
  }),
  makeRecord({
    failure_id: 'c-3-1',
    status: 'approved',
    pr_url: 'https://github.com/octo/app/pull/12'
  }),
  makeRecord({ failure_id: 'd-4-1', status: 'merged', pr_url: 'https://github.com/octo/app/pull/13' }),
  makeRecord({ failure_id: 'e-5-1', status: 'failed', outcome_note: 'CI failed on the fix branch' }),
  makeRecord({ failure_id: 'f-6-1', status: 'rejected' })
]

describe('failures.json', () => {
  it('lists items newest first, filters by status, and keeps only the stored attributes', () => {
    const all = failureItems(records)
    expect(all.map(i => i.failure_id)).toEqual(['f-6-1', 'e-5-1', 'd-4-1', 'c-3-1', 'b-2-1', 'a-1-1'])
    expect(failureItems(records, 'pending').map(i => i.failure_id)).toEqual(['b-2-1', 'a-1-1'])
    expect(Object.keys(all[0] ?? {})).not.toContain('file_shas')
    expect(all[0]).toMatchObject({ failure_id: 'f-6-1', status: 'rejected', repo_name: 'octo/app' })
  })

  it('embeds JSON that cannot close its script element', () => {
    const s = scriptSafeJson({ x: '</script><!-- \u2028 &' })
    expect(s).not.toMatch(/[<>&\u2028]/)
    expect(JSON.parse(s)).toEqual({ x: '</script><!-- \u2028 &' })
  })
})

describe('the page in Chromium', () => {
  let browser: Browser | undefined
  let dir = ''
  let url = ''
  const requests: string[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fixflow-page-'))
    const file = join(dir, 'index.html')
    writeFileSync(file, renderDashboardPage(failureItems(records), '2026-11-02T00:00:00.000Z'))
    url = pathToFileURL(file).href
    if (!existsSync(CHROMIUM)) {
      console.warn(`dashboard page tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`)
      return
    }
    try {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run'
        ]
      })
    } catch (e) {
      console.warn(`dashboard page tests skipped: Chromium did not start (${String(e).split('\n')[0]})`)
    }
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function open(hash = ''): Promise<Page> {
    const page = await (browser as Browser).newPage()
    page.on('request', r => requests.push(r.url()))
    page.on('dialog', d => void d.dismiss())
    await page.goto(url + hash)
    return page
  }

  async function view(page: Page, name: string): Promise<void> {
    await page.click(`nav a[data-view=${name}]`)
    await page.waitForSelector(`nav a[data-view=${name}][aria-current=page]`)
  }

  async function detail(page: Page, id: string): Promise<void> {
    await page.click(`a[href="#detail/${id}"]`)
    await page.waitForSelector('main h3')
  }

  const rowsOf = (page: Page): Promise<string[]> =>
    page.$$eval('main table tr[data-id]', trs =>
      trs.map(tr => (tr as unknown as { dataset: { id?: string } }).dataset.id ?? '')
    )

  it('shows the four views', async () => {
    if (!browser) return
    const page = await open()
    expect(await rowsOf(page)).toEqual(['b-2-1', 'a-1-1'])
    await view(page, 'active')
    expect(await rowsOf(page)).toEqual(['c-3-1'])
    expect(await page.textContent('main')).toContain('fix PR')
    await view(page, 'resolved')
    expect(await rowsOf(page)).toEqual(['e-5-1', 'd-4-1'])
    await view(page, 'pending')
    await detail(page, 'b-2-1')
    expect(await page.textContent('main h2')).toBe('Proposal b-2-1')
    expect(await page.locator('pre.diff span.add').allTextContents()).toEqual([`+${HOSTILE}`])
    expect(await page.locator('pre.diff span.del').allTextContents()).toEqual(['-old()'])
    expect(await page.textContent('main')).toContain('risk high')
    await page.close()
  })

  it('filters by repository, status and risk', async () => {
    if (!browser) return
    const page = await open('#all')
    expect((await rowsOf(page)).length).toBe(6)
    await page.selectOption('#f-repo', 'octo/api')
    expect(await rowsOf(page)).toEqual(['b-2-1'])
    await page.selectOption('#f-repo', '')
    await page.selectOption('#f-risk', 'low')
    expect(await rowsOf(page)).toEqual(['a-1-1'])
    await page.selectOption('#f-risk', '')
    await page.selectOption('#f-status', 'merged')
    expect(await rowsOf(page)).toEqual(['d-4-1'])
    await page.close()
  })

  it('keeps hostile text inert and sends no request', async () => {
    if (!browser) return
    requests.length = 0
    const page = await open('#detail/b-2-1')
    await view(page, 'pending')
    await detail(page, 'b-2-1')
    expect(await page.evaluate('typeof window.pwned')).toBe('undefined')
    expect(await page.$$('main img, main script, main iframe')).toHaveLength(0)
    // The text is shown as text, and the javascript: URL never becomes a link.
    expect(await page.textContent('main')).toContain('<img src=x onerror')
    const hrefs: string[] = []
    for (const a of await page.locator('a').all()) hrefs.push((await a.getAttribute('href')) ?? '')
    expect(hrefs.some(h => /^javascript:/i.test(h))).toBe(false)
    expect(hrefs.some(h => h.includes('evil.example'))).toBe(false)
    expect(requests.every(r => r.startsWith('file://'))).toBe(true)
    expect(requests.length).toBeGreaterThan(0)
    await page.close()
  })

  it('a link with a malformed escape in its hash still shows the page (review)', async () => {
    if (!browser) return
    const errors: string[] = []
    const page = await browser.newPage()
    page.on('pageerror', e => errors.push(e.message))
    await page.goto(url + '#detail/%E0%A4%A')
    expect(await rowsOf(page)).toEqual(['b-2-1', 'a-1-1'])
    expect(errors).toEqual([])
    await page.close()
  })
})
