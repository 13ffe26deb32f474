// Makes sure the language parsers the quick-fix tests check their output with are installed:
// a fix that breaks a Go, Ruby, PHP, C#, C, Java or Rust file must fail a test, and a missing parser
// must never turn into a silently skipped check. On a fresh Debian machine run as root (CI, the
// README's quick start) the missing ones are installed with apt; anywhere else this prints the
// command to run and fails. Set SAS_GUARD_NO_APT=1 to never run apt.
import { spawnSync } from 'node:child_process';

/** command → Debian package that provides it */
const REQUIRED = [
  ['python3', 'python3'],
  ['bash', 'bash'],
  ['javac', 'default-jdk-headless'],
  ['rustc', 'rustc'],
  ['gofmt', 'golang-go'],
  ['ruby', 'ruby'],
  ['php', 'php-cli'],
  ['mcs', 'mono-mcs'],
  ['gcc', 'gcc'],
  // Not a parser: the pre-commit framework, for the hook's test (test/unit/cli/staged.test.ts).
  ['pre-commit', 'pre-commit'],
];

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const missing = REQUIRED.filter(([command]) => !onPath(command));
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.map(([, pkg]) => pkg))];
const commands = missing.map(([command]) => command).join(', ');
const installCommand = `apt-get update && apt-get install -y ${packages.join(' ')}`;
const canApt = process.env.SAS_GUARD_NO_APT !== '1' && process.getuid?.() === 0 && onPath('apt-get');

if (!canApt) {
  console.error(`ensure-test-tools: missing ${commands}: the quick-fix tests parse fixed files with them.`);
  console.error(`ensure-test-tools: install them with: ${installCommand}`);
  process.exit(1);
}

console.error(`ensure-test-tools: missing ${commands}; installing Debian packages: ${packages.join(' ')}`);
const apt = (args) =>
  spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  }).status;
if (apt(['update', '-q']) !== 0 || apt(['install', '-y', '-q', '--no-install-recommends', ...packages]) !== 0) {
  console.error(`ensure-test-tools: apt-get failed; install by hand: ${installCommand}`);
  process.exit(1);
}
const stillMissing = REQUIRED.filter(([command]) => !onPath(command)).map(([command]) => command);
if (stillMissing.length > 0) {
  console.error(`ensure-test-tools: still missing after apt: ${stillMissing.join(', ')}`);
  process.exit(1);
}
