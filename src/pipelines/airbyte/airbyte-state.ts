/**
 * The state Airbyte hands back to `read --state`: the per-stream STATE messages last emitted
 * (an array of AirbyteStateMessage), each with our blob. A blob that is not ours (another
 * connector's, or a LEGACY state) is ignored: the stream starts afresh rather than trust it.
 */
import { ConfigError } from '../../errors.js';
import { isStreamBlob, type StreamBlob } from '../protocol-state.js';

export function parseAirbyteState(value: unknown): Map<string, StreamBlob> {
  const out = new Map<string, StreamBlob>();
  if (value === null || value === undefined) return out;
  const messages = Array.isArray(value) ? value : [value];
  for (const m of messages as { type?: string; stream?: { stream_descriptor?: { name?: string }; stream_state?: unknown } }[]) {
    if (m === null || typeof m !== 'object') throw new ConfigError('--state must be a list of Airbyte STATE messages');
    const name = m.stream?.stream_descriptor?.name;
    if (m.type === 'STREAM' && typeof name === 'string' && isStreamBlob(m.stream?.stream_state)) out.set(name, m.stream.stream_state);
  }
  return out;
}
