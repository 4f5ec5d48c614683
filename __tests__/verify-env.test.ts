import { describe, it, expect } from '@jest/globals'
import { scrubbedEnv } from '../src/verify/env.js'

const TOKEN = 'ghs_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'

describe('scrubbedEnv', () => {
  it('keeps the allowed, harmless variables and tool-cache paths', () => {
    const { env } = scrubbedEnv(
      {
        PATH: '/usr/bin',
        HOME: '/home/runner',
        LC_ALL: 'C.UTF-8',
        RUNNER_TEMP: '/home/runner/work/_temp',
        RUNNER_TRACKING_ID: 'github_1',
        JAVA_HOME_17_X64: '/opt/java17',
        GOPATH: '/home/runner/go',
        pythonLocation: '/opt/py'
      },
      []
    )
    expect(Object.keys(env).sort()).toEqual(
      [
        'GOPATH',
        'HOME',
        'JAVA_HOME_17_X64',
        'LC_ALL',
        'PATH',
        'RUNNER_TEMP',
        'RUNNER_TRACKING_ID',
        'pythonLocation'
      ].sort()
    )
  })

  it('drops every variable not on the list: tokens, runtime and OIDC variables, AWS, inputs, user secrets', () => {
    const { env } = scrubbedEnv(
      {
        GITHUB_TOKEN: 'x',
        GH_TOKEN: 'x',
        'INPUT_GITHUB-TOKEN': 'x',
        INPUT_VERIFY: 'pytest',
        ACTIONS_RUNTIME_TOKEN: 'x',
        ACTIONS_RUNTIME_URL: 'x',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x',
        ACTIONS_ID_TOKEN_REQUEST_URL: 'x',
        ACTIONS_CACHE_URL: 'x',
        ACTIONS_RESULTS_URL: 'x',
        AWS_ACCESS_KEY_ID: 'x',
        AWS_SECRET_ACCESS_KEY: 'x',
        AWS_SESSION_TOKEN: 'x',
        AWS_WEB_IDENTITY_TOKEN_FILE: 'x',
        AWS_CONTAINER_CREDENTIALS_FULL_URI: 'x',
        AWS_PROFILE: 'x',
        NPM_TOKEN: 'x',
        DATABASE_URL: 'x',
        GIT_CONFIG_GLOBAL: 'x',
        GIT_ASKPASS: 'x',
        NODE_OPTIONS: '--require /tmp/x.js',
        LD_PRELOAD: '/tmp/x.so'
      },
      []
    )
    expect(env).toEqual({})
  })

  it('drops an allowed name whose value holds a known secret or looks like one, and says why', () => {
    const r = scrubbedEnv(
      {
        LC_PAPER: `x${TOKEN}x`,
        XDG_DATA_HOME: `prefix ${'ghp_' + 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8'}`,
        RUNNER_SECRET_THING: 'a'
      },
      [TOKEN]
    )
    expect(r.env).toEqual({})
    expect(r.dropped).toEqual([
      { name: 'LC_PAPER', why: 'value holds a known secret' },
      { name: 'XDG_DATA_HOME', why: 'value looks like a secret' },
      { name: 'RUNNER_SECRET_THING', why: 'name looks like a credential' }
    ])
  })

  it('ignores too-short known values, which would match by chance', () => {
    expect(scrubbedEnv({ LANG: 'C.UTF-8' }, ['UTF']).env).toEqual({ LANG: 'C.UTF-8' })
  })
})
