import pc from 'picocolors'

export function report(broken, log = console.log) {
  const byFile = Map.groupBy(broken, b => b.file)
  for (const [file, links] of byFile) {
    log(pc.bold(file))
    for (const l of links) log(`  ${pc.red('✖')} line ${l.line}: ${l.url} (${l.error})`)
  }
  return broken.length > 0
}
