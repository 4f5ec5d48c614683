// Python import names that are not distribution names, and the standard library (never a missing dependency).

/**
 * Import name -> distribution name, where they differ. Only names whose mapping is unambiguous: when one import name
 * is provided by several distributions (e.g. `jwt`: PyJWT or python-jwt) the most used one is taken only if it is
 * the de-facto standard; otherwise the name is left out and the rule does not guess.
 */
export const IMPORT_TO_DIST: Readonly<Record<string, string>> = {
  yaml: 'PyYAML',
  cv2: 'opencv-python',
  sklearn: 'scikit-learn',
  skimage: 'scikit-image',
  PIL: 'Pillow',
  bs4: 'beautifulsoup4',
  dateutil: 'python-dateutil',
  dotenv: 'python-dotenv',
  jwt: 'PyJWT',
  magic: 'python-magic',
  docx: 'python-docx',
  pptx: 'python-pptx',
  multipart: 'python-multipart',
  Crypto: 'pycryptodome',
  OpenSSL: 'pyOpenSSL',
  serial: 'pyserial',
  usb: 'pyusb',
  git: 'GitPython',
  github: 'PyGithub',
  gitlab: 'python-gitlab',
  telegram: 'python-telegram-bot',
  slugify: 'python-slugify',
  jose: 'python-jose',
  MySQLdb: 'mysqlclient',
  pymysql: 'PyMySQL',
  ldap: 'python-ldap',
  attr: 'attrs',
  fitz: 'PyMuPDF',
  win32api: 'pywin32',
  zmq: 'pyzmq',
  Levenshtein: 'python-Levenshtein',
  markdown: 'Markdown',
  jinja2: 'Jinja2',
  flask: 'Flask',
  sqlalchemy: 'SQLAlchemy',
  werkzeug: 'Werkzeug',
  pkg_resources: 'setuptools',
  // distutils left the standard library in Python 3.12; setuptools provides it again.
  distutils: 'setuptools',
  google_auth_oauthlib: 'google-auth-oauthlib',
  googleapiclient: 'google-api-python-client',
  kafka: 'kafka-python',
  socks: 'PySocks',
  typing_extensions: 'typing_extensions',
  pydantic_settings: 'pydantic-settings',
  faiss: 'faiss-cpu',
  xdist: 'pytest-xdist',
  pytest_cov: 'pytest-cov',
  pytest_mock: 'pytest-mock',
  pytest_asyncio: 'pytest-asyncio',
  mpl_toolkits: 'matplotlib',
  Bio: 'biopython',
  wx: 'wxPython',
  nacl: 'PyNaCl',
  odf: 'odfpy',
  sentry_sdk: 'sentry-sdk',
  ruamel: 'ruamel.yaml'
}

/**
 * Namespace packages: the distribution follows from the first two dotted parts (google.cloud.storage ->
 * google-cloud-storage). A bare `google` or `azure` is ambiguous and is not mapped.
 */
export function namespaceDist(dotted: string): string | undefined {
  const parts = dotted.split('.')
  const [a, b, c] = parts
  if (a === 'google') {
    if (b === 'protobuf') return 'protobuf'
    if (b === 'cloud' && c !== undefined) return `google-cloud-${c.replace(/_/g, '-')}`
    if (b === 'auth') return 'google-auth'
    if (b === 'genai') return 'google-genai'
    if (b === 'generativeai') return 'google-generativeai'
    return undefined
  }
  if (a === 'azure' && b !== undefined) {
    if (b === 'identity') return 'azure-identity'
    if (c !== undefined && ['storage', 'mgmt', 'keyvault', 'ai', 'servicebus', 'eventhub'].includes(b)) {
      return `azure-${b}-${c.replace(/_/g, '-')}`
    }
    return `azure-${b.replace(/_/g, '-')}`
  }
  return undefined
}

/** Top-level names that exist only as namespaces: not a distribution on their own. */
export const NAMESPACE_ROOTS = new Set(['google', 'azure', 'backports', 'zope', 'jaraco', 'sphinxcontrib'])

/** `sys.stdlib_module_names` of CPython 3.13 (with the modules removed in 3.12/3.13 left out on purpose). */
export const PYTHON_STDLIB = new Set(
  (
    '__future__ _abc _ast _asyncio _bisect _blake2 _bz2 _codecs _collections _collections_abc _contextvars _csv ' +
    '_ctypes _curses _datetime _decimal _elementtree _functools _hashlib _heapq _io _json _locale _lzma _md5 ' +
    '_multiprocessing _opcode _operator _pickle _posixsubprocess _queue _random _sha1 _sha2 _sha3 _signal _socket ' +
    '_sqlite3 _sre _ssl _stat _statistics _string _struct _symtable _thread _threading_local _tkinter _tokenize ' +
    '_tracemalloc _typing _uuid _warnings _weakref _weakrefset _zoneinfo abc antigravity argparse array ast ' +
    'asyncio atexit base64 bdb binascii bisect builtins bz2 cProfile calendar cmath cmd code codecs codeop ' +
    'collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg csv ctypes ' +
    'curses dataclasses datetime dbm decimal difflib dis doctest email encodings ensurepip enum errno faulthandler ' +
    'fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob ' +
    'graphlib grp gzip hashlib heapq hmac html http idlelib imaplib importlib inspect io ipaddress itertools json ' +
    'keyword linecache locale logging lzma mailbox marshal math mimetypes mmap modulefinder msvcrt ' +
    'multiprocessing netrc nt ntpath nturl2path numbers opcode operator optparse os pathlib pdb pickle ' +
    'pickletools pkgutil platform plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr ' +
    'pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy sched secrets ' +
    'select selectors shelve shlex shutil signal site smtplib socket socketserver sqlite3 sre_compile ' +
    'sre_constants sre_parse ssl stat statistics string stringprep struct subprocess symtable sys sysconfig ' +
    'syslog tabnanny tarfile tempfile termios textwrap this threading time timeit tkinter token tokenize tomllib ' +
    'trace traceback tracemalloc tty turtle turtledemo types typing unicodedata unittest urllib uuid venv ' +
    'warnings wave weakref webbrowser winreg winsound wsgiref xml xmlrpc xxsubtype zipapp zipfile zipimport ' +
    'zlib zoneinfo'
  ).split(' ')
)

/** Tools used only to test or lint: they belong in the development requirements, not the runtime ones. */
export const PYTHON_TEST_TOOLS = new Set([
  'pytest',
  'pytest-cov',
  'pytest-xdist',
  'pytest-mock',
  'pytest-asyncio',
  'pytest-timeout',
  'pytest-rerunfailures',
  'pytest-benchmark',
  'pytest-django',
  'hypothesis',
  'coverage',
  'mypy',
  'ruff',
  'flake8',
  'black',
  'isort',
  'pylint',
  'tox',
  'nox',
  'responses',
  'freezegun',
  'faker',
  'factory-boy'
])

/** Console scripts whose "command not found" means the distribution of the same name is not installed. */
export const PYTHON_COMMANDS: Readonly<Record<string, string>> = {
  pytest: 'pytest',
  'py.test': 'pytest',
  mypy: 'mypy',
  ruff: 'ruff',
  flake8: 'flake8',
  black: 'black',
  isort: 'isort',
  pylint: 'pylint',
  coverage: 'coverage',
  tox: 'tox',
  nox: 'nox'
}

/** pytest options that only exist when a plugin is installed: "unrecognized arguments: --cov" -> pytest-cov. */
export const PYTEST_PLUGIN_OPTIONS: ReadonlyArray<[RegExp, string]> = [
  [/^--cov(-[a-z-]+)?(=|$)/, 'pytest-cov'],
  [/^--no-cov(=|$)/, 'pytest-cov'],
  [/^(-n|--numprocesses|--dist)(=|$)/, 'pytest-xdist'],
  [/^--timeout(=|$)/, 'pytest-timeout'],
  [/^--reruns(-delay)?(=|$)/, 'pytest-rerunfailures'],
  [/^--benchmark-[a-z-]+(=|$)/, 'pytest-benchmark'],
  [/^--ds(=|$)/, 'pytest-django'],
  [/^--asyncio-mode(=|$)/, 'pytest-asyncio'],
  [/^--html(=|$)/, 'pytest-html'],
  [/^--randomly-[a-z-]+(=|$)/, 'pytest-randomly'],
  [/^--mypy$/, 'pytest-mypy']
]

/** PEP 503 normalised name: comparison of distribution names ignores case and -_. runs. */
export function normalizeDist(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}
