/** `User-Agent: pandora-gong/<version>`, so Gong support can tell our traffic apart. */
import { PACKAGE_VERSION } from '../util/package-version.js';

export const USER_AGENT = `pandora-gong/${PACKAGE_VERSION}`;
