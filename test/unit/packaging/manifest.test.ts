// The manifest (package.json) parts VS Code and the Marketplace read: commands, settings, grammar,
// problem matcher, activation and capabilities, icon. Catches a renamed command or setting that
// the client or the server would silently stop matching.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CommandIds } from '../../../client/src/commandIds';
import { GRADES_BY_SEVERITY } from '../../../server/src/core/findings/grades';
import { DEFAULT_SETTINGS } from '../../../server/src/lsp/settings';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
}

function clientSources(dir = join(root, 'client', 'src')): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) =>
      entry.isDirectory() ? clientSources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? readFileSync(join(dir, entry.name), 'utf8') : '',
    )
    .join('\n');
}

describe('package.json: what vsce and the Marketplace need', () => {
  it('has the identity fields, engines, main and a real 128x128 PNG icon', () => {
    for (const key of ['name', 'displayName', 'description', 'version', 'publisher', 'license', 'repository', 'categories']) {
      assert.ok(manifest[key], `missing ${key}`);
    }
    assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
    assert.equal(manifest.main, './dist/client.js');
    assert.equal(manifest.browser, './dist/web/client.js', 'the web build (vscode.dev, github.dev) is the browser entry');
    assert.equal(manifest.icon, 'images/icon.png');
    const png = readFileSync(join(root, manifest.icon));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'icon is not a PNG');
    assert.equal(png.readUInt32BE(16), 128, 'icon width');
    assert.equal(png.readUInt32BE(20), 128, 'icon height');
    assert.match(manifest.galleryBanner.color, /^#[0-9A-Fa-f]{6}$/);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    assert.ok(existsSync(join(root, 'LICENSE')) && existsSync(join(root, 'CHANGELOG.md')));
  });

  it('activates after startup only, runs in the workspace, and declares trust and virtual-workspace support', () => {
    assert.deepEqual(manifest.activationEvents, ['onStartupFinished']);
    assert.deepEqual(manifest.extensionKind, ['workspace']);
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces, { supported: true });
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, 'limited');
    assert.ok(manifest.capabilities.virtualWorkspaces.description.length > 20);
    // Limited means: the desktop build in a virtual workspace checks open documents only. The web build
    // scans virtual workspaces too, so the workspace commands show there (client/src/browser sets the key).
    assert.match(manifest.capabilities.virtualWorkspaces.description, /browser/);
    for (const entry of manifest.contributes.menus.commandPalette as { command: string; when: string }[]) {
      // Copy the revoke command only runs from its code action (it needs the finding): never in the palette.
      // The history scan runs git in the desktop server: never in a virtual workspace or the web build.
      const expected =
        entry.command === 'sasGuard.copyRevokeCommand'
          ? 'false'
          : entry.command === 'sasGuard.scanHistory'
            ? 'workspaceFolderCount > 0 && !virtualWorkspace && !sasGuard.webHost'
            : 'workspaceFolderCount > 0 && (!virtualWorkspace || sasGuard.webHost)';
      assert.equal(entry.when, expected, entry.command);
    }
    assert.match(readFileSync(join(root, 'client/src/browser/extension.ts'), 'utf8'), /WEB_HOST_CONTEXT_KEY = 'sasGuard\.webHost'/);
  });

  it('contributes exactly the commands the client registers, all in the "SAS Guard" category', () => {
    const commands = manifest.contributes.commands as CommandContribution[];
    assert.deepEqual(commands.map((c) => c.command).sort(), Object.values(CommandIds).sort());
    for (const command of commands) {
      assert.equal(command.category, 'SAS Guard', command.command);
      assert.ok(command.title && !command.title.startsWith('SAS Guard'), `${command.command}: the category already says "SAS Guard"`);
    }
    const titles = Object.fromEntries(commands.map((c) => [c.command, c.title]));
    assert.equal(titles['sasGuard.scanWorkspace'], 'Scan Workspace');
    assert.equal(titles['sasGuard.exportSarif'], 'Export SARIF Report');
    assert.equal(titles['sasGuard.restartServer'], 'Restart Server');
    assert.equal(titles['sasGuard.showOutput'], 'Show Output');
    assert.equal(titles['sasGuard.clearScanResults'], 'Clear Workspace Scan Results');
    const source = clientSources();
    for (const key of Object.keys(CommandIds)) {
      assert.match(source, new RegExp(`registerCommand\\(CommandIds\\.${key}\\b`), `client never registers CommandIds.${key}`);
    }
    for (const entry of manifest.contributes.menus.commandPalette as { command: string; when: string }[]) {
      assert.ok(Object.values<string>(CommandIds).includes(entry.command), entry.command);
      assert.ok(entry.when, `${entry.command} needs a when clause`);
    }
  });

  it('contributes every setting the server reads, with its default, scope and descriptions', () => {
    const properties = manifest.contributes.configuration.properties as Record<string, Record<string, unknown>>;
    const serverKeys = Object.keys(DEFAULT_SETTINGS).map((key) => `sasGuard.${key}`);
    assert.deepEqual(Object.keys(properties).sort(), [...serverKeys, 'sasGuard.trace.server'].sort());
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
      assert.deepEqual(properties[`sasGuard.${key}`]!.default, value, `default of sasGuard.${key}`);
      assert.equal(properties[`sasGuard.${key}`]!.scope, 'resource', `scope of sasGuard.${key}`);
    }
    const grade = properties['sasGuard.minimumGrade']!;
    assert.deepEqual(grade.enum, GRADES_BY_SEVERITY);
    assert.equal((grade.enumDescriptions as string[]).length, GRADES_BY_SEVERITY.length);
    assert.equal(properties['sasGuard.trace.server']!.scope, 'window');
    assert.deepEqual(properties['sasGuard.trace.server']!.enum, ['off', 'messages', 'verbose']);
    for (const [key, property] of Object.entries(properties)) {
      assert.ok(property.description || property.markdownDescription, `${key} has no description`);
    }
    assert.match(String(properties['sasGuard.enable']!.markdownDescription), /editor\.codeActionsOnSave.*source\.fixAll\.sasGuard/s);
  });

  it('contributes the injection grammars: every source and text grammar, plus Markdown links', () => {
    const grammars = manifest.contributes.grammars as { scopeName: string; path: string; injectTo: string[]; language?: string }[];
    assert.deepEqual(
      grammars.map((g) => [g.scopeName, g.injectTo]),
      [
        ['sas-guard.injection', ['source', 'text']],
        ['sas-guard.markdown-link.injection', ['text.html.markdown']],
      ],
    );
    for (const grammar of grammars) {
      assert.equal(grammar.language, undefined, 'an injection grammar has no language');
      assert.match(grammar.path, /^\.\/syntaxes\/[^/]+\.tmLanguage\.json$/);
      const file = JSON.parse(readFileSync(join(root, grammar.path), 'utf8'));
      assert.equal(file.scopeName, grammar.scopeName);
      assert.match(file.injectionSelector, /^L:/);
    }
    const main = JSON.parse(readFileSync(join(root, grammars[0]!.path), 'utf8'));
    assert.match(main.injectionSelector, /^L:source\b.*L:text\b/);
  });

  it('contributes a problem matcher that reads the CLI text format', () => {
    const [matcher] = manifest.contributes.problemMatchers;
    assert.equal(matcher.name, 'sas-guard');
    assert.equal(matcher.owner, 'sas-guard');
    assert.equal(matcher.source, 'SAS Guard');
    const pattern = new RegExp(matcher.pattern.regexp);
    const line = 'src/app config.ts:12:34: error account-sas Account SAS for fabrikam: read, write, delete on blob, until 2051-01-01 (critical)';
    const m = pattern.exec(line);
    assert.ok(m, 'the sample line does not match');
    assert.equal(m[matcher.pattern.file], 'src/app config.ts');
    assert.equal(m[matcher.pattern.line], '12');
    assert.equal(m[matcher.pattern.column], '34');
    assert.equal(m[matcher.pattern.severity], 'error');
    assert.equal(m[matcher.pattern.code], 'account-sas');
    assert.match(m[matcher.pattern.message] ?? '', /^Account SAS for fabrikam/);
    assert.ok(pattern.exec('C:\\repo\\a.env:1:5: warning service-sas Service SAS …'), 'Windows paths');
    assert.equal(pattern.exec('Scanned 12 files in 0.3 s'), null);
  });

  it('has the packaging and test scripts, with the grammar tests in npm test', () => {
    assert.match(manifest.scripts.package, /vsce package --no-dependencies -o sas-guard\.vsix/);
    assert.match(manifest.scripts['vscode:prepublish'], /--production/);
    assert.match(manifest.scripts['test:grammar'], /vscode-tmgrammar-test/);
    assert.match(manifest.scripts.test, /npm run test:grammar/);
    assert.ok(manifest.scripts['test:vscode']);
    assert.doesNotMatch(manifest.scripts.test, /test:vscode/);
  });
});
