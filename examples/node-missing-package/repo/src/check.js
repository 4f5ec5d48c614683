import { readFile } from 'node:fs/promises'
import pLimit from 'p-limit'
import { parseLinks } from './parse.js'

export async function checkUrl(url, fetchImpl = fetch) {
  try {
    const reply = await fetchImpl(url, { method: 'HEAD', redirect: 'follow' })
    return reply.ok ? undefined : `HTTP ${reply.status}`
  } catch (e) {
    return e.message
  }
}

export async function checkFiles(files, { concurrency = 8, fetchImpl = fetch } = {}) {
  const limit = pLimit(concurrency)
  const broken = []
  for (const file of files) {
    const links = parseLinks(await readFile(file, 'utf8'))
    const results = await Promise.all(links.map(l => limit(() => checkUrl(l.url, fetchImpl))))
    results.forEach((error, i) => {
      if (error) broken.push({ file, ...links[i], error })
    })
  }
  return broken
}
