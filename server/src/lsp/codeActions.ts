// Code actions, rebuilt from each diagnostic's `data` (stateless). The server re-reads the token from
// the current document text: the data says where it was and which secret it was (fingerprint), never
// what the secret is. Fix edits come from the engine as offsets; this file only converts them.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  CreateFile,
  TextDocumentEdit,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { OpenDocumentSource } from './openDocuments';
import type { Finding, FixEdit } from '../core/findings/types';
import { envFilePlan, envReferenceFix, fixAllStripSignatures, gitignorePlan, stripSignatureFix, suppressionFix } from '../core/fixes';
import { analyze } from './analyze';
import { FIX_ALL_CODE_ACTION_KIND, ServerCommands, type CopyRevokeCommandArgs } from './protocol';
import { revocationFor, revokeScript, revokingDocUri } from '../core/revoke/revocation';
import { DIAGNOSTIC_SOURCE, isSasGuardData, type SasGuardDiagnosticData } from './findingDiagnostics';
import { offsetRangesTouch, toOffsetRange } from './positions';
import type { Settings } from './settings';
import { pathToUri, uriToPath } from './uris';
import type { WorkspaceFolders } from './workspaceFolders';

const RULE_NOUNS: Partial<Record<Finding['ruleId'], string>> = {
  'storage-account-key': 'account key',
  'servicebus-key': 'shared access key',
  'servicebus-sas': 'SAS token',
  'iothub-device-key': 'device key',
  'iothub-policy-key': 'policy key',
  'dps-policy-key': 'policy key',
  'iothub-sas': 'SAS token',
};

export interface CodeActionEnvironment {
  readonly document: TextDocument;
  readonly settings: Settings;
  readonly folders: WorkspaceFolders;
  readonly documents: OpenDocumentSource;
  readonly now: Date;
  /** The client takes WorkspaceEdit.documentChanges. */
  readonly documentChanges: boolean;
  /** The client can create files inside a WorkspaceEdit. */
  readonly createFiles: boolean;
}

/** `kind` is requested by `only` when it equals one of them or sits below one (quickfix ⊂ quickfix, source.fixAll.sasGuard ⊂ source). */
function requested(only: readonly string[] | undefined, kind: string, defaultWhenUnset: boolean): boolean {
  if (only === undefined || only.length === 0) return defaultWhenUnset;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export async function provideCodeActions(env: CodeActionEnvironment, params: CodeActionParams): Promise<CodeAction[]> {
  const only = params.context.only;
  const wantQuickFixes = requested(only, CodeActionKind.QuickFix, true);
  const wantFixAll = requested(only, FIX_ALL_CODE_ACTION_KIND, false);
  if (!wantQuickFixes && !wantFixAll) return [];

  const { document } = env;
  const text = document.getText();
  const filePath = uriToPath(document.uri);
  const fileName = filePath ?? document.uri;
  // Grade filters do not matter here: the diagnostic exists, so the token must be found again.
  const outcome = analyze(
    { text, filePath, fileName, languageId: document.languageId, now: env.now },
    { ...env.settings, enable: true, exclude: [], minimumGrade: 'info', maxFileSizeKB: Number.MAX_SAFE_INTEGER },
  );
  if (outcome.kind !== 'checked') return [];
  const findings = [...outcome.findings, ...outcome.belowMinimum];
  const actions: CodeAction[] = [];

  if (wantQuickFixes) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      // Clients without diagnostic data support send it back without `data`: fall back to code + range.
      const finding = isSasGuardData(diagnostic.data) ? locate(document, findings, diagnostic, diagnostic.data) : locateByRange(document, findings, diagnostic);
      if (finding === undefined) continue;
      actions.push(...(await quickFixes(env, text, fileName, finding, diagnostic)));
    }
  }
  if (wantFixAll) {
    const reported = outcome.findings;
    const edits = reported.length > 0 ? fixAllStripSignatures(text, reported) : [];
    if (edits.length > 0) {
      actions.push({
        title: `Strip every SAS signature and key in this file (${reported.length}; does not revoke them)`,
        kind: FIX_ALL_CODE_ACTION_KIND,
        diagnostics: params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code !== undefined),
        edit: documentEdit(env, document, edits),
      });
    }
  }
  return actions;
}

/** The finding a diagnostic was made from, in the current text. */
export function locate(document: TextDocument, findings: readonly Finding[], diagnostic: Diagnostic, data: SasGuardDiagnosticData): Finding | undefined {
  const same = findings.filter((f) => f.fingerprint === data.fingerprint && f.ruleId === data.ruleId);
  if (data.version === document.version) {
    const exact = same.find((f) => f.range.start === data.range.start && f.range.end === data.range.end);
    if (exact !== undefined) return exact;
  }
  // The document moved on (or the diagnostic came from a scan of the file on disk): the client keeps
  // diagnostic ranges in step with edits, so look where the diagnostic is now.
  const where = toOffsetRange(document, diagnostic.range);
  const touching = same.filter((f) => offsetRangesTouch(f.range, where));
  if (touching.length > 0) {
    return touching.sort((a, b) => Math.abs(a.range.start - where.start) - Math.abs(b.range.start - where.start))[0];
  }
  return same.length === 1 ? same[0] : undefined;
}

function locateByRange(document: TextDocument, findings: readonly Finding[], diagnostic: Diagnostic): Finding | undefined {
  const where = toOffsetRange(document, diagnostic.range);
  return findings
    .filter((f) => f.ruleId === diagnostic.code && offsetRangesTouch(f.range, where))
    .sort((a, b) => Math.abs(a.range.start - where.start) - Math.abs(b.range.start - where.start))[0];
}

async function quickFixes(env: CodeActionEnvironment, text: string, fileName: string, finding: Finding, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const { document } = env;
  const actions: CodeAction[] = [];
  const isKey = finding.details.type === 'key' || finding.details.type === 'iot-key';

  // Revocation first: every fix below takes the secret out of the code, none makes it stop working.
  const revoke = copyRevokeCommandAction(finding, diagnostic);
  if (revoke !== undefined) actions.push(revoke);

  const strip = stripSignatureFix(text, finding);
  if (strip.length > 0) {
    actions.push({
      title: isKey ? 'Remove the key, leaving the value empty (does not revoke it)' : 'Strip the signature (does not revoke the token)',
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: documentEdit(env, document, strip),
    });
  }

  const envContext = {
    languageId: document.languageId,
    fileName,
    ...(env.settings.envVariableName !== '' ? { variableName: env.settings.envVariableName } : {}),
  };
  const reference = envReferenceFix(text, finding, envContext);
  if (reference.edits.length > 0) {
    actions.push({
      title: reference.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: documentEdit(env, document, reference.edits),
    });
  }

  if (reference.offerEnvFileMove && reference.edits.length > 0) {
    const move = await moveToEnvFile(env, text, finding, envContext, reference);
    if (move !== undefined) actions.push({ ...move, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] });
  }

  const suppression = suppressionFix(text, finding, document.languageId, fileName);
  if (suppression !== undefined) {
    actions.push({
      title: `Suppress this ${RULE_NOUNS[finding.ruleId] ?? 'SAS token'} with a sas-guard-ignore comment`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: documentEdit(env, document, [suppression]),
    });
  }
  return actions;
}

/**
 * "Copy the revoke command": no edit, a command carrying the commands as text. VS Code's client
 * copies them to the clipboard; other clients send the command to the server, which shows them.
 * Not offered when nothing needs revoking (an expired token, the emulator key).
 */
function copyRevokeCommandAction(finding: Finding, diagnostic: Diagnostic): CodeAction | undefined {
  const plan = revocationFor(finding);
  const text = revokeScript(plan);
  if (!plan.needed || text === '') return undefined;
  const args: CopyRevokeCommandArgs = { text, action: plan.action, docs: revokingDocUri(plan) };
  const title = 'Copy the revoke command';
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title, command: ServerCommands.copyRevokeCommand, arguments: [args] },
  };
}

/**
 * One WorkspaceEdit: create .env when missing, append NAME=value (never overwrite; the plan picks a
 * free name), add .env to .gitignore when it is not ignored yet (creating .gitignore when missing),
 * and replace the token with the reference to the name actually written.
 */
async function moveToEnvFile(
  env: CodeActionEnvironment,
  text: string,
  finding: Finding,
  envContext: { languageId: string; fileName: string; variableName?: string },
  reference: ReturnType<typeof envReferenceFix>,
): Promise<Pick<CodeAction, 'title' | 'edit'> | undefined> {
  const filePath = uriToPath(env.document.uri);
  if (filePath === undefined) return undefined; // no folder on disk to put a .env in
  const folder = env.folders.folderOf(filePath)?.path ?? path.dirname(filePath);
  const envPath = path.join(folder, '.env');
  if (path.resolve(envPath) === path.resolve(filePath)) return undefined;
  const gitignorePath = path.join(folder, '.gitignore');

  const envFile = await currentText(env, envPath);
  const plan = envFilePlan(envFile?.text, reference.variableName, reference.secretValue);
  const finalReference = plan.name === reference.variableName ? reference : envReferenceFix(text, finding, { ...envContext, variableName: plan.name });
  if (finalReference.edits.length === 0) return undefined;
  const gitignoreFile = await currentText(env, gitignorePath);
  const gitignore = gitignorePlan(gitignoreFile?.text);

  const needsCreate = envFile === undefined || (gitignore !== undefined && gitignoreFile === undefined);
  if (needsCreate && !(env.documentChanges && env.createFiles)) return undefined;

  const relativeEnv = path.relative(path.dirname(filePath), envPath).split(path.sep).join('/') || '.env';
  const title = `Move the value to ${relativeEnv} as ${plan.name} and read it from the environment`;
  const documentEdits: TextEdit[] = toTextEdits(env.document, finalReference.edits);

  if (!env.documentChanges) {
    const changes: Record<string, TextEdit[]> = {
      [env.document.uri]: documentEdits,
    };
    if (plan.appendText !== '') changes[pathToUri(envPath)] = [appendEdit(envFile?.text ?? '', plan.appendText)];
    if (gitignore !== undefined) changes[pathToUri(gitignorePath)] = [appendEdit(gitignoreFile?.text ?? '', gitignore.appendText)];
    return { title, edit: { changes } };
  }

  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  const envUri = pathToUri(envPath);
  if (envFile === undefined) documentChanges.push(CreateFile.create(envUri, { ignoreIfExists: true }));
  if (plan.appendText !== '') {
    documentChanges.push(TextDocumentEdit.create({ uri: envUri, version: envFile?.version ?? null }, [appendEdit(envFile?.text ?? '', plan.appendText)]));
  }
  if (gitignore !== undefined) {
    const gitignoreUri = pathToUri(gitignorePath);
    if (gitignoreFile === undefined) documentChanges.push(CreateFile.create(gitignoreUri, { ignoreIfExists: true }));
    documentChanges.push(
      TextDocumentEdit.create({ uri: gitignoreUri, version: gitignoreFile?.version ?? null }, [appendEdit(gitignoreFile?.text ?? '', gitignore.appendText)]),
    );
  }
  documentChanges.push(TextDocumentEdit.create({ uri: env.document.uri, version: env.document.version }, documentEdits));
  return { title, edit: { documentChanges } };
}

/** A file's text as the editor has it (open, maybe unsaved) or as it is on disk; undefined when missing. */
async function currentText(env: CodeActionEnvironment, filePath: string): Promise<{ text: string; version: number | null } | undefined> {
  const uri = pathToUri(filePath);
  const open = env.documents.all().find((d) => d.uri === uri || uriToPath(d.uri) === filePath);
  if (open !== undefined) return { text: open.getText(), version: open.version };
  try {
    return { text: await fs.readFile(filePath, 'utf8'), version: null };
  } catch {
    return undefined;
  }
}

function appendEdit(existing: string, appendText: string): TextEdit {
  const end = TextDocument.create('file:///append', 'plaintext', 0, existing).positionAt(existing.length);
  return { range: { start: end, end }, newText: appendText };
}

function toTextEdits(document: TextDocument, edits: readonly FixEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText }));
}

function documentEdit(env: CodeActionEnvironment, document: TextDocument, edits: readonly FixEdit[]): WorkspaceEdit {
  const textEdits = toTextEdits(document, edits);
  return env.documentChanges
    ? { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, textEdits)] }
    : { changes: { [document.uri]: textEdits } };
}
