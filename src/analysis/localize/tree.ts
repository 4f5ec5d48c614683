// An index of the failing commit's file paths: lookups by exact path, by path suffix and by basename.

/** Source extensions of the languages FixFlow localizes in, by family (a test may exercise any of its family). */
export const CODE_FAMILIES: string[][] = [
  ['java', 'kt', 'kts', 'scala', 'groovy'],
  ['py'],
  ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'mts', 'cts'],
  ['go'],
  ['cs', 'fs', 'vb'],
  ['rs'],
  ['rb'],
  ['php'],
  ['c', 'h', 'cc', 'cpp', 'hpp', 'cxx', 'hh'],
  ['swift'],
  ['m', 'mm'],
  ['ex', 'exs'],
  ['dart'],
  ['hs'],
  ['clj', 'cljs']
]

const FAMILY_OF = new Map<string, string[]>(CODE_FAMILIES.flatMap(f => f.map(e => [e, f] as const)))

export function extOf(path: string): string {
  const base = baseName(path)
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

export function dirName(path: string): string {
  const i = path.lastIndexOf('/')
  return i < 0 ? '' : path.slice(0, i)
}

/** Extensions of the same language family as `ext` (itself first); empty when `ext` is not code. */
export function familyOf(ext: string): string[] {
  const f = FAMILY_OF.get(ext.toLowerCase())
  return f ? [ext.toLowerCase(), ...f.filter(e => e !== ext.toLowerCase())] : []
}

export function isCode(path: string): boolean {
  return FAMILY_OF.has(extOf(path))
}

/** Test code by the conventions of the common ecosystems (directories and file names). */
export function isTestPath(path: string): boolean {
  if (
    /(^|\/)([\w-]*[-_.])?(tests?|specs?|__tests__|testing)\/|(^|\/)src\/it\/|(^|\/)[a-z]\w*Tests?\//.test(
      path
    )
  ) {
    return true
  }
  const base = baseName(path)
  return (
    /^test_|_test\.|_spec\.|\.(test|spec)\.|^Test[A-Z]/.test(base) ||
    /(Tests?|IT|Spec|TestCase|Specs)\.[A-Za-z]+$/.test(base)
  )
}

export class TreeIndex {
  readonly paths: readonly string[]
  private readonly set: Set<string>
  private readonly byBase = new Map<string, string[]>()
  private readonly dirs = new Set<string>()

  constructor(paths: readonly string[]) {
    this.paths = paths
    this.set = new Set(paths)
    for (const p of paths) {
      const b = baseName(p)
      const list = this.byBase.get(b)
      if (list) list.push(p)
      else this.byBase.set(b, [p])
      let d = dirName(p)
      while (d && !this.dirs.has(d)) {
        this.dirs.add(d)
        d = dirName(d)
      }
    }
  }

  has(path: string): boolean {
    return this.set.has(path)
  }

  hasDir(dir: string): boolean {
    return this.dirs.has(dir)
  }

  withBase(base: string): readonly string[] {
    return this.byBase.get(base) ?? []
  }

  /** Paths equal to `suffix` or ending in `/suffix` (suffix is a relative path such as `org/x/Y.java`). */
  endingWith(suffix: string): string[] {
    const s = suffix.replace(/^\/+/, '')
    return this.withBase(baseName(s)).filter(p => p === s || p.endsWith('/' + s))
  }

  /**
   * A token that names a file, such as an absolute runner path, `./src/x.py` or `x.go`: the tree path that is its
   * longest suffix. Several equally good matches are ambiguous: all are returned (the caller decides).
   */
  resolvePath(token: string): string[] {
    const t = token.replace(/\\/g, '/').replace(/^(\.\/)+/, '')
    if (this.set.has(t)) return [t]
    const parts = t.split('/').filter(Boolean)
    for (let i = 1; i < parts.length; i++) {
      const rest = parts.slice(i).join('/')
      if (this.set.has(rest)) return [rest]
    }
    // No leading segments to drop to: match by the longest tail shared with a tree path.
    const same = this.withBase(parts[parts.length - 1] ?? '')
    // A bare name may be any file of that name; a path must share its folder too (`/usr/lib/x/__init__.py` is
    // not the repository's `pkg/__init__.py`).
    if (parts.length === 1 && same.length <= 1) return [...same]
    let best: string[] = []
    let bestLen = 0
    for (const p of same) {
      const n = sharedTail(p.split('/'), parts)
      if (n > bestLen) {
        bestLen = n
        best = [p]
      } else if (n === bestLen) best.push(p)
    }
    return parts.length > 1 && bestLen < 2 ? [] : best
  }
}

/** How many trailing segments two paths share. */
export function sharedTail(a: string[], b: string[]): number {
  let n = 0
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++
  return n
}
