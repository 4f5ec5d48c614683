// The one end-of-line rule: a change to a file uses the line ending most of its lines use, so added lines match
// their neighbours and a CRLF file stays CRLF. The rules build their edits with it and apply writes with it.

/** The line ending most of the file's lines use; LF when there is no line break or the counts tie. */
export function eolOf(text: string): '\n' | '\r\n' {
  let crlf = 0
  let lf = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (text[i - 1] === '\r') crlf++
    else lf++
  }
  return crlf > lf ? '\r\n' : '\n'
}

/** `text` with every line break made `eol`. */
export function toEol(text: string, eol: string): string {
  const lf = text.replace(/\r\n/g, '\n')
  return eol === '\n' ? lf : lf.replace(/\n/g, eol)
}
