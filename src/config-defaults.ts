// Apart from the config loader (and its YAML parser and schema validator) so the CLI's no-candidate path can use them.

export const configFileNames = ['profilint.config.yaml', 'profilint.config.yml', 'profilint.config.json'];

/** Files never scanned unless the config re-includes them with a `!` glob. */
export const defaultExcludes = [
  '**/node_modules/**',
  '**/dist/**',
  '**/build/**',
  '**/coverage/**',
  '**/vendor/**',
  '**/*.min.js',
  '**/*.min.mjs',
  '**/*.min.cjs',
];

export const defaultMaxFileSize = 1024 * 1024;
