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

const NAMESPACES = ['--pid', '--fork', '--kill-child', '--mount-proc']
/** Your own user id inside the namespace (util-linux >= 2.38); else root of the namespace only (older
 *  util-linux, e.g. Ubuntu 22.04), which has no power outside it. */
const VARIANTS = [
  ['unshare', '--user', '--map-current-user', ...NAMESPACES],
  ['unshare', '--user', '--map-root-user', ...NAMESPACES]
]

/** Probe results by PATH (the command's PATH decides which unshare runs): the working wrapper, or null. */
const probed = new Map<string, string[] | null>()

/** The wrapper to put before `bash -c` and the isolation it gives, or undefined when 'require' cannot be met. */
export function isolationWrapper(
  mode: IsolationMode,
  path: string
): { wrapper: string[]; isolation: Isolation } | undefined {
  if (mode !== 'process-group') {
    if (!probed.has(path)) probed.set(path, VARIANTS.find(v => works(v, path)) ?? null)
    const wrapper = probed.get(path)
    if (wrapper) return { wrapper: [...wrapper, '--'], isolation: 'pid-namespace' }
    if (mode === 'require') return undefined
  }
  return { wrapper: [], isolation: 'process-group' }
}

/** Whether this wrapper makes the namespace here, and really hides the caller's processes. */
function works(wrapper: string[], path: string): boolean {
  if (process.platform !== 'linux') return false
  const [program, ...args] = wrapper
  const r = spawnSync(program as string, [...args, '--', 'bash', '-c', 'echo $$; ls /proc'], {
    encoding: 'utf8',
    timeout: 5000,
    env: { PATH: path }
  })
  if (r.status !== 0) return false
  const [self, ...rest] = r.stdout.split('\n')
  return self === '1' && !rest.includes(String(process.pid))
}
