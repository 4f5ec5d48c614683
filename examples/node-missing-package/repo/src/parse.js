// Links in Markdown: inline [text](url) and reference-style [id]: url, outside code spans.
const INLINE = /\[[^\]]*\]\((https?:[^)\s]+)\)/g
const REFERENCE = /^\s*\[[^\]]+\]:\s*(https?:\S+)/

export function parseLinks(markdown) {
  const links = []
  markdown.split('\n').forEach((line, i) => {
    const text = line.replace(/`[^`]*`/g, '')
    for (const m of text.matchAll(INLINE)) links.push({ url: m[1], line: i + 1 })
    const ref = REFERENCE.exec(text)
    if (ref) links.push({ url: ref[1], line: i + 1 })
  })
  return links
}
