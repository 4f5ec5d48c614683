// Adding one key to an object inside a JSON file (package.json, package-lock.json) as a person would: the file is
// not re-serialised, the new member is typed in with the indentation and key order already there.

import { eolOf } from '../../patch/eol.js'

interface JsonMember {
  key: string
  keyStart: number
  value: JsonNode
}

interface JsonNode {
  start: number
  end: number
  members?: JsonMember[]
}

/** A JSON parser that keeps positions; returns undefined for text that is not JSON. */
export function parseJsonPositions(text: string): JsonNode | undefined {
  let i = 0
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++
  }
  const str = (): string => {
    const start = i
    i++
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    i++
    return JSON.parse(text.slice(start, i)) as string
  }
  const value = (): JsonNode => {
    ws()
    const start = i
    const c = text[i]
    if (c === '{') {
      i++
      const members: JsonMember[] = []
      ws()
      if (text[i] === '}') {
        i++
        return { start, end: i, members }
      }
      for (;;) {
        ws()
        if (text[i] !== '"') throw new Error('key expected')
        const keyStart = i
        const key = str()
        ws()
        if (text[i] !== ':') throw new Error(': expected')
        i++
        members.push({ key, keyStart, value: value() })
        ws()
        if (text[i] === ',') i++
        else if (text[i] === '}') {
          i++
          return { start, end: i, members }
        } else throw new Error(', or } expected')
      }
    }
    if (c === '[') {
      i++
      ws()
      if (text[i] === ']') {
        i++
        return { start, end: i }
      }
      for (;;) {
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === ']') {
          i++
          return { start, end: i }
        } else throw new Error(', or ] expected')
      }
    }
    if (c === '"') {
      str()
      return { start, end: i }
    }
    const m = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 64))
    if (m === null) throw new Error('value expected')
    i += m[0].length
    return { start, end: i }
  }
  try {
    const root = value()
    ws()
    return i === text.length ? root : undefined
  } catch {
    return undefined
  }
}

/** The object node at a key path (['packages', ''] -> the lockfile's root entry). */
export function objectAt(root: JsonNode, path: string[]): JsonNode | undefined {
  let node: JsonNode | undefined = root
  for (const key of path) node = node?.members?.find(m => m.key === key)?.value
  return node?.members !== undefined ? node : undefined
}

function lineIndent(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? ''
}

/** The file's indentation unit, from the first indented line (two spaces when the file does not say). */
function indentUnit(text: string): string {
  return /\n([ \t]+)\S/.exec(text)?.[1] ?? '  '
}

/** npm sorts dependency keys with localeCompare('en'); so do we, to produce the diff npm would. */
const byNpmOrder = (a: string, b: string): number => a.localeCompare(b, 'en')

/**
 * The text with `"key": valueJson` added to `obj`: in key order when the object is sorted, at the end otherwise; on its
 * own line with the members' indentation, or inline when the object is written on one line.
 */
export function insertMember(text: string, obj: JsonNode, key: string, valueJson: string): string {
  const members = obj.members ?? []
  const member = `${JSON.stringify(key)}: ${valueJson}`
  const eol = eolOf(text)
  if (members.length === 0) {
    const indent = lineIndent(text, obj.start)
    const body = `{${eol}${indent}${indentUnit(text)}${member}${eol}${indent}}`
    return text.slice(0, obj.start) + body + text.slice(obj.end)
  }
  const first = members[0] as JsonMember
  const inline = !text.slice(obj.start, first.keyStart).includes('\n')
  const sorted = members.every((m, i) => i === 0 || byNpmOrder(members[i - 1]?.key ?? '', m.key) <= 0)
  const before = sorted ? members.find(m => byNpmOrder(m.key, key) > 0) : undefined
  if (before !== undefined) {
    const sep = inline ? ', ' : `,${eol}${lineIndent(text, before.keyStart)}`
    return text.slice(0, before.keyStart) + member + sep + text.slice(before.keyStart)
  }
  const last = members[members.length - 1] as JsonMember
  const sep = inline ? ', ' : `,${eol}${lineIndent(text, last.keyStart)}`
  return text.slice(0, last.value.end) + sep + member + text.slice(last.value.end)
}

/**
 * The text with `key` added to the object at `path`, creating that object as a new last-but-placed member of its
 * parent when it is missing (`dependencies` goes before `devDependencies`, as npm writes them).
 */
export function addToObject(
  text: string,
  path: string[],
  key: string,
  valueJson: string
): string | undefined {
  const root = parseJsonPositions(text)
  if (root === undefined) return undefined
  const target = objectAt(root, path)
  if (target !== undefined) return insertMember(text, target, key, valueJson)
  const parent = objectAt(root, path.slice(0, -1))
  const name = path[path.length - 1]
  if (parent === undefined || name === undefined) return undefined
  const members = parent.members ?? []
  const eol = eolOf(text)
  const indent = members[0] !== undefined ? lineIndent(text, members[0].keyStart) : indentUnit(text)
  const objText = `{${eol}${indent}${indentUnit(text)}${JSON.stringify(key)}: ${valueJson}${eol}${indent}}`
  const member = `${JSON.stringify(name)}: ${objText}`
  const dev = name === 'dependencies' ? members.find(m => m.key === 'devDependencies') : undefined
  if (dev !== undefined) {
    return text.slice(0, dev.keyStart) + member + `,${eol}${indent}` + text.slice(dev.keyStart)
  }
  const last = members[members.length - 1]
  if (last === undefined)
    return text.slice(0, parent.start + 1) + eol + indent + member + eol + text.slice(parent.end - 1)
  return text.slice(0, last.value.end) + `,${eol}${indent}` + member + text.slice(last.value.end)
}
