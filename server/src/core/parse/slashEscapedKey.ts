// A key written inside a JSON string by a serializer that escapes `/` as `\/` (PHP's json_encode,
// the recorders of Azure's older test suites): `AccountKey=iDYT…\/…==` in a recording's
// `"ConnectionString":"…"`, or `\\/` once more escaped. The plain readers stop at the backslash, so
// such a key was not reported at all. Read here with its slashes unescaped; its range is the key as
// written (a fix replaces that), its value the key itself (fingerprint, redaction, grade).

/** The key and where it ends in the text, as written. */
export interface WrittenKey {
  readonly key: string;
  readonly end: number;
}

/**
 * The key at `from` whose slashes are written `\/` or `\\/` (at least one of them), unescaped:
 * `dataChars` base64 characters, then exactly `padding` `=`, then no base64 character or `=`.
 * `isKey` judges the unescaped value (readAccountKeyAt or readSharedAccessKeyAt at 0). At most
 * 3 * dataChars + padding characters are read.
 */
export function readSlashEscapedKey(
  text: string,
  from: number,
  dataChars: number,
  padding: number,
  isKey: (unescaped: string) => string | undefined,
): WrittenKey | undefined {
  let j = from;
  let key = '';
  let escaped = false;
  while (key.length < dataChars) {
    const c = text.charCodeAt(j);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47) {
      key += text.charAt(j);
      j++;
    } else if (c === 92) {
      // One backslash (JSON), or two (that JSON inside another string).
      const slash = text.charCodeAt(j + 1) === 92 ? j + 2 : j + 1;
      if (text.charCodeAt(slash) !== 47) return undefined;
      key += '/';
      j = slash + 1;
      escaped = true;
    } else {
      return undefined;
    }
  }
  for (let p = 0; p < padding; p++, j++) {
    if (text.charCodeAt(j) !== 61) return undefined;
    key += '=';
  }
  const after = text.charCodeAt(j);
  if (!escaped || after === 61 || (after >= 65 && after <= 90) || (after >= 97 && after <= 122) || (after >= 48 && after <= 57) || after === 43)
    return undefined;
  const judged = isKey(key);
  return judged === undefined ? undefined : { key: judged, end: j };
}
