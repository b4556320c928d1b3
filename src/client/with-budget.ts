/** The budget layer: reserves one request of the day's budget before each attempt goes out. */
import type { Layer } from './request.js';
import type { RequestBudget } from './request-budget.js';

/** @example const send = withBudget(budget)(inner); */
export function withBudget(budget: RequestBudget): Layer {
  return (next) => async (request) => {
    await budget.reserve();
    return next({ ...request, budgetLeft: budget.remaining() });
  };
}
