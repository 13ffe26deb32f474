// Permission letters in words. The same letter means different things depending on what the
// token targets (docs/detection.md, end of "Grades"): `p` is "process messages" on a queue but "set permissions" on a
// blob; `d` is "delete entities" on a table.
import type { Permission } from '../findings/types';

export type PermissionTable = 'account' | 'blob' | 'file' | 'queue' | 'table';

const ACCOUNT: Record<string, string> = {
  r: 'read',
  w: 'write',
  d: 'delete',
  x: 'delete version',
  y: 'permanent delete',
  l: 'list',
  a: 'add',
  c: 'create',
  u: 'update',
  p: 'process',
  t: 'tag',
  f: 'filter',
  i: 'set immutability policy',
};

const BLOB: Record<string, string> = {
  r: 'read',
  a: 'add',
  c: 'create',
  w: 'write',
  d: 'delete',
  x: 'delete version',
  y: 'permanent delete',
  l: 'list',
  t: 'tags',
  f: 'find by tags',
  m: 'move',
  e: 'execute',
  o: 'ownership',
  p: 'permissions',
  i: 'set immutability policy',
};

const FILE: Record<string, string> = { r: 'read', c: 'create', w: 'write', d: 'delete', l: 'list' };

const QUEUE: Record<string, string> = { r: 'read', a: 'add', u: 'update', p: 'process' };

const TABLE: Record<string, string> = { r: 'query', a: 'add', u: 'update', d: 'delete' };

const TABLES: Record<PermissionTable, Record<string, string>> = { account: ACCOUNT, blob: BLOB, file: FILE, queue: QUEUE, table: TABLE };

/** Every letter of `sp` in words, in the order written; unknown letters are named as such. */
export function permissionsInWords(letters: string, table: PermissionTable): Permission[] {
  const names = TABLES[table];
  const seen = new Set<string>();
  const out: Permission[] = [];
  for (const letter of letters) {
    if (seen.has(letter)) continue;
    seen.add(letter);
    const name = Object.prototype.hasOwnProperty.call(names, letter) ? names[letter]! : `unknown permission "${letter}"`;
    out.push({ letter, name });
  }
  return out;
}

/** Letters that destroy data: delete, delete version, permanent delete (and queue "process", which deletes messages). */
export function destructiveLetters(table: PermissionTable): string {
  return table === 'queue' ? 'p' : table === 'file' ? 'd' : table === 'table' ? 'd' : 'dxy';
}

/** Letters that change data. */
export function writeLetters(table: PermissionTable): string {
  switch (table) {
    case 'queue':
      return 'au';
    case 'table':
      return 'au';
    case 'file':
      return 'cw';
    default:
      return 'wcautm';
  }
}

/** Letters that change access control, immutability or ownership. */
export function adminLetters(table: PermissionTable): string {
  return table === 'blob' ? 'ieop' : table === 'account' ? 'i' : '';
}
