// The environment the verification command gets. The command runs code a model wrote, so it must not see a
// credential (docs/security.md, threat 13).
//
// Why an allow-list: a runner's environment holds whatever earlier steps exported through GITHUB_ENV under any
// name (MY_API_KEY, DATABASE_URL, SNOWFLAKE_PWD, ...), plus the runner's own tokens. A deny-list can only name
// the secrets we know of; an allow-list fails safe: an unknown variable is dropped, and the worst case is a
// command that misses a harmless variable (the user then sets it inside the command). Every variable kept must
// also pass three checks: a name that does not look like a credential, a value that is not a known secret (and
// does not contain one), and a value the log redactor finds nothing in.

import { redact } from '../logs/redact.js'

/** Exact names a build or test commonly needs, none of them a credential. */
const NAMES = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TERM',
  'TMPDIR',
  'TEMP',
  'TMP',
  'HOSTNAME',
  'CI',
  'DEBIAN_FRONTEND',
  'ImageOS',
  'ImageVersion',
  'AGENT_TOOLSDIRECTORY',
  'GITHUB_ACTIONS',
  'GITHUB_WORKSPACE',
  'GITHUB_REPOSITORY',
  'GITHUB_REPOSITORY_OWNER',
  'GITHUB_SHA',
  'GITHUB_REF',
  'GITHUB_REF_NAME',
  'GITHUB_REF_TYPE',
  'GITHUB_HEAD_REF',
  'GITHUB_BASE_REF',
  'GITHUB_EVENT_NAME',
  'GITHUB_WORKFLOW',
  'GITHUB_JOB',
  'GITHUB_RUN_ID',
  'GITHUB_RUN_NUMBER',
  'GITHUB_RUN_ATTEMPT',
  'GITHUB_SERVER_URL',
  // Tool caches set by setup-python, setup-java, setup-go, setup-node, setup-dotnet, rustup and friends.
  'pythonLocation',
  'Python_ROOT_DIR',
  'Python2_ROOT_DIR',
  'Python3_ROOT_DIR',
  'PKG_CONFIG_PATH',
  'LD_LIBRARY_PATH',
  'VIRTUAL_ENV',
  'CONDA',
  'PIPX_HOME',
  'PIPX_BIN_DIR',
  'PIP_CACHE_DIR',
  'POETRY_HOME',
  'UV_CACHE_DIR',
  'JAVA_HOME',
  'GRADLE_USER_HOME',
  'MAVEN_HOME',
  'M2_HOME',
  'ANT_HOME',
  'GOROOT',
  'GOPATH',
  'GOCACHE',
  'GOMODCACHE',
  'GOTOOLCHAIN',
  'CARGO_HOME',
  'RUSTUP_HOME',
  'RUSTUP_TOOLCHAIN',
  'NVM_DIR',
  'NODE_PATH',
  'COREPACK_HOME',
  'PNPM_HOME',
  'BUN_INSTALL',
  'DENO_DIR',
  'DOTNET_ROOT',
  'DOTNET_NOLOGO',
  'DOTNET_CLI_TELEMETRY_OPTOUT',
  'DOTNET_SKIP_FIRST_TIME_EXPERIENCE',
  'NUGET_PACKAGES',
  'GEM_HOME',
  'GEM_PATH',
  'BUNDLE_PATH',
  'RBENV_ROOT',
  'ANDROID_HOME',
  'ANDROID_SDK_ROOT',
  'ANDROID_NDK_HOME',
  'CHROME_BIN',
  'CHROMEWEBDRIVER',
  'GECKOWEBDRIVER',
  'VCPKG_INSTALLATION_ROOT',
  'SWIFT_PATH'
])

/** Name prefixes whose variables are locale, runner layout or per-version tool paths. RUNNER_TRACKING_ID must
 *  stay: the runner kills, at the end of the job, every process still carrying it. */
const PREFIXES = ['LC_', 'XDG_', 'RUNNER_', 'JAVA_HOME_', 'GOROOT_', 'ACTIONS_STEP_DEBUG']

/** Names that smell of a credential are dropped even when allowed above. */
const CREDENTIAL_NAME = /token|secret|passw|pwd|credential|auth|cookie|session|private|(^|_)key($|_)|apikey/i

/** Known values shorter than this are not searched inside other values (they would match by chance). */
const MIN_SECRET = 6

export interface ScrubbedEnv {
  env: Record<string, string>
  /** Names dropped although allowed by name, with why (for the debug log; never the value). */
  dropped: { name: string; why: string }[]
}

/**
 * The variables of `source` the command may see. `secrets` are live values (github-token, fix-token, AWS
 * credentials, ...) that must appear in no value, whatever its name.
 */
export function scrubbedEnv(source: NodeJS.ProcessEnv, secrets: readonly string[]): ScrubbedEnv {
  const known = secrets.filter(s => typeof s === 'string' && s.length >= MIN_SECRET)
  const env: Record<string, string> = {}
  const dropped: { name: string; why: string }[] = []
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || !allowedName(name)) continue
    if (CREDENTIAL_NAME.test(name)) {
      dropped.push({ name, why: 'name looks like a credential' })
    } else if (known.some(s => value.includes(s))) {
      dropped.push({ name, why: 'value holds a known secret' })
    } else if (redact(value).count > 0) {
      dropped.push({ name, why: 'value looks like a secret' })
    } else {
      env[name] = value
    }
  }
  return { env, dropped }
}

function allowedName(name: string): boolean {
  return NAMES.has(name) || PREFIXES.some(p => name.startsWith(p))
}
