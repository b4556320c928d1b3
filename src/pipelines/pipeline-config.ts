/**
 * The config a Singer tap or an Airbyte source takes (one JSON file, the same for both): the
 * settings of product.md "Configuration", under the names data teams expect. `connectionSpec()`
 * is its JSON Schema (Airbyte's `spec`, with every credential marked `airbyte_secret`);
 * `parsePipelineConfig()` checks a config and says what is wrong by the key's name, never by its
 * value.
 */
import { normalizeBaseUrl, DEFAULT_BASE_URL } from '../client/client-options.js';
import { parseRateSpec } from '../client/rate-limiter.js';
import { ConfigError } from '../errors.js';
import { STREAM_NAMES } from '../sync/streams/registry.js';
import type { SyncWindowOptions } from '../sync/sync-options.js';
import { parseDateArgument, parseDuration } from '../util/time.js';
import { GONG_TOKEN_URL } from '../connections/oauth-token-endpoint.js';

export interface AccessKeyAuth {
  auth_type: 'access_key';
  access_key: string;
  access_key_secret: string;
}

export interface OAuthAuth {
  auth_type: 'oauth2';
  client_id: string;
  client_secret: string;
  /** Single use: every refresh returns the next one, which the platform must keep (CONTROL). */
  refresh_token: string;
  access_token?: string;
  /** When `access_token` is to be replaced (UTC ISO). */
  access_token_expires_at?: string;
  token_url?: string;
}

export interface PipelineConfig {
  credentials: AccessKeyAuth | OAuthAuth;
  base_url?: string;
  start_date?: string;
  lookback?: string;
  rate?: string;
  daily_budget?: number;
  max_wait?: string;
  retry_for?: string;
  timeout?: string;
  streams?: string[];
  include_private?: boolean;
}

/** A config, checked, with its durations and dates in milliseconds. */
export interface ParsedPipelineConfig {
  raw: PipelineConfig;
  auth: AccessKeyAuth | OAuthAuth;
  baseUrl: string;
  rate: string | false;
  dailyLimit: number | undefined;
  retry: { maxRetryAfterMs?: number; retryForMs?: number };
  timeoutMs: number | undefined;
  sync: SyncWindowOptions;
}

const secret = (title: string, description: string) => ({ type: 'string', title, description, airbyte_secret: true });
const duration = (title: string, description: string, example: string) => ({ type: 'string', title, description, pattern: '^\\d+(ms|s|m|h|d|w)$', examples: [example] });

/** The config's JSON Schema (Airbyte `connectionSpecification`). */
export function connectionSpec(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'pandora-gong',
    type: 'object',
    required: ['credentials'],
    additionalProperties: true,
    properties: {
      credentials: {
        title: 'Authentication',
        type: 'object',
        order: 0,
        oneOf: [
          {
            title: 'Access key',
            type: 'object',
            required: ['auth_type', 'access_key', 'access_key_secret'],
            properties: {
              auth_type: { type: 'string', const: 'access_key' },
              access_key: secret('Access key', 'Gong access key (Company Settings → Ecosystem → API).'),
              access_key_secret: secret('Access key secret', 'The secret that goes with the access key.'),
            },
          },
          {
            title: 'OAuth',
            type: 'object',
            required: ['auth_type', 'client_id', 'client_secret', 'refresh_token'],
            properties: {
              auth_type: { type: 'string', const: 'oauth2' },
              client_id: secret('Client id', "The Gong OAuth app's client id."),
              client_secret: secret('Client secret', "The Gong OAuth app's client secret."),
              refresh_token: secret('Refresh token', 'Single use: the connector emits the next one as a CONTROL message.'),
              access_token: secret('Access token', 'The current access token, if any (kept up to date by the connector).'),
              access_token_expires_at: { type: 'string', format: 'date-time', title: 'Access token refresh time' },
              token_url: { type: 'string', title: 'Token URL', default: GONG_TOKEN_URL },
            },
          },
        ],
      },
      base_url: { type: 'string', title: 'API base URL', default: DEFAULT_BASE_URL, order: 1 },
      start_date: { type: 'string', title: 'Start date', description: 'Where the first read starts: ISO-8601 (2026-09-01) or relative (90d). Default 90 days ago.', order: 2 },
      lookback: duration('Lookback', 'How far before the watermark each read re-reads, for calls Gong makes visible late. Default 3d.', '3d'),
      rate: { type: 'string', title: 'Request rate', description: 'Request ceiling: 3/s (default), 100/min, "3/s,100/min", or off.', default: '3/s' },
      daily_budget: { type: 'integer', title: 'Daily request budget', minimum: 1, default: 10000 },
      max_wait: duration('Longest Retry-After to wait', 'Longer waits stop the read (it resumes on the next). Default 5m.', '5m'),
      retry_for: duration('Retry outages for', 'How long to keep retrying while Gong is unavailable. Default 10m.', '10m'),
      timeout: duration('Request timeout', 'Per request. Default 120s.', '120s'),
      streams: { type: 'array', title: 'Streams', description: 'Which of the readers run (default all); the catalog narrows further.', items: { type: 'string', enum: [...STREAM_NAMES] }, uniqueItems: true },
      include_private: { type: 'boolean', title: 'Include private calls', default: false },
    },
  };
}

/**
 * @example parsePipelineConfig(JSON.parse(readFileSync('config.json', 'utf8')))
 * @throws ConfigError naming the key at fault (never its value)
 */
export function parsePipelineConfig(value: unknown, now: number = Date.now()): ParsedPipelineConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError('the config must be a JSON object');
  const raw = value as PipelineConfig;
  const auth = parseAuth(raw.credentials);
  const baseUrl = normalizeBaseUrl(optionalString(raw, 'base_url'), 'base_url');
  const rate = optionalString(raw, 'rate') ?? '3/s';
  if (rate !== 'off') {
    try {
      parseRateSpec(rate);
    } catch (error) {
      throw error instanceof ConfigError ? new ConfigError(`rate: ${error.message}`) : error;
    }
  }
  const dailyLimit = raw.daily_budget;
  if (dailyLimit !== undefined && !(Number.isSafeInteger(dailyLimit) && dailyLimit > 0)) throw new ConfigError('daily_budget must be a whole number of at least 1');
  const startText = optionalString(raw, 'start_date');
  const since = startText === undefined ? undefined : parseDateArgument(startText, now);
  if (startText !== undefined && since === undefined) throw new ConfigError('start_date must be an ISO-8601 date (2026-09-01) or a relative duration (90d)');
  const streams = raw.streams;
  if (streams !== undefined) {
    if (!Array.isArray(streams) || streams.some((s) => typeof s !== 'string' || !STREAM_NAMES.includes(s))) {
      throw new ConfigError(`streams must be a list of: ${STREAM_NAMES.join(', ')}`);
    }
  }
  if (raw.include_private !== undefined && typeof raw.include_private !== 'boolean') throw new ConfigError('include_private must be true or false');
  const maxRetryAfterMs = durationOf(raw, 'max_wait');
  const retryForMs = durationOf(raw, 'retry_for');
  return {
    raw,
    auth,
    baseUrl,
    rate: rate === 'off' ? false : rate,
    dailyLimit,
    retry: { ...(maxRetryAfterMs === undefined ? {} : { maxRetryAfterMs }), ...(retryForMs === undefined ? {} : { retryForMs }) },
    timeoutMs: durationOf(raw, 'timeout'),
    sync: {
      ...(streams ? { streams } : {}),
      ...(since === undefined ? {} : { since }),
      ...(durationOf(raw, 'lookback') === undefined ? {} : { lookbackMs: durationOf(raw, 'lookback') }),
      includePrivate: raw.include_private ?? false,
    },
  };
}

function parseAuth(value: unknown): AccessKeyAuth | OAuthAuth {
  const v = value as Record<string, unknown> | null | undefined;
  if (v === null || typeof v !== 'object') throw new ConfigError('credentials is missing: give an access key and secret (auth_type "access_key") or an OAuth app and refresh token (auth_type "oauth2")');
  const need = (key: string) => {
    const text = v[key];
    if (typeof text !== 'string' || text.trim() === '') throw new ConfigError(`credentials.${key} is missing or empty`);
    if (/\s/.test(text)) throw new ConfigError(`credentials.${key} must not contain whitespace (check for a stray space or newline)`);
    return text;
  };
  const type = v.auth_type ?? (v.refresh_token !== undefined ? 'oauth2' : 'access_key');
  if (type === 'access_key') {
    const accessKey = need('access_key');
    need('access_key_secret');
    if (accessKey.includes(':')) throw new ConfigError('credentials.access_key must not contain a colon (Basic auth splits on it)');
    return { ...(v as unknown as AccessKeyAuth), auth_type: 'access_key' };
  }
  if (type === 'oauth2') {
    for (const key of ['client_id', 'client_secret', 'refresh_token']) need(key);
    if (v.token_url !== undefined) normalizeBaseUrl(String(v.token_url), 'credentials.token_url');
    return { ...(v as unknown as OAuthAuth), auth_type: 'oauth2' };
  }
  throw new ConfigError('credentials.auth_type must be "access_key" or "oauth2"');
}

function optionalString(raw: object, key: string): string | undefined {
  const value = (raw as Record<string, unknown>)[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ConfigError(`${key} must be a string`);
  return value;
}

function durationOf(raw: object, key: string): number | undefined {
  const text = optionalString(raw, key);
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined) throw new ConfigError(`${key} is not a duration: use e.g. 3d, 12h, 30m, 45s`);
  return ms;
}
