/** Multi-tenant mode, part one: connections, their sealed credentials and OAuth rotation. */
export { ConnectionRepository, type ConnectionInfo, type ConnectionSettings } from './connection-repository.js';
export { SecretKeyMismatchError, CredentialsCorruptError, UnknownConnectionError } from './connection-errors.js';
export { SecretKey, parseSecretKey, secretKeyFromEnv, generateSecretKey, SECRET_KEY_ENV } from './secret-key.js';
export { sealCredentials, openCredentials, envelopeKeyId } from './credential-box.js';
export type { ConnectionSecrets, BasicSecrets, BearerSecrets, OAuthSecrets, AuthKind } from './connection-secrets.js';
export { OAuthTokenSource, applyGrant, type OAuthTokenSourceOptions } from './oauth-token-source.js';
export { refreshOAuthToken, GONG_TOKEN_URL, type TokenGrant, type RefreshRequest } from './oauth-token-endpoint.js';
export { removeConnection, connectionRowCounts, tablesWithConnectionId } from './remove-connection.js';
export { checkConnectionName, checkRate, requirePostgres } from './connection-settings.js';
export { rotateSecretKey, parseNewSecretKey, NEW_SECRET_KEY_ENV, type KeyRotationReport } from './rotate-secret-key.js';
