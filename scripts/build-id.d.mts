/** Hashes the sources the bundles under `root` are built from (see build-id.mjs). */
export function computeBuildId(root: string): Promise<string>;
