// Set by scripts/build.mjs in every bundle; absent when the sources run directly (tests).
declare const PROFILINT_BUILD_ID: string | undefined;

/**
 * A hash of the sources and catalogs the running bundle was built from, or `source` when they run directly.
 * Caches are salted with it as well as the version: a rebuild at the same version (a branch ref in a workflow, a
 * development build) must not reuse facts an older build extracted.
 */
export const buildId: string = typeof PROFILINT_BUILD_ID === 'string' ? PROFILINT_BUILD_ID : 'source';
