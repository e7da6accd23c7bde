/**
 * Normalizes a finding's file to what GitHub maps onto the repository: relative to its root, forward
 * slashes, no leading `./` or `/`. Annotations on any other spelling never reach the Files tab.
 */
export function toRepositoryPath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(?:\.\/|\/)+/, '');
}
