import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../src/cli-options.js';
import { ConfigError } from '../src/errors.js';

describe('parseCommandLine', () => {
  it('defaults to a stylish scan of the whole repository failing on errors', () => {
    expect(parseCommandLine([])).toEqual({
      command: 'scan',
      paths: [],
      configFile: undefined,
      format: 'stylish',
      outputFile: undefined,
      failOn: 'error',
      changedSince: undefined,
      staged: false,
      baselineFile: undefined,
      writeBaselineFile: undefined,
      ruleOverrides: {},
      jobs: undefined,
      cache: false,
      cacheLocation: undefined,
      prefilter: true,
      color: undefined,
      quiet: false,
    });
  });

  it('reads every option, short and long', () => {
    expect(
      parseCommandLine([
        'src', '/abs/file.ts', '-c', 'cfg.yaml', '-f', 'sarif', '-o', 'out.sarif', '--fail-on', 'warning',
        '--changed-since', 'origin/main', '--staged', '--baseline', 'b.json', '--rule', 'proxy-attribute=off',
        '--rule', 'missing-redress=warning', '--jobs', '4', '--cache-location', '.cache/p', '--no-prefilter', '--no-color', '-q',
      ]),
    ).toEqual({
      command: 'scan',
      paths: ['src', '/abs/file.ts'],
      configFile: 'cfg.yaml',
      format: 'sarif',
      outputFile: 'out.sarif',
      failOn: 'warning',
      changedSince: 'origin/main',
      staged: true,
      baselineFile: 'b.json',
      writeBaselineFile: undefined,
      ruleOverrides: { 'proxy-attribute': 'off', 'missing-redress': 'warning' },
      jobs: 4,
      cache: true,
      cacheLocation: '.cache/p',
      prefilter: false,
      color: false,
      quiet: true,
    });
  });

  it('recognises subcommands, help and version', () => {
    expect(parseCommandLine(['rules'])).toEqual({ command: 'rules', configFile: undefined });
    expect(parseCommandLine(['init'])).toEqual({ command: 'init' });
    expect(parseCommandLine(['src', '--help'])).toEqual({ command: 'help' });
    expect(parseCommandLine(['-v'])).toEqual({ command: 'version' });
    expect(parseCommandLine(['./rules'])).toMatchObject({ command: 'scan', paths: ['./rules'] });
  });

  it.each([
    [['--format', 'html'], /--format "html" is not a format/],
    [['--fail-on', 'warn'], /--fail-on "warn" is not a level/],
    [['--jobs', '0'], /--jobs "0" is not a positive whole number/],
    [['--jobs', 'two'], /--jobs "two"/],
    [['--rule', 'proxy-attribute'], /expected <rule-id>=<level>/],
    [['--unknown'], /Unknown option '--unknown'.*Run profilint --help/],
    [['--config'], /--config/],
    [['init', 'src'], /profilint init takes no paths/],
    [['--baseline', 'a.json', '--write-baseline', 'b.json'], /name different files/],
  ])('rejects %j as a usage error', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(ConfigError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });
});
