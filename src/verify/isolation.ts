// Optional isolation around the verification command, when the kernel allows it without privileges.
//
// Scrubbing the command's environment is not enough on its own: every process of the same user can read
// /proc/<pid>/environ of the others, and FixFlow's own process holds INPUT_GITHUB-TOKEN, the ACTIONS_* tokens and
// the AWS credentials. In a new user + PID namespace with its own /proc, the command sees only its own processes,
// and when its first process ends the kernel kills every process left in the namespace (none can escape the
// timeout by leaving the process group). Where unprivileged user namespaces are refused (Ubuntu 24.04's AppArmor
// default, some containers), the command runs in a plain process group and docs/verify.md says what remains.

import { spawnSync } from 'node:child_process'

export type Isolation = 'pid-namespace' | 'process-group'

/** 'require': the namespace or no run at all (the action's default: FixFlow's own process holds tokens);
 *  'auto': the namespace when possible, else a process group (the CLI on a developer's machine);
 *  'process-group': never the namespace. */
export type IsolationMode = 'require' | 'auto' | 'process-group'

const UNSHARE = ['unshare', '--user', '--map-current-user', '--pid', '--fork', '--kill-child', '--mount-proc']

/** Probe results by PATH (the command's PATH decides which unshare runs). */
const probed = new Map<string, boolean>()

/** The wrapper to put before `bash -c` and the isolation it gives, or undefined when 'require' cannot be met. */
export function isolationWrapper(
  mode: IsolationMode,
  path: string
): { wrapper: string[]; isolation: Isolation } | undefined {
  if (mode !== 'process-group') {
    if (!probed.has(path)) probed.set(path, probe(path))
    if (probed.get(path) === true) return { wrapper: [...UNSHARE, '--'], isolation: 'pid-namespace' }
    if (mode === 'require') return undefined
  }
  return { wrapper: [], isolation: 'process-group' }
}

/** Whether the namespace can be made here, and really hides the caller's processes. */
function probe(path: string): boolean {
  if (process.platform !== 'linux') return false
  const r = spawnSync(UNSHARE[0] as string, [...UNSHARE.slice(1), '--', 'bash', '-c', 'echo $$; ls /proc'], {
    encoding: 'utf8',
    timeout: 5000,
    env: { PATH: path }
  })
  if (r.status !== 0) return false
  const [self, ...rest] = r.stdout.split('\n')
  return self === '1' && !rest.includes(String(process.pid))
}
