import { parseArgs } from 'node:util'
import { parseCommit, render, type Commit } from './changelog.js'
import { commitSubjects, cwdName } from './git.js'

const { values } = parseArgs({
  options: { since: { type: 'string' }, title: { type: 'string' } }
})

const since = values.since ?? process.env.RELEASE_NOTES_SINCE
if (since === undefined) throw new Error('--since <tag> is required')

const commits = commitSubjects(since)
  .map(parseCommit)
  .filter((c): c is Commit => c !== undefined)

console.log(`# ${values.title ?? cwdName()}\n`)
console.log(render(commits))
if (commits.length === 0) {
  process.exitCode = 1
}
