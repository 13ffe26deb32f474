// Every quick fix, in every language the fix engine writes and on a token split over string literals,
// applied to the text and re-checked by the real server: the token's error or warning must be gone,
// and no title shows the secret. The request's own behaviour (fix-all, `only`, a moved document, the
// revoke command) is codeActionRequest.test.ts.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { resolveFixLanguage, type FixLanguage } from '../../server/src/core/fixes';
import { LANGUAGE_SAMPLES } from './languages';
import { clientPerSuiteInTempFolder, fileUri, type TestClient } from './support';
import { accountSasUrl, inUrl, serviceBusConnectionString, storageConnectionString } from './tokens';
import { fakeAccountKey, fakeServiceBusKey, fakeSignature } from '../support/fakeSecrets';
import { editsFor, isProblem, kindOf } from './codeActionSupport';
interface TokenCase {
  readonly name: string;
  readonly make: () => { token: string; secrets: string[] };
}

const TOKENS: readonly TokenCase[] = [
  {
    name: 'account SAS URL',
    make: () => {
      const sig = fakeSignature();
      return { token: accountSasUrl(sig), secrets: [sig, inUrl(sig)] };
    },
  },
  {
    name: 'storage connection string',
    make: () => {
      const key = fakeAccountKey();
      return { token: storageConnectionString(key), secrets: [key] };
    },
  },
  {
    name: 'Service Bus connection string',
    make: () => {
      const key = fakeServiceBusKey();
      return { token: serviceBusConnectionString(key), secrets: [key] };
    },
  },
];

/**
 * Applies each fix but the revoke command (which edits nothing by design) to `text`: the secrets
 * must leave the code (a suppression comment keeps them) and the server must then report no
 * problem. `text` goes back before the next fix (one problem again). `check` adds a test's own look
 * at the fixed text.
 */
async function assertEveryFixClears(
  client: TestClient,
  uri: string,
  languageId: string,
  text: string,
  actions: readonly CodeAction[],
  secrets: readonly string[],
  check: (action: CodeAction, fixed: string) => void = () => undefined,
): Promise<void> {
  for (const action of actions.filter((a) => kindOf(a) !== 'revoke')) {
    const edits = editsFor(action.edit, uri);
    assert.ok(edits.length > 0, `${action.title}: no edit for the document`);
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, languageId, 1, text), edits);
    if (kindOf(action) !== 'suppress') {
      for (const secret of secrets) assert.ok(!fixed.includes(secret), `${action.title}: the secret is still in the code`);
    }
    check(action, fixed);
    const left = (await client.replaceAll(uri, fixed)).filter(isProblem);
    assert.deepEqual(
      left.map((d) => `${d.code}: ${d.message}`),
      [],
      `${action.title} left a problem in:\n${fixed}`,
    );
    assert.equal((await client.replaceAll(uri, text)).filter(isProblem).length, 1);
  }
}

// Every FixLanguage, checked by the compiler: a language added to the engine fails the type check here
// until it has a sample.
const EVERY_FIX_LANGUAGE: Record<FixLanguage, true> = {
  javascript: true,
  typescript: true,
  python: true,
  csharp: true,
  java: true,
  kotlin: true,
  go: true,
  rust: true,
  ruby: true,
  php: true,
  powershell: true,
  shell: true,
  bat: true,
  'github-actions': true,
  'azure-pipelines': true,
  yaml: true,
  dockerfile: true,
  terraform: true,
  bicep: true,
  bicepparam: true,
  dotenv: true,
  json: true,
  xml: true,
  markdown: true,
  unknown: true,
};

describe('language samples', () => {
  it('cover every language the fix engine writes, each resolving to its language', () => {
    assert.deepEqual(LANGUAGE_SAMPLES.map((s) => s.language).sort(), Object.keys(EVERY_FIX_LANGUAGE).sort());
    for (const sample of LANGUAGE_SAMPLES) assert.equal(resolveFixLanguage(sample.languageId, sample.fileName), sample.language, sample.fileName);
  });
});

describe('quick fixes in every language', () => {
  const suite = clientPerSuiteInTempFolder('sas-guard-fixes-');

  for (const sample of LANGUAGE_SAMPLES) {
    for (const tokenCase of TOKENS) {
      it(`${sample.language}: every fix for a ${tokenCase.name} leaves no error or warning`, async () => {
        const { token, secrets } = tokenCase.make();
        const written = sample.encode ? sample.encode(token) : token;
        const text = sample.template.replace('TOKEN', written);
        const uri = fileUri(path.join(suite.folder, sample.fileName));
        const diagnostics = (await suite.client.open(uri, sample.languageId, text)).filter(isProblem);
        try {
          assert.equal(diagnostics.length, 1, `expected one problem, got ${JSON.stringify(diagnostics.map((d) => d.code))}`);
          const diagnostic = diagnostics[0]!;
          const actions = ((await suite.client.codeActions(uri, diagnostic.range, [diagnostic])) ?? []) as CodeAction[];
          const kinds = actions.map(kindOf);
          assert.ok(kinds.includes('strip'), `no strip fix: ${kinds}`);
          assert.equal(kinds[0], 'revoke', `the revoke command does not come first: ${kinds}`);
          assert.ok(kinds.includes('env'), `no environment-reference fix: ${actions.map((a) => a.title)}`);
          assert.equal(actions.filter((a) => a.isPreferred).length, 1, 'exactly one preferred fix');
          assert.equal(kinds.includes('suppress'), !sample.noComments, `suppression offered: ${kinds.includes('suppress')}`);
          assert.equal(kinds.includes('move'), sample.language !== 'dotenv', `.env move offered: ${kinds.includes('move')}`);
          for (const action of actions) {
            assert.equal(action.kind, 'quickfix');
            assert.deepEqual(action.diagnostics, [diagnostic]);
            for (const secret of secrets) assert.ok(!action.title.includes(secret.slice(0, 8)), `title shows the secret: ${action.title}`);
          }
          await assertEveryFixClears(suite.client, uri, sample.languageId, text, actions, secrets);
        } finally {
          await suite.client.close(uri);
        }
      });
    }
  }
});

describe('quick fixes on a token split over string literals', () => {
  const suite = clientPerSuiteInTempFolder('sas-guard-split-');

  const SPLITS: ReadonlyArray<{ fileName: string; languageId: string; write: (head: string, tail: string) => string }> = [
    { fileName: 'split.ts', languageId: 'typescript', write: (h, t) => `const u: string = "${h}" +\n  '${t}';\nconsole.log(u);\n` },
    { fileName: 'split.py', languageId: 'python', write: (h, t) => `u = (\n    "${h}"\n    "${t}"\n)\nprint(u)\n` },
    { fileName: 'split.sh', languageId: 'shellscript', write: (h, t) => `curl "${h}"'${t}'\n` },
  ];
  for (const split of SPLITS) {
    it(`${split.languageId}: one problem over the joined token; every fix leaves none`, async () => {
      const sig = fakeSignature();
      const url = accountSasUrl(sig);
      const cut = url.indexOf('&sp=');
      const text = split.write(url.slice(0, cut), url.slice(cut));
      const uri = fileUri(path.join(suite.folder, split.fileName));
      const diagnostics = (await suite.client.open(uri, split.languageId, text)).filter(isProblem);
      try {
        assert.equal(diagnostics.length, 1, `expected one problem, got ${JSON.stringify(diagnostics.map((d) => d.message))}`);
        const diagnostic = diagnostics[0]!;
        assert.match(typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value, /split over 2 string literals/);
        const actions = ((await suite.client.codeActions(uri, diagnostic.range, [diagnostic])) ?? []) as CodeAction[];
        assert.ok(actions.map(kindOf).includes('strip') && actions.map(kindOf).includes('env'), actions.map((a) => a.title).join(' | '));
        assert.ok(actions.map(kindOf).includes('revoke'), 'no Copy the revoke command');
        await assertEveryFixClears(suite.client, uri, split.languageId, text, actions, [inUrl(sig)], (action, fixed) => {
          if (kindOf(action) === 'env')
            assert.ok(!fixed.includes(url.slice(cut, cut + 8)), `${action.title}: a piece of the expression was left behind:\n${fixed}`);
        });
      } finally {
        await suite.client.close(uri);
      }
    });
  }
});
