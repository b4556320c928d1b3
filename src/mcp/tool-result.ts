import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { GongError } from '../errors.js';
import type { GongStore } from '../store/gong-store.js';
import { syncedThrough } from './synced-through.js';

/**
 * A tool's answer as one compact JSON text (a model reads it; indentation would only spend its
 * context), with `syncedThrough` saying how fresh the data is.
 */
export async function jsonResult(store: GongStore, data: Record<string, unknown>): Promise<CallToolResult> {
  return { content: [{ type: 'text', text: JSON.stringify({ ...data, syncedThrough: await syncedThrough(store) }) }] };
}

/** A tool answer that says, in one sentence, what was wrong and what exists instead. */
export function errorResult(sentence: string): CallToolResult {
  return { content: [{ type: 'text', text: sentence }], isError: true };
}

/**
 * Runs a tool's body: a `GongError` (an unknown call, a bad cursor, an ambiguous name; all
 * written for the user) becomes an `isError` result with its sentence, and anything else a
 * one-line `isError` too, never a protocol error or a crash of the server.
 */
export async function answer(fn: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof GongError) return errorResult(oneSentence(error.message));
    return errorResult(`the database failed while answering: ${oneSentence((error as Error).message ?? String(error))}`);
  }
}

function oneSentence(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
