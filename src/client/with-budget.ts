/** The budget layer: reserves one request of the day's budget before each attempt goes out. */
import type { ClientEventListener } from './client-events.js';
import type { Layer } from './request.js';
import type { RequestBudget } from './request-budget.js';

/** @example const send = withBudget(budget, onEvent)(inner); */
export function withBudget(budget: RequestBudget, onEvent: ClientEventListener = () => {}): Layer {
  return (next) => async (request) => {
    await budget.reserve();
    onEvent({ type: 'budget', used: budget.used(), remaining: budget.remaining() });
    return next(request);
  };
}
