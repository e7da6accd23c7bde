import packageJson from '../../package.json' with { type: 'json' };

/** Who produced a report: the SARIF `tool.driver` and the JSON `tool` block. */
export const tool = {
  name: 'profilint',
  version: packageJson.version,
  informationUri: 'https://github.com/profilint/profilint',
} as const;
