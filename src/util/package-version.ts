import { createRequire } from 'node:module';

/** This package's version from package.json (src/util and dist/util are both two levels below it). */
export const PACKAGE_VERSION: string = (() => {
  try {
    const pkg = createRequire(import.meta.url)('../../package.json') as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
})();
