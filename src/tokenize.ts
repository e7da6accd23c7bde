// Kept apart from the vocabulary (and its YAML parser) so the CLI's no-candidate path can tokenize without loading the engine.

// Irregular plurals the suffix rules below would get wrong or miss.
const irregularSingulars: Record<string, string> = { children: 'child', people: 'person', diagnoses: 'diagnosis' };

function singularize(token: string): string {
  const irregular = irregularSingulars[token];
  if (irregular !== undefined) return irregular;
  if (token.length <= 3) return token;
  if (token.endsWith('ies')) return `${token.slice(0, -3)}y`;
  if (/(ss|us|is|os)$/.test(token)) return token;
  if (token.endsWith('s')) return token.slice(0, -1);
  return token;
}

/**
 * Splits an identifier, key, column name or phrase into lower-case, singular word tokens:
 * `DOBDate` → `dob date`, `ethnicity_code` → `ethnicity code`, `$Gender` → `gender`, `zip5` → `zip 5`,
 * `user.address.postalCode` → `user address postal code`.
 */
export function tokenize(name: string): string[] {
  const spaced = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .replace(/([0-9])([A-Za-z])/g, '$1 $2')
    .toLowerCase();
  return spaced
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 0)
    .map(singularize);
}
