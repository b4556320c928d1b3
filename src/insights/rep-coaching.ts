/**
 * A coaching table per rep, from what the sync stored: calls hosted, the average talk ratio of
 * those calls (Gong's "Talk Ratio" interaction statistic: the company side's share of talk time),
 * and the scorecards managers filled in about the rep with their average overall score.
 */
import type { GongStore } from '../store/gong-store.js';

export interface RepCoaching {
  userId: string;
  name: string;
  callsHosted: number;
  /** 0..1, over the hosted calls Gong computed it for; null when none. */
  talkRatio: number | null;
  scorecards: number;
  /** The average of the overall questions' scores; null without a scored review. */
  averageScore: number | null;
}

/**
 * The reps with the most hosted calls first.
 *
 * @example for (const rep of await repCoaching(store, { limit: 10 })) console.log(rep.name, rep.talkRatio);
 */
export async function repCoaching(store: GongStore, options: { limit?: number } = {}): Promise<RepCoaching[]> {
  const hosted = await store.scoped
    .selectFrom('gong_calls as c')
    .leftJoin('gong_call_interaction_stats as s', (j) =>
      j.onRef('s.call_id', '=', 'c.id').on('s.name', '=', 'Talk Ratio'),
    )
    .innerJoin('gong_users as u', (j) => j.onRef('u.id', '=', 'c.primary_user_id'))
    .select([
      'u.id',
      'u.first_name',
      'u.last_name',
      'u.email',
      (eb) => eb.fn.count<number>('c.id').distinct().as('calls'),
      (eb) => eb.fn.avg<number | null>('s.value').as('talk_ratio'),
    ])
    .groupBy(['u.id', 'u.first_name', 'u.last_name', 'u.email'])
    .orderBy('calls', 'desc')
    .orderBy('u.id')
    .limit(options.limit ?? 10)
    .execute();
  if (hosted.length === 0) return [];
  const reviews = await store.scoped
    .selectFrom('gong_answered_scorecards as a')
    .leftJoin('gong_scorecard_answers as q', (j) =>
      j
        .onRef('q.answered_scorecard_id', '=', 'a.id')
        .on('q.is_overall', '=', store.engine.bool(true) as never),
    )
    .select(['a.reviewed_user_id', (eb) => eb.fn.count<number>('a.id').distinct().as('cards'), (eb) => eb.fn.avg<number | null>('q.score').as('score')])
    .where(
      'a.reviewed_user_id',
      'in',
      hosted.map((h) => h.id),
    )
    .groupBy('a.reviewed_user_id')
    .execute();
  const byUser = new Map(reviews.map((r) => [r.reviewed_user_id, r]));
  return hosted.map((h) => {
    const review = byUser.get(h.id);
    const name = [h.first_name, h.last_name].filter(Boolean).join(' ') || h.email || h.id;
    return {
      userId: h.id,
      name,
      callsHosted: Number(h.calls),
      talkRatio: h.talk_ratio === null ? null : Number(h.talk_ratio),
      scorecards: review ? Number(review.cards) : 0,
      averageScore: review?.score === null || review?.score === undefined ? null : Number(review.score),
    };
  });
}
